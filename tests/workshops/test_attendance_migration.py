"""The move from a yes/no attendance mark to four states keeps what each mark meant."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tests.conftest import make_pilot
from tests.factories import PastSessionFactory

BEFORE = [("workshops", "0004_session_soon_window")]
AFTER = [("workshops", "0005_attendance_states_check_in_materials")]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationLoader(connection).project_state(targets).apps


@pytest.fixture
def database(transactional_db):
    yield
    call_command("migrate", verbosity=0)  # the current schema again, for the tests after this


def test_present_becomes_present_and_not_present_becomes_absent(database):
    # People and the session with today's models: only the workshops app moves back and forth.
    pilot = make_pilot()
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    people = {pilot.participant.pk: True, pilot.other_participant.pk: False}
    old = migrate(BEFORE)
    Attendance = old.get_model("workshops", "Attendance")
    for membership_id, present in people.items():
        Attendance.objects.create(
            session_id=session.pk, membership_id=membership_id, present=present
        )

    new = migrate(AFTER)
    states = dict(
        new.get_model("workshops", "Attendance").objects.values_list("membership_id", "state")
    )
    assert states == {pk: "present" if present else "absent" for pk, present in people.items()}

"""The ledger's bulk insert and the planners' links: cheap per row, and the same as one by one."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Reminder, Rule
from notifications.paths import PathPattern
from notifications.services import Planned, schedule_many

pytestmark = pytest.mark.django_db

DUE = datetime(2027, 1, 12, 8, 0, tzinfo=UTC)


def _planned(pilot, member, period="2027-01-12", **context):
    return Planned(
        rule=Rule.GONE_QUIET,
        recipient_id=member.user_id,
        proeftuin_id=pilot.proeftuin.pk,
        subject_key=f"membership:{member.pk}",
        period=period,
        due_at=DUE,
        context={"days": 14, **context},
    )


def test_a_bulk_insert_writes_pending_rows_with_their_context_and_says_how_many(pilot):
    added = schedule_many(
        [_planned(pilot, pilot.participant, title="Één"), _planned(pilot, pilot.other_participant)]
    )
    assert added == 2
    row = Reminder.objects.get(recipient=pilot.participant.user)
    assert (row.state, row.attempts, row.last_error, row.due_at) == ("pending", 0, "", DUE)
    assert row.context == {"days": 14, "title": "Één"}
    assert row.proeftuin_id == pilot.proeftuin.pk
    assert row.created_at is not None


def test_a_reminder_in_the_ledger_is_not_inserted_again_nor_counted(pilot):
    schedule_many([_planned(pilot, pilot.participant)])
    again = [_planned(pilot, pilot.participant), _planned(pilot, pilot.other_participant)]
    assert schedule_many(again) == 1
    assert Reminder.objects.filter(recipient=pilot.participant.user).count() == 1
    assert Reminder.objects.count() == 2


def test_a_bulk_insert_is_one_query_for_one_row_or_many(pilot):
    with CaptureQueriesContext(connection) as one:
        schedule_many([_planned(pilot, pilot.participant)])
    many = [_planned(pilot, pilot.other_participant, period=f"day-{n}") for n in range(50)]
    with CaptureQueriesContext(connection) as fifty:
        assert schedule_many(many) == 50
    assert len(one) == len(fifty) == 1


def test_a_path_pattern_gives_the_same_link_as_reverse_for_every_row():
    session_path = PathPattern("workshops:session-detail", "pilot", "session")
    for pilot_id, session_id in [(1, 2), (42, 7), (123456, 9876543210)]:
        assert session_path(pilot=pilot_id, session=session_id) == reverse(
            "workshops:session-detail", kwargs={"pilot": pilot_id, "session": session_id}
        )
    assert PathPattern("proeftuin:pilot-home", "pilot")(pilot=5) == reverse(
        "proeftuin:pilot-home", kwargs={"pilot": 5}
    )

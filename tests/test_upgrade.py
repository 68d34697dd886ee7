"""Upgrading: a database of the previous release, with data, migrated to the current one."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

OUR_APPS = ("proeftuin", "learning", "workshops", "notifications")

# The last migration of each app in the previous release (the first round's).
PREVIOUS_RELEASE = [
    ("proeftuin", "0003_user_sessions_epoch"),
    ("learning", "0002_initial"),
    ("workshops", "0001_initial"),
    ("notifications", "0004_sweep_schedule"),
]


def current_release() -> list[tuple[str, str]]:
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return sorted(node for node in graph.leaf_nodes() if node[0] in OUR_APPS)


class Database:
    """The test database, moved between migration states as an upgrade moves it."""

    def migrate(self, targets):
        """Migrate (backwards or forwards) to `targets`; the models of that state."""
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return MigrationLoader(connection).project_state(targets).apps


@pytest.fixture
def database(transactional_db):
    yield Database()
    call_command("migrate", verbosity=0)  # the current schema again, for the tests after this


def test_the_previous_release_is_older_than_the_current_one():
    assert set(PREVIOUS_RELEASE) != set(current_release())


def test_an_upgrade_from_the_previous_release_keeps_every_row_and_fills_the_new_fields(
    database,
):
    old = database.migrate(PREVIOUS_RELEASE)
    User = old.get_model("proeftuin", "User")
    Organisation = old.get_model("proeftuin", "Organisation")
    Proeftuin = old.get_model("proeftuin", "Proeftuin")
    Membership = old.get_model("proeftuin", "Membership")
    AuditEvent = old.get_model("proeftuin", "AuditEvent")
    Session = old.get_model("workshops", "Session")
    Attendance = old.get_model("workshops", "Attendance")
    Activity = old.get_model("learning", "LearningActivity")
    Reminder = old.get_model("notifications", "Reminder")
    assert "data_sent_at" not in {f.name for f in Reminder._meta.fields}  # truly the old schema

    person = User.objects.create(email="deelnemer@example.org", password="!")
    coach = User.objects.create(email="coach@example.org", password="!")
    organisation = Organisation.objects.create(name="Gemeente", slug="gemeente")
    pilot = Proeftuin.objects.create(
        organisation=organisation,
        name="Proeftuin",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 1, 1),
    )
    membership = Membership.objects.create(user=person, proeftuin=pilot, role="participant")
    starts = timezone.now() - timedelta(days=3)
    session = Session.objects.create(
        proeftuin=pilot,
        kind="workshop",
        title="Draaitabellen",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    Attendance.objects.create(session=session, membership=membership, present=True)
    Activity.objects.create(
        membership=membership,
        kind="workshop",
        on=starts.date(),
        minutes=120,
        title="Draaitabellen",
        session=session,
    )
    AuditEvent.objects.create(
        actor=coach, subject=person, proeftuin=pilot, action="viewed", what="leerdoel"
    )
    AuditEvent.objects.create(actor=coach, subject=person, action="viewed", what="iets anders")
    Reminder.objects.create(
        rule="gone_quiet",
        recipient=person,
        proeftuin=pilot,
        subject_key=f"membership:{membership.pk}",
        period="2026-03",
        due_at=timezone.now(),
        state="sent",
        sent_at=timezone.now(),
    )
    # A send in flight while the upgrade ran: under the old rule its whole try was the window.
    in_flight_at = timezone.now() - timedelta(minutes=1)
    Reminder.objects.create(
        rule="gone_quiet",
        recipient=coach,
        subject_key="in-flight",
        period="2026-03",
        due_at=in_flight_at,
        state="sending",
        claimed_at=in_flight_at,
        send_started_at=in_flight_at,
    )

    new = database.migrate(current_release())
    User = new.get_model("proeftuin", "User")
    AuditEvent = new.get_model("proeftuin", "AuditEvent")
    Attendance = new.get_model("workshops", "Attendance")
    Activity = new.get_model("learning", "LearningActivity")
    Reminder = new.get_model("notifications", "Reminder")

    assert set(User.objects.values_list("email", flat=True)) == {
        "deelnemer@example.org",
        "coach@example.org",
    }
    assert Activity.objects.get().title == "Draaitabellen"
    assert Attendance.objects.get().created_activity is True
    assert sorted(AuditEvent.objects.values_list("code", "params")) == [
        ("learning.goal", {}),
        ("text", {"text": "iets anders"}),
    ]
    reminder = Reminder.objects.get(subject_key__startswith="membership:")
    assert (reminder.rule, reminder.state, reminder.period) == ("gone_quiet", "sent", "2026-03")
    in_flight = Reminder.objects.get(subject_key="in-flight")
    assert in_flight.data_sent_at == in_flight_at  # still flagged, not resent, if it died
    assert in_flight.handed_off_at == in_flight_at

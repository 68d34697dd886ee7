"""Upgrading: a database of the previous release, with data, migrated to the current one."""

from datetime import date, timedelta

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


def test_the_previous_release_is_older_than_the_current_one():
    assert set(PREVIOUS_RELEASE) != set(current_release())


def test_an_upgrade_from_the_previous_release_keeps_every_row_and_fills_the_new_fields(
    migrator,
):
    old = migrator.apply_initial_migration(PREVIOUS_RELEASE)
    User = old.apps.get_model("proeftuin", "User")
    Organisation = old.apps.get_model("proeftuin", "Organisation")
    Proeftuin = old.apps.get_model("proeftuin", "Proeftuin")
    Membership = old.apps.get_model("proeftuin", "Membership")
    AuditEvent = old.apps.get_model("proeftuin", "AuditEvent")
    Session = old.apps.get_model("workshops", "Session")
    Attendance = old.apps.get_model("workshops", "Attendance")
    Activity = old.apps.get_model("learning", "LearningActivity")
    Reminder = old.apps.get_model("notifications", "Reminder")

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

    new = migrator.apply_tested_migration(current_release())
    User = new.apps.get_model("proeftuin", "User")
    AuditEvent = new.apps.get_model("proeftuin", "AuditEvent")
    Attendance = new.apps.get_model("workshops", "Attendance")
    Activity = new.apps.get_model("learning", "LearningActivity")
    Reminder = new.apps.get_model("notifications", "Reminder")

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
    reminder = Reminder.objects.get()
    assert (reminder.rule, reminder.state, reminder.period) == ("gone_quiet", "sent", "2026-03")

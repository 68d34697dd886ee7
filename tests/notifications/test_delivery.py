"""Delivery in-process: one mail per reminder, in the recipient's language, and honest states."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from notifications import services
from notifications.models import NotificationPreference, Reminder, Rule
from tests.factories import ReminderFactory

from .conftest import local, make_session, register, running_through

pytestmark = pytest.mark.django_db
State = Reminder.State


@pytest.fixture(autouse=True)
def _only_session_planner(monkeypatch):
    # Other rules would plan for the fixture's people at today's real date (the coach on the
    # 15th ...); these tests look at delivery.
    from notifications import registry

    monkeypatch.setattr(registry, "PLANNERS", ["workshops.reminders.plan_session_reminders"])


def _due(membership, **fields):
    return ReminderFactory(recipient=membership.user, proeftuin=membership.proeftuin, **fields)


def test_a_due_reminder_is_mailed_once_in_plain_text_and_html(pilot):
    reminder = _due(pilot.participant)
    services.sweep()
    services.sweep()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [pilot.participant.user.email]
    assert "Hoe gaat het met leren?" in message.subject
    assert "15 dagen niets gelogd" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "15 dagen niets gelogd" in html
    assert message.extra_headers["Message-ID"] == f"<reminder-{reminder.pk}.gone_quiet@127.0.0.1>"
    reminder.refresh_from_db()
    assert reminder.state == State.SENT and reminder.attempts == 1 and reminder.sent_at


def test_a_reminder_not_yet_due_waits(pilot):
    _due(pilot.participant, due_at=timezone.now() + timedelta(minutes=5))
    services.sweep()
    assert mail.outbox == []


def test_the_mail_is_in_the_recipients_language(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)
    register(session, pilot.other_participant)
    english = pilot.other_participant.user
    english.language = "en"
    english.save()
    services.sweep(now=local(2027, 1, 12, 9, 0))
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[pilot.participant.user.email].subject.startswith("donderdag 14 januari")
    assert by_person[english.email].subject.startswith("Thursday 14 January")
    assert 'lang="en"' in by_person[english.email].alternatives[0][0]


def test_a_session_reminder_carries_the_sessions_ics(pilot):
    from icalendar import Calendar

    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, timezone.now() + timedelta(days=1, hours=3))
    register(session, pilot.participant)
    moment = session.starts_at - timedelta(hours=2)
    services.sweep(now=moment)
    [message] = mail.outbox
    assert session.title in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar" and filename.endswith(".ics")
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["summary"]) == session.title


def test_a_reminder_for_a_session_cancelled_after_planning_is_skipped(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, timezone.now() + timedelta(days=1, hours=3))
    register(session, pilot.participant)
    moment = session.starts_at - timedelta(hours=2)
    services.plan_due(now=moment)
    session.status = "cancelled"
    session.save()
    services.sweep(now=moment)
    assert mail.outbox == []
    assert Reminder.objects.get().state == State.SKIPPED


def test_someone_who_opted_out_after_planning_is_skipped(pilot):
    reminder = _due(pilot.participant)
    NotificationPreference.objects.create(user=pilot.participant.user, rule=reminder.rule)
    services.sweep()
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.state == State.SKIPPED


def test_a_reminder_to_someone_who_left_the_pilot_is_skipped(pilot):
    reminder = _due(pilot.participant)
    pilot.participant.is_active = False
    pilot.participant.save()
    services.sweep()
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.state == State.SKIPPED


def test_a_second_delivery_of_the_same_id_sends_nothing(pilot):
    reminder = _due(pilot.participant)
    [claimed] = services.claim_due(now=timezone.now())
    assert services.deliver(reminder_id=claimed) == "sent"
    assert services.deliver(reminder_id=claimed) == "noop"
    assert len(mail.outbox) == 1
    assert claimed == reminder.pk


class FlakySmtp:
    """An e-mail backend that fails with an SMTP error."""

    error: Exception = smtplib.SMTPResponseException(451, b"try again later")

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise self.error


def test_a_transient_smtp_error_is_retried_and_after_the_last_try_shown_as_failed(
    pilot, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FlakySmtp"
    settings.REMINDER_MAX_ATTEMPTS = 3
    reminder = _due(pilot.participant)
    [claimed] = services.claim_due(now=timezone.now())
    for _ in range(2):
        with pytest.raises(services.TransientSendError):
            services.deliver(reminder_id=claimed)
        reminder.refresh_from_db()
        assert reminder.state == State.SENDING and reminder.send_started_at is None
    assert services.deliver(reminder_id=claimed) == "failed"
    reminder.refresh_from_db()
    assert reminder.state == State.FAILED
    assert reminder.attempts == 3
    assert "451" in reminder.last_error


def test_a_permanent_smtp_error_fails_at_once(pilot, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FlakySmtp"
    monkeypatch.setattr(
        FlakySmtp, "error", smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no")})
    )
    reminder = _due(pilot.participant)
    services.sweep()
    reminder.refresh_from_db()
    assert reminder.state == State.FAILED and reminder.attempts == 1


def test_a_claim_that_expires_after_the_end_of_data_becomes_ambiguous_and_is_not_resent(pilot):
    reminder = _due(pilot.participant)
    now = timezone.now()
    services.claim_due(now=now)
    # A worker sent the message to its end and died before the server's reply:
    Reminder.objects.filter(pk=reminder.pk).update(
        send_started_at=now, data_sent_at=now, attempts=1
    )
    services.sweep(now=now + timedelta(minutes=10))
    assert Reminder.objects.get(pk=reminder.pk).state == State.SENDING  # claim still valid
    services.sweep(now=now + timedelta(minutes=16))
    reminder.refresh_from_db()
    assert reminder.state == State.AMBIGUOUS
    assert mail.outbox == []


def test_a_claim_that_expires_in_a_try_that_never_reached_the_end_of_data_is_sent_again(pilot):
    reminder = _due(pilot.participant)
    now = timezone.now()
    services.claim_due(now=now)
    # A worker began a try (MAIL, RCPT, part of DATA) and died: the server accepted nothing.
    Reminder.objects.filter(pk=reminder.pk).update(send_started_at=now, attempts=1)
    services.sweep(now=now + timedelta(minutes=16))
    reminder.refresh_from_db()
    assert reminder.state == State.SENT
    assert len(mail.outbox) == 1


def test_a_claim_that_expires_before_the_send_began_is_sent_by_the_next_sweep(pilot):
    reminder = _due(pilot.participant)
    now = timezone.now()
    services.claim_due(now=now)  # ... and the trigger was lost with a Redis restart
    services.sweep(now=now + timedelta(minutes=16))
    reminder.refresh_from_db()
    assert reminder.state == State.SENT
    assert len(mail.outbox) == 1


def test_the_admin_can_resend_or_mark_sent_an_ambiguous_reminder(pilot, admin_client):
    first = _due(pilot.participant, state=State.AMBIGUOUS)
    second = _due(pilot.other_participant, state=State.AMBIGUOUS)
    url = "/admin/notifications/reminder/"
    page = admin_client.get(url, {"state__exact": "ambiguous"})
    assert page.status_code == 200
    # Escaped as the page shows it: Faker's Dutch names include "van 't Wel" and "'s Gravensande".
    assert escape(str(first.recipient)) in page.content.decode()

    admin_client.post(url, {"action": "resend", "_selected_action": [first.pk]})
    admin_client.post(url, {"action": "mark_sent", "_selected_action": [second.pk]})
    services.sweep()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == State.SENT and second.state == State.SENT
    assert [m.to for m in mail.outbox] == [[first.recipient.email]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<reminder-{first.pk}.")


def test_a_coach_cannot_see_the_reminder_ledger_in_the_admin(pilot, client_for):
    response = client_for(pilot.coach).get("/admin/notifications/reminder/")
    assert response.status_code == 403


def test_send_due_reminders_sends_once_for_the_same_moment(pilot, capsys):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)
    call_command("send_due_reminders", "--now", "2027-01-12T09:00:00+01:00")
    call_command("send_due_reminders", "--now", "2027-01-12T09:00:00+01:00")
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().rule == Rule.SESSION_SOON
    output = capsys.readouterr().out
    assert "planned 1" in output and "planned 0" in output


def test_send_due_reminders_rejects_a_moment_that_is_not_iso_8601():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ISO-8601"):
        call_command("send_due_reminders", "--now", "next tuesday")


def test_one_beat_entry_runs_the_sweep_every_two_minutes_from_the_database():
    from django_celery_beat.models import PeriodicTask

    [task] = PeriodicTask.objects.filter(task="notifications.tasks.sweep_reminders")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (2, "minutes")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("cancelled", "Geannuleerd: Data & ethiek"),
        ("moved", "Gewijzigd: Data & ethiek"),
        ("moved_up", "Er is plek voor je: Data & ethiek"),
    ],
)
def test_a_changed_session_mail_says_what_changed(pilot, change, expected):
    starts = local(2027, 1, 14, 12, 0)
    _due(
        pilot.participant,
        rule=Rule.SESSION_CHANGED,
        context={
            "change": change,
            "title": "Data & ethiek",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "location": "Zaal 2",
            "url": "http://127.0.0.1:8000/p/1/bijeenkomsten/1/",
        },
    )
    services.sweep()
    [message] = mail.outbox
    assert message.subject == expected
    assert "donderdag 14 januari" in message.body

"""The window SMTP cannot close is only the end of DATA to the reply (notifications/smtp.py).

A worker killed at any earlier step of the SMTP conversation leaves a row that is sent again;
killed inside the window, the row is flagged ambiguous and never resent.
"""

import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends import smtp as django_smtp
from django.utils import timezone

from notifications import services
from notifications.models import Reminder
from tests.factories import ReminderFactory

pytestmark = pytest.mark.django_db
State = Reminder.State
AFTER_CLAIM_EXPIRED = timedelta(minutes=16)


class Killed(BaseException):
    """The process died here: nothing after this line of the worker runs."""


@pytest.fixture(autouse=True)
def _no_planners(monkeypatch):
    from notifications import registry

    monkeypatch.setattr(registry, "PLANNERS", [])


@pytest.fixture
def smtp_server(smtp_sink, settings):
    settings.EMAIL_BACKEND = "notifications.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    return smtp_sink


def _fail_at(monkeypatch, step: str, error: BaseException) -> None:
    """Make the SMTP client raise `error` at one step of the conversation."""
    real_send, real_getreply, real_putcmd = (
        smtplib.SMTP.send,
        smtplib.SMTP.getreply,
        smtplib.SMTP.putcmd,
    )
    final_dot_sent = []

    def fail(client, *_args, **_kwargs):
        if isinstance(error, smtplib.SMTPServerDisconnected):
            client.close()  # a lost connection is gone for the goodbye too
        raise error

    def send(self, data):
        if step == "message" and isinstance(data, bytes) and b"Message-ID:" in data:
            real_send(self, data[: len(data) // 2])
            fail(self)
        if data == b".\r\n":
            if step == "final dot":
                fail(self)
            final_dot_sent.append(True)
        return real_send(self, data)

    def getreply(self):
        if step == "reply" and final_dot_sent:
            # The server's answer has come, so it has taken the message; the worker dies before
            # it hears of it. Failing before the server answered would race the server's own
            # thread, which drops the message when it sees the connection go first.
            real_getreply(self)
            fail(self)
        return real_getreply(self)

    def putcmd(self, cmd, args=""):
        if step == "data" and cmd == "data":
            fail(self)
        return real_putcmd(self, cmd, args)

    monkeypatch.setattr(smtplib.SMTP, "send", send)
    monkeypatch.setattr(smtplib.SMTP, "getreply", getreply)
    monkeypatch.setattr(smtplib.SMTP, "putcmd", putcmd)
    if step in ("connect", "mail", "rcpt"):
        monkeypatch.setattr(smtplib.SMTP, step, fail)
    if isinstance(error, Killed):
        # A killed process closes nothing politely: the server just sees the socket go.
        def close(self):
            if self.connection is not None:
                self.connection.close()
            self.connection = None

        monkeypatch.setattr(django_smtp.EmailBackend, "close", close)


def _killed_during(step, monkeypatch, pilot):
    reminder = ReminderFactory(recipient=pilot.participant.user, proeftuin=pilot.proeftuin)
    now = timezone.now()
    [claimed] = services.claim_due(now=now)
    with monkeypatch.context() as patch:
        _fail_at(patch, step, Killed())
        with pytest.raises(Killed):
            services.deliver(reminder_id=claimed)
    return reminder, now


@pytest.mark.parametrize("step", ["connect", "mail", "rcpt", "data", "message"])
def test_a_worker_killed_before_the_end_of_data_leaves_a_row_the_next_sweep_sends_once(
    step, monkeypatch, pilot, smtp_server
):
    reminder, now = _killed_during(step, monkeypatch, pilot)
    assert smtp_server.messages == []

    services.sweep(now=now + AFTER_CLAIM_EXPIRED)
    reminder.refresh_from_db()
    assert reminder.state == State.SENT
    assert smtp_server.message_ids() == [f"<reminder-{reminder.pk}.gone_quiet@127.0.0.1>"]


@pytest.mark.parametrize("step", ["final dot", "reply"])
def test_a_worker_killed_between_the_end_of_data_and_the_reply_leaves_an_ambiguous_row(
    step, monkeypatch, pilot, smtp_server
):
    reminder, now = _killed_during(step, monkeypatch, pilot)
    accepted = len(smtp_server.messages)
    assert accepted == (1 if step == "reply" else 0)

    services.sweep(now=now + AFTER_CLAIM_EXPIRED)
    reminder.refresh_from_db()
    assert reminder.state == State.AMBIGUOUS
    services.sweep(now=now + 2 * AFTER_CLAIM_EXPIRED)
    assert len(smtp_server.messages) == accepted


@pytest.mark.parametrize("step", ["mail", "rcpt", "data", "message"])
def test_a_connection_lost_before_the_end_of_data_is_retried_and_sent_once(
    step, monkeypatch, pilot, smtp_server
):
    reminder = ReminderFactory(recipient=pilot.participant.user, proeftuin=pilot.proeftuin)
    [claimed] = services.claim_due(now=timezone.now())
    with monkeypatch.context() as patch:
        _fail_at(patch, step, smtplib.SMTPServerDisconnected("connection lost"))
        with pytest.raises(services.TransientSendError):
            services.deliver(reminder_id=claimed)
    row = Reminder.objects.get(pk=reminder.pk)
    assert (row.state, row.data_sent_at) == (State.SENDING, None)

    assert services.deliver(reminder_id=claimed) == "sent"
    assert len(smtp_server.messages) == 1


def test_a_connection_lost_while_waiting_for_the_reply_flags_the_row_at_once(
    monkeypatch, pilot, smtp_server
):
    reminder = ReminderFactory(recipient=pilot.participant.user, proeftuin=pilot.proeftuin)
    [claimed] = services.claim_due(now=timezone.now())
    with monkeypatch.context() as patch:
        _fail_at(patch, "reply", smtplib.SMTPServerDisconnected("connection lost"))
        assert services.deliver(reminder_id=claimed) == "ambiguous"
    reminder.refresh_from_db()
    assert reminder.state == State.AMBIGUOUS
    assert "antwoordde niet" in reminder.last_error
    services.sweep(now=timezone.now() + AFTER_CLAIM_EXPIRED)
    assert len(smtp_server.messages) == 1


def test_a_try_again_reply_to_the_message_is_retried_as_not_accepted(pilot, smtp_server):
    smtp_server.replies.append("451 4.3.0 try again later")
    reminder = ReminderFactory(recipient=pilot.participant.user, proeftuin=pilot.proeftuin)
    [claimed] = services.claim_due(now=timezone.now())
    with pytest.raises(services.TransientSendError):
        services.deliver(reminder_id=claimed)
    assert Reminder.objects.get(pk=reminder.pk).data_sent_at is None
    assert services.deliver(reminder_id=claimed) == "sent"
    assert len(smtp_server.messages) == 1


def test_smtp_from_email_url_goes_through_the_backend_that_marks_the_window(monkeypatch):
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.EMAIL_BACKEND)"],
        env={**os.environ, "EMAIL_URL": "smtp://mail.example.org:587"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "notifications.smtp.EmailBackend"

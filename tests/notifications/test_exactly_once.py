"""Never lost, never doubled: real Redis, real worker processes and a local SMTP server.

The one window SMTP cannot close (the mail was accepted, the worker died before recording it)
ends as an `ambiguous` row for a person to review, never as a second mail (docs/reminders.md).
"""

import contextlib
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from notifications import registry, services
from notifications.models import Reminder
from notifications.tasks import send_reminder
from proeftuin.months import last_of_month
from tests.factories import ReminderFactory

from ..conftest import ROOT, _database_url_of_test_db, worker_is_idle
from .conftest import kill_worker, running_through

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
State = Reminder.State
AFTER_CLAIM_EXPIRED = timedelta(minutes=16)


@pytest.fixture(autouse=True)
def _no_planners(monkeypatch):
    # Only the rows a test makes; the rules would otherwise plan for today's real date.
    monkeypatch.setattr(registry, "PLANNERS", [])


def _due(membership, **fields):
    return ReminderFactory(recipient=membership.user, proeftuin=membership.proeftuin, **fields)


def _state(reminder) -> str:
    return Reminder.objects.get(pk=reminder.pk).state


def wait_until(condition, timeout: float = 120, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _sweep(now=None):
    return services.sweep(now=now, send=send_reminder.delay)


def test_a_reminder_goes_through_redis_and_a_worker_to_smtp_exactly_once(
    pilot, smtp_sink, start_worker
):
    worker = start_worker(EMAIL_URL=smtp_sink.url)
    reminder = _due(pilot.participant)
    _sweep()
    wait_until(lambda: _state(reminder) == State.SENT, what="the reminder to be sent")
    _sweep()
    send_reminder.delay(reminder.pk)  # a duplicated trigger, as Redis may redeliver
    wait_until(lambda: worker_is_idle(worker), what="the worker to handle the duplicate")
    assert smtp_sink.message_ids() == [f"<reminder-{reminder.pk}.gone_quiet@127.0.0.1>"]
    assert smtp_sink.messages[0]["To"] == pilot.participant.user.email


def test_a_pool_process_killed_after_smtp_accepted_sends_nothing_twice_and_flags_the_row(
    pilot, smtp_sink, start_worker
):
    worker = start_worker(EMAIL_URL=smtp_sink.url, NOTIFICATIONS_FAULT_AFTER_SEND="kill")
    reminder = _due(pilot.participant)
    _sweep()
    wait_until(lambda: len(smtp_sink.messages) == 1, what="SMTP to accept the mail")
    # The task is requeued (reject_on_worker_lost) and redelivered to a fresh pool process,
    # which finds the send already begun and does nothing.
    wait_until(lambda: worker_is_idle(worker), what="the redelivered task to be handled")
    row = Reminder.objects.get(pk=reminder.pk)
    assert row.state == State.SENDING and row.send_started_at is not None
    _sweep(now=timezone.now() + AFTER_CLAIM_EXPIRED)
    assert _state(reminder) == State.AMBIGUOUS
    wait_until(lambda: worker_is_idle(worker), what="the worker to be idle")  # nothing requeued
    assert len(smtp_sink.messages) == 1


def test_a_whole_worker_sigkilled_inside_the_window_leaves_one_mail_and_an_ambiguous_row(
    pilot, smtp_sink, start_worker
):
    worker = start_worker(EMAIL_URL=smtp_sink.url, NOTIFICATIONS_FAULT_AFTER_SEND="sleep:120")
    reminder = _due(pilot.participant)
    _sweep()
    wait_until(lambda: len(smtp_sink.messages) == 1, what="SMTP to accept the mail")
    kill_worker(worker)
    second = start_worker(EMAIL_URL=smtp_sink.url)
    _sweep()  # the claim has not expired: nothing happens
    assert _state(reminder) == State.SENDING
    _sweep(now=timezone.now() + AFTER_CLAIM_EXPIRED)
    assert _state(reminder) == State.AMBIGUOUS
    wait_until(lambda: worker_is_idle(second), what="the second worker to be idle")
    assert len(smtp_sink.messages) == 1


def _restart_redis(*, lose_queued_messages: bool) -> None:
    """Shut the test Redis down and start it again with the same options."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    config = {key: client.config_get(key)[key] for key in ("dir", "port", "pidfile", "logfile")}
    if lose_queued_messages:
        client.flushall()  # a Redis without persistence comes back empty
    with contextlib.suppress(redis.exceptions.ConnectionError):
        client.shutdown(nosave=not lose_queued_messages)
    for _ in range(100):
        try:
            client.ping()
            time.sleep(0.1)
        except redis.exceptions.ConnectionError:
            break
    # The same options as scripts/test.sh, so its clean-up still stops this server.
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(config["port"]),
            "--bind",
            "127.0.0.1",
            "--dir",
            config["dir"],
            "--appendonly",
            "yes",
            "--save",
            "",
            "--maxmemory-policy",
            "noeviction",
            "--daemonize",
            "yes",
            "--pidfile",
            config["pidfile"],
            "--logfile",
            config["logfile"],
        ],
        check=True,
    )
    wait_until(lambda: _pings(client), timeout=20, what="Redis to come back")
    # This process's Celery connections died with the old server: start afresh.
    from kombu import pools

    from config.celery import app

    pools.reset()  # kombu's process-wide pools still hold the dead connections
    app._pool = None
    app.amqp._producer_pool = None
    wait_until(lambda: _control_answers(app), timeout=20, what="Celery to reconnect")


def _control_answers(app) -> bool:
    try:
        app.control.ping(timeout=0.1)
        return True
    except Exception:  # a stale pooled connection fails once, then reconnects
        return False


def _pings(client) -> bool:
    try:
        return client.ping()
    except redis.exceptions.ConnectionError:
        return False


def test_triggers_lost_in_a_redis_restart_are_sent_by_a_later_sweep_once(
    pilot, smtp_sink, start_worker
):
    reminders = [_due(m) for m in (pilot.participant, pilot.other_participant)]
    _sweep()  # claimed and queued, but no worker is running yet
    _restart_redis(lose_queued_messages=True)
    worker = start_worker(EMAIL_URL=smtp_sink.url)
    wait_until(lambda: worker_is_idle(worker), what="the worker to find its queue empty")
    assert smtp_sink.messages == []
    _sweep(now=timezone.now() + AFTER_CLAIM_EXPIRED)
    wait_until(lambda: all(_state(r) == State.SENT for r in reminders), what="both sent")
    assert sorted(smtp_sink.message_ids()) == sorted(
        f"<reminder-{r.pk}.gone_quiet@127.0.0.1>" for r in reminders
    )


def test_triggers_kept_through_a_redis_restart_are_sent_once(pilot, smtp_sink, start_worker):
    reminder = _due(pilot.participant)
    _sweep()
    _restart_redis(lose_queued_messages=False)
    worker = start_worker(EMAIL_URL=smtp_sink.url)
    wait_until(lambda: _state(reminder) == State.SENT, what="the reminder to be sent")
    _sweep(now=timezone.now() + AFTER_CLAIM_EXPIRED)
    wait_until(lambda: worker_is_idle(worker), what="the worker to be idle")
    assert len(smtp_sink.messages) == 1


def test_transient_smtp_errors_are_retried_with_backoff_and_then_shown_as_failed(
    pilot, smtp_sink, start_worker
):
    smtp_sink.always_reply = "451 4.3.0 Mailbox temporarily unavailable"
    start_worker(EMAIL_URL=smtp_sink.url, REMINDER_RETRY_BACKOFF="1", REMINDER_MAX_ATTEMPTS="3")
    reminder = _due(pilot.participant)
    _sweep()
    wait_until(lambda: _state(reminder) == State.FAILED, what="the reminder to fail")
    row = Reminder.objects.get(pk=reminder.pk)
    assert row.attempts == 3 and "451" in row.last_error
    assert smtp_sink.data_commands == 3


def test_two_sweeps_running_at_once_send_each_reminder_once(pilot, smtp_sink):
    today = timezone.localdate()
    # The pilot ends this month, so no "plan next month" reminder joins in.
    running_through(
        pilot.proeftuin,
        start=today - timedelta(days=90),
        end=last_of_month(today),
    )
    for _ in range(10):
        for member in (pilot.participant, pilot.other_participant, pilot.third_participant):
            _due(member)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_of_test_db(),
        "DJANGO_CONN_MAX_AGE": "0",
        "EMAIL_URL": smtp_sink.url,
    }
    command = [sys.executable, "manage.py", "send_due_reminders"]
    sweeps = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(2)]
    assert [p.wait(timeout=120) for p in sweeps] == [0, 0]
    # The sweeps also plan what is really due today (the director's monthly digest, say);
    # exactly-once is about the thirty planted here, each sent once.
    planted = Reminder.objects.filter(subject_key__startswith="test:")
    assert planted.count() == 30
    assert planted.filter(state=State.SENT).count() == 30
    ids = smtp_sink.message_ids()
    sent = Reminder.objects.filter(state=State.SENT).count()
    assert len(ids) == sent and len(set(ids)) == sent

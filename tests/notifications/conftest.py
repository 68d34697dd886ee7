"""Fixtures of the reminder tests: domain objects, an SMTP sink and workers with options."""

import asyncio
import email
import os
import signal
import socket
import subprocess
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from learning.models import Experiment, Skill, SkillGoal
from workshops.models import Registration, Session

from ..conftest import launch_worker

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args) -> datetime:
    """An Amsterdam wall-clock moment, e.g. local(2027, 3, 28, 9, 0)."""
    return datetime(*args, tzinfo=AMS)


def running_through(proeftuin, start=date(2026, 9, 1), end=date(2027, 12, 31)):
    """Fixed pilot dates, so tests at fixed moments do not depend on today's date."""
    proeftuin.starts_on, proeftuin.ends_on = start, end
    proeftuin.save(update_fields=["starts_on", "ends_on"])
    return proeftuin


def make_session(proeftuin, starts_at, *, title="Werken met draaitabellen", **fields):
    return Session.objects.create(
        proeftuin=proeftuin,
        kind=fields.pop("kind", Session.Kind.WORKSHOP),
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        location=fields.pop("location", "Zaal 2"),
        **fields,
    )


def register(session, membership, response=Registration.Response.GOING):
    return Registration.objects.create(session=session, membership=membership, response=response)


def make_goal(membership, due_on, **fields):
    skill, _ = Skill.objects.get_or_create(
        organisation=membership.proeftuin.organisation,
        key="spreadsheets",
        defaults={"dimension": "data_analysis", "name": "Analyseren met een spreadsheet"},
    )
    return SkillGoal.objects.create(
        membership=membership,
        skill=skill,
        statement=fields.pop("statement", "Een draaitabel maken"),
        start_level=1,
        target_level=3,
        current_level=1,
        starts_on=due_on - timedelta(days=60),
        due_on=due_on,
        **fields,
    )


def make_experiment(membership, planned_end, **fields):
    return Experiment.objects.create(
        owner=membership,
        title=fields.pop("title", "Wachttijden in kaart"),
        question="Waar lopen aanvragen vast?",
        planned_start=planned_end - timedelta(days=30),
        planned_end=planned_end,
        **fields,
    )


# --- an SMTP server that stores what it accepts ----------------------------------------------


class SmtpSink:
    """Accepts mail (or answers with queued SMTP replies, e.g. "451 ...") and keeps it."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.replies: list[str] = []
        self.always_reply: str | None = None
        self.data_commands = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.data_commands += 1
            if self.always_reply:
                return self.always_reply
            if self.replies:
                return self.replies.pop(0)
            self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    controller.start()
    sink.port = port
    sink.url = f"smtp://127.0.0.1:{port}"
    yield sink
    controller.stop()


# --- real worker processes with extra environment ---------------------------------------------


@pytest.fixture
def start_worker(transactional_db):
    """Start a real Celery worker (own process group) with extra environment variables."""
    started: list[subprocess.Popen] = []

    def start(**extra_env: str) -> subprocess.Popen:
        # Its own process group, so a test can SIGKILL the worker and its pool at once.
        process = launch_worker(
            extra_env=extra_env,
            log_name=f"test-worker-{len(started)}.log",
            start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        kill_worker(process, signal.SIGTERM)


def kill_worker(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
    """Signal the worker's whole process group (main process and pool children)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

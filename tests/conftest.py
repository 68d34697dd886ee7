"""Fixtures shared by the whole suite."""

import functools
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from proeftuin.models import Membership, Proeftuin
from tests.login_flow import mark_session_past_second_factor

from . import factories
from .oidc_provider.fixture import oidc_provider  # noqa: F401  (a fixture for every test file)

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Pilot:
    """One pilot with a coach, a director and three participants."""

    proeftuin: Proeftuin
    coach: Membership
    director: Membership
    participant: Membership
    other_participant: Membership
    third_participant: Membership


def make_pilot(**pilot_fields) -> Pilot:
    proeftuin = factories.ProeftuinFactory(**pilot_fields)
    return Pilot(
        proeftuin=proeftuin,
        coach=factories.CoachFactory(proeftuin=proeftuin),
        director=factories.DirectorFactory(proeftuin=proeftuin),
        participant=factories.ParticipantFactory(proeftuin=proeftuin),
        other_participant=factories.ParticipantFactory(proeftuin=proeftuin),
        third_participant=factories.ParticipantFactory(proeftuin=proeftuin),
    )


@pytest.fixture
def pilot(db) -> Pilot:
    return make_pilot()


@pytest.fixture
def other_pilot(db) -> Pilot:
    """A pilot of another organisation: none of its data may leak into `pilot`."""
    return make_pilot()


@pytest.fixture
def client_for(client):
    """Log a test client in as the user of a membership (or a user)."""

    def login(who):
        user = getattr(who, "user", who)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        # Coaches, directors and admins must pass a second factor: this session has.
        mark_session_past_second_factor(client.session, user)
        return client

    return login


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, past the second factor that admins must give."""
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    mark_session_past_second_factor(client.session, admin_user)
    return client


@pytest.fixture(autouse=True)
def _plain_test_settings(settings):
    # The production authentication stack: the lockout is on in every test (logging in goes
    # through axes, which wants the request), and the second factor is what security.py enforces.
    settings.AXES_ENABLED = True
    # The production hasher is slow on purpose; tests hash thousands of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = False


WORKER_OPTIONS = [
    "--pool=prefork",
    "--concurrency=1",
    "--loglevel=INFO",
    "--without-gossip",
    "--without-mingle",
    "--without-heartbeat",
]


@functools.cache
def test_queue() -> str:
    """The queue of this test run's workers, named after its database (one per checkout)."""
    return f"tests-{settings.DATABASES['default']['NAME'].removeprefix('test_')}"


@pytest.fixture(scope="session", autouse=True)
def _tasks_go_to_this_runs_queue():
    """What the tests queue goes to this run's own queue, which only its own workers read.

    Another checkout's test run may use the same Redis; its workers, on its own database, would
    otherwise take these tasks and find no such reminder, and these would wait in vain.
    """
    from config.celery import app

    # The settings' name: with the CELERY namespace it wins over "task_default_queue".
    app.conf.CELERY_TASK_DEFAULT_QUEUE = test_queue()
    for cached in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(cached, None)
    assert app.amqp.router.route({}, "notifications.tasks.send_reminder")["queue"].name == (
        test_queue()
    )


_started_workers = iter(range(1, 10_000))


def launch_worker(*, extra_env: dict | None = None, log_name: str = "test-worker.log", **popen):
    """Start a real Celery worker process on the test database and the test Redis; wait for it.

    It reads this run's queue only and is waited for by its own name: a worker of another run
    on the same Redis answers too, and would let a test begin before its worker is there.
    """
    queue = test_queue()
    node = f"{queue}-{next(_started_workers)}@{socket.gethostname()}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_of_test_db(),
        "DJANGO_CONN_MAX_AGE": "0",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        **(extra_env or {}),
    }
    log = open(ROOT / "var" / log_name, "w") if (ROOT / "var").is_dir() else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            *WORKER_OPTIONS,
            "--queues",
            queue,
            "--hostname",
            node,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        **popen,
    )
    process.node = node
    _wait_for_worker(process)
    return process


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real Celery worker in its own process, on the test database and the test Redis."""
    process = launch_worker()
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _database_url_of_test_db() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_for_worker(process, timeout: float = 120) -> None:
    from config.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited with {process.returncode}")
        if app.control.ping(destination=[process.node], timeout=0.5):
            return
    raise RuntimeError(f"Celery worker {process.node} did not answer within {timeout:.0f} s")


def worker_is_idle(*workers) -> bool:
    """Nothing of this run waits in its queue, and these workers run, hold or plan no task."""
    import redis

    from config.celery import app

    if redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(test_queue()):
        return False
    nodes = [w.node for w in workers]
    inspect = app.control.inspect(destination=nodes, timeout=1)
    answers = [inspect.active(), inspect.reserved(), inspect.scheduled()]
    return all(
        answer is not None and set(answer) == set(nodes) and not any(answer.values())
        for answer in answers
    )

"""Replicas as compose runs them: two gunicorn web processes, two Celery workers and beat, on one
PostgreSQL (the test database) and one Redis of this test's own (appendonly, as in production).

What must hold: a limit is the limit across web processes, not a multiple of it; a rolling
restart of the workers loses and doubles no reminder; a Redis restart keeps the throttle's count
and the queued triggers. Every wait polls a condition with a deadline; every process a test
starts is stopped when it ends, also when it fails.
"""

import ast
import asyncio
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from notifications.models import Reminder
from proeftuin.models import User
from tests.factories import PASSWORD, ReminderFactory
from tests.notifications.conftest import SmtpSink

from .conftest import ROOT, _database_url_of_test_db

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
State = Reminder.State
HOST = socket.gethostname()


def wait_until(condition, *, timeout: float = 90, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def free_port() -> int:
    """A free port above 57200 (below are the shared development servers)."""
    for _ in range(200):
        port = random.randint(57201, 60999)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port above 57200")


class Processes:
    """The processes a test started, each stopped (SIGTERM, then SIGKILL) when the test ends."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], env: dict) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "a")
        # Its own process group: a stop reaches gunicorn's and Celery's children too.
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.running[name] = process
        return process

    def stop(self, name: str, timeout: float = 60) -> int:
        """SIGTERM to the main process only, as `docker compose stop` sends it to PID 1: gunicorn
        and Celery stop their children themselves (a worker finishes what it is sending)."""
        process = self.running.pop(name)
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever of the group is left
        process.wait()
        return process.returncode

    def stop_all(self) -> None:
        # Web, workers and beat before Redis, so none of them spins on a vanished broker.
        for name in sorted(self.running, key=lambda n: n == "redis"):
            self.stop(name, timeout=30)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]


class Stack:
    """One Redis, and the app's processes on it and on the test database."""

    def __init__(self, processes: Processes, redis_dir: Path):
        self.processes = processes
        self.redis_dir = redis_dir
        self.redis_port = free_port()
        self.broker_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.web_ports: dict[str, int] = {}
        self.control = Celery(broker=self.broker_url)
        self.env = {
            **os.environ,
            "DATABASE_URL": _database_url_of_test_db(),
            "DJANGO_CONN_MAX_AGE": "0",
            "REDIS_URL": self.broker_url,
            "CACHE_REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "*",
            "CELERY_TASK_ALWAYS_EAGER": "0",
        }
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)

    # --- Redis ----------------------------------------------------------------------------------

    def start_redis(self) -> None:
        """The production options (compose): append-only, never evicting."""
        self.processes.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.redis_dir),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--maxmemory-policy",
                "noeviction",
            ],
            self.env,
        )
        wait_until(self._redis_answers, timeout=30, what="Redis to answer")

    def restart_redis(self) -> None:
        """Stop Redis as an operator's restart does (SIGTERM) and start it on the same files."""
        assert self.processes.stop("redis") == 0, self.processes.log("redis")
        self.start_redis()
        # The old server's connections are gone; a fresh control app does not reuse them.
        self.control.close()
        self.control = Celery(broker=self.broker_url)

    def redis(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.redis_port, db=db)

    def _redis_answers(self) -> bool:
        try:
            return self.redis().ping()
        except redis.exceptions.ConnectionError:
            return False

    # --- web ------------------------------------------------------------------------------------

    def start_web(self, name: str, **extra_env: str) -> str:
        """One gunicorn, as compose runs it (one worker each: two processes, two caches)."""
        port = free_port()
        self.web_ports[name] = port
        self.processes.start(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "120",
            ],
            {**self.env, **extra_env},
        )
        wait_until(lambda: self._web_answers(name), timeout=90, what=f"{name} to answer")
        return f"http://127.0.0.1:{port}"

    def _web_answers(self, name: str) -> bool:
        if self.processes.running[name].poll() is not None:
            raise AssertionError(f"{name} exited:\n{self.processes.log(name)}")
        try:
            with socket.create_connection(("127.0.0.1", self.web_ports[name]), timeout=1):
                return True
        except OSError:
            return False

    # --- Celery ---------------------------------------------------------------------------------

    def start_worker(self, name: str, **extra_env: str) -> None:
        self.processes.start(
            name,
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-n",
                f"{name}@%h",
                "--pool=prefork",
                "--concurrency=2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            {**self.env, **extra_env},
        )
        wait_until(lambda: self._worker_answers(name), timeout=90, what=f"{name} to answer")

    def _worker_answers(self, name: str) -> bool:
        if self.processes.running[name].poll() is not None:
            raise AssertionError(f"{name} exited:\n{self.processes.log(name)}")
        try:
            return bool(self.control.control.ping(destination=[f"{name}@{HOST}"], timeout=0.5))
        except Exception:  # the broker not reached yet
            return False

    def stop_worker(self, name: str) -> int:
        """SIGTERM: a warm shutdown, as `docker compose stop` or a rolling update sends it."""
        return self.processes.stop(name, timeout=120)

    def start_beat(self, **extra_env: str) -> None:
        self.processes.start(
            "beat",
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO"],
            {**self.env, **extra_env},
        )

    def queued(self) -> int:
        return self.redis().llen("celery")


@pytest.fixture
def stack(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (tmp_path / "redis").mkdir()
    processes = Processes(logs)
    stack = Stack(processes, tmp_path / "redis")
    try:
        stack.start_redis()
        yield stack
    finally:
        processes.stop_all()
        stack.control.close()


# --- an SMTP server whose pace the test sets ----------------------------------------------------


class HeldSink(SmtpSink):
    """Accepts mail like SmtpSink; `hold_after(n)` makes every mail after the n-th wait at DATA
    until `release()`, so a test can stop a worker while its sends are provably under way."""

    def __init__(self):
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self._gate = asyncio.Event()
        self._gate.set()
        self._hold_after: int | None = None
        self.waiting = 0

    def hold_after(self, count: int) -> None:
        self._gate.clear()  # only a flag; waking waiters (set) must go through the loop
        self._hold_after = count

    def release(self) -> None:
        self._hold_after = None
        self.loop.call_soon_threadsafe(self._gate.set)

    async def handle_DATA(self, server, session, envelope):
        if self._hold_after is not None and len(self.messages) >= self._hold_after:
            self.waiting += 1
            await self._gate.wait()
            self.waiting -= 1
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def held_sink():
    from aiosmtpd.controller import Controller

    sink = HeldSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, loop=sink.loop)
    controller.start()
    sink.url = f"smtp://127.0.0.1:{port}"
    try:
        yield sink
    finally:
        sink.release()
        controller.stop()


# --- HTTP as a browser or API client does it ----------------------------------------------------


class Browser:
    """Cookies and CSRF like a browser, over real HTTP, without following redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect
        )

    def request(self, url: str, data: dict | None = None, cookie: str | None = None) -> int:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")


def session_cookie(client_for, membership) -> str:
    client = client_for(membership)
    return f"sessionid={client.cookies['sessionid'].value}"


def alternate(urls: list[str], count: int) -> list[str]:
    return [urls[i % len(urls)] for i in range(count)]


# --- the web processes share their limits ------------------------------------------------------

UNREAD = "/api/v1/me/notifications/unread-count/"


def test_the_api_limit_holds_across_two_web_processes(stack, pilot, client_for):
    web = [stack.start_web(name, API_THROTTLE_USER="4/hour") for name in ("web1", "web2")]
    cookie = session_cookie(client_for, pilot.participant)
    browser = Browser()
    statuses = [browser.request(url + UNREAD, cookie=cookie) for url in alternate(web, 8)]
    assert statuses == [200, 200, 200, 200, 429, 429, 429, 429]


def _log_in(browser: Browser, url: str, email: str, password: str) -> int:
    browser.request(url + reverse("login"))  # the form, and with it the CSRF cookie
    return browser.request(
        url + reverse("login"),
        {"username": email, "password": password, "csrfmiddlewaretoken": browser.csrf_token()},
    )


def test_the_login_lockout_holds_across_two_web_processes(stack, pilot):
    web = [stack.start_web(name, AXES_FAILURE_LIMIT="3") for name in ("web1", "web2")]
    locked, almost = pilot.participant.user, pilot.other_participant.user
    # Hashed as the web processes hash (the test settings' quick hasher is not theirs).
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(pk__in=[locked.pk, almost.pk]).update(
        password=hasher.encode(PASSWORD, hasher.salt())
    )
    browser = Browser()

    # The form again with an error, twice; the third failure (on the first process) locks.
    failures = [_log_in(browser, url, locked.email, "fout") for url in alternate(web, 3)]
    assert failures == [200, 200, 429]
    # Spread over both processes, three failures lock the account out on either.
    assert _log_in(Browser(), web[1], locked.email, PASSWORD) == 429
    assert _log_in(Browser(), web[0], locked.email, PASSWORD) == 429

    for url in alternate(web, 2):
        assert _log_in(browser, url, almost.email, "fout") == 200
    assert _log_in(Browser(), web[0], almost.email, PASSWORD) == 302  # two failures: not yet


# --- workers restarted one by one while reminders go out ----------------------------------------


def _plant(pilot, count: int) -> list[Reminder]:
    people = [pilot.participant, pilot.other_participant, pilot.third_participant]
    return [
        ReminderFactory(recipient=m.user, proeftuin=m.proeftuin) for m in alternate(people, count)
    ]


def _sweep_every_second() -> None:
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from notifications.tasks import SWEEP_TASK

    every_second, _ = IntervalSchedule.objects.get_or_create(
        every=1, period=IntervalSchedule.SECONDS
    )
    PeriodicTask.objects.update_or_create(
        task=SWEEP_TASK,
        defaults={"name": "Herinneringen versturen", "interval": every_second, "enabled": True},
    )


def _all_sent(reminders) -> bool:
    pks = [r.pk for r in reminders]
    return Reminder.objects.filter(pk__in=pks, state=State.SENT).count() == len(pks)


def _assert_each_mailed_once(sink, reminders) -> None:
    """Every planted row sent, one mail each; no Message-ID twice, also of what the real
    planners added meanwhile (a director's digest, say)."""
    ids = sink.message_ids()
    assert len(ids) == len(set(ids)), "a mail went out twice"
    mailed = Counter(int(i.removeprefix("<reminder-").split(".")[0]) for i in ids)
    assert {r.pk: mailed[r.pk] for r in reminders} == {r.pk: 1 for r in reminders}


def _plant_and_stop_while_sending(stack, sink, pilot, worker: str) -> list[Reminder]:
    """Plant reminders and let five through; the next sends wait at DATA, one in each of the
    four pool processes, so `worker` gets its SIGTERM in the middle of sending. Then let go."""
    sink.hold_after(len(sink.messages) + 5)
    reminders = _plant(pilot, 40)
    wait_until(lambda: sink.waiting >= 4, what="every pool process to be sending")
    stack.processes.running[worker].send_signal(signal.SIGTERM)
    sink.release()
    assert stack.stop_worker(worker) == 0, stack.processes.log(worker)
    return reminders


def test_a_rolling_restart_of_the_workers_loses_and_doubles_no_reminder(stack, pilot, held_sink):
    _sweep_every_second()
    mail = {"EMAIL_URL": held_sink.url}
    stack.start_worker("worker1", **mail)
    stack.start_worker("worker2", **mail)
    web = stack.start_web("web1")
    stack.start_beat(**mail)

    first = _plant_and_stop_while_sending(stack, held_sink, pilot, "worker1")
    stack.start_worker("worker1", **mail)
    second = _plant_and_stop_while_sending(stack, held_sink, pilot, "worker2")
    stack.start_worker("worker2", **mail)

    everything = first + second
    wait_until(lambda: _all_sent(everything), timeout=180, what="every reminder to be sent")
    assert Browser().request(web + "/healthz") == 200  # beat's sweeps ran, the broker answers
    _assert_each_mailed_once(held_sink, everything)


# --- Redis restarted ---------------------------------------------------------------------------

SWEEP_ONCE = (
    "import django; django.setup(); "
    "from notifications.tasks import sweep_reminders; print(sweep_reminders())"
)


def test_a_redis_restart_keeps_the_throttle_count_and_the_queued_reminders(
    stack, pilot, client_for, held_sink
):
    web = [stack.start_web(name, API_THROTTLE_USER="4/hour") for name in ("web1", "web2")]
    cookie = session_cookie(client_for, pilot.participant)
    browser = Browser()
    assert [browser.request(web[0] + UNREAD, cookie=cookie) for _ in range(2)] == [200, 200]

    reminders = _plant(pilot, 20)
    # A sweep claims them and queues their triggers; no worker takes them yet.
    sweep = subprocess.run(
        [sys.executable, "-c", SWEEP_ONCE],
        cwd=ROOT,
        env={**stack.env, "EMAIL_URL": held_sink.url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert sweep.returncode == 0, sweep.stderr
    claimed = ast.literal_eval(sweep.stdout.strip().splitlines()[-1])["claimed"]
    assert claimed >= len(reminders) and stack.queued() == claimed

    stack.restart_redis()

    assert stack.queued() == claimed
    assert [browser.request(web[1] + UNREAD, cookie=cookie) for _ in range(3)] == [200, 200, 429]
    stack.start_worker("worker1", EMAIL_URL=held_sink.url)
    stack.start_worker("worker2", EMAIL_URL=held_sink.url)
    wait_until(lambda: _all_sent(reminders), timeout=120, what="every queued reminder to be sent")
    wait_until(lambda: stack.queued() == 0, timeout=60, what="the queue to empty")
    _assert_each_mailed_once(held_sink, reminders)

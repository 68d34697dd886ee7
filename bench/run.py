"""Drive running servers over HTTP with concurrent keep-alive clients.

    DATABASE_URL=<small db> python bench/run.py prepare --size small --out small.json
    DATABASE_URL=<large db> python bench/run.py prepare --size large --out large.json
    python bench/run.py drive --target small.json,http://127.0.0.1:8001,PID \
                              --target large.json,http://127.0.0.1:8002,PID
    DATABASE_URL=<small db> python bench/run.py sweep --results small.json

`prepare` finds the asking users, their pilot, their calendar token and each scenario's URL.
`drive` runs
each scenario on every server in alternating rounds, so that a moment when the shared machine
is busy falls on both data sets alike. `sweep` times the reminder planners on one database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

import requests
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench import generate, sweep
from learning.models import LearningActivity
from proeftuin.models import Membership, Organisation, Proeftuin
from workshops.models import CalendarFeed, Session

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "3"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
MIN_REQUESTS = int(os.environ.get("BENCH_MIN_REQUESTS", "60"))
MAX_SECONDS = float(os.environ.get("BENCH_MAX_SECONDS", "40"))
WARM_UP = 5


@dataclass
class Scenario:
    key: str
    title: str
    who: str | None  # participant, poster, coach, director; None: no login
    url_name: str = ""  # reversed with the kwargs it takes: pilot, token
    query: str = ""
    method: str = "GET"


SCENARIOS = [
    Scenario("healthz", "/healthz (reference)", None, "proeftuin:healthz"),
    Scenario("pilot_home", "coach home page", "coach", "proeftuin:pilot-home"),
    Scenario("dashboard", "participant dashboard", "participant", "learning:dashboard"),
    Scenario("coach_participants", "coach participant list", "coach", "learning:participants"),
    Scenario("sessions", "session list", "participant", "workshops:session-list"),
    Scenario("overview", "director overview", "director", "proeftuin:overview"),
    Scenario(
        "api_activities", "API activities, own (page 1)", "participant", "learning-activity-list"
    ),
    Scenario(
        "api_activities_coach", "API activities, coach (page 1)", "coach", "learning-activity-list"
    ),
    Scenario("ical", "iCalendar feed", None, "workshops:feed"),
    # The shared library (no account) and the peer benchmark: they read across organisations.
    Scenario("library", "library page", None, "proeftuin:library"),
    Scenario(
        "library_search_nl",
        "library search, Dutch",
        None,
        "proeftuin:library",
        query="?q=cijfers",  # in the lessons of half the pilots, and in their packages
    ),
    Scenario(
        "library_search_en",
        "library search, English",
        None,
        "proeftuin:library",
        query="?q=data",  # in every package's summary
    ),
    Scenario("library_package", "library package page", None, "proeftuin:library-package"),
    Scenario("benchmark", "peer benchmark page", "director", "proeftuin:benchmark"),
    Scenario("api_benchmark", "API peer benchmark", "director", "api-benchmark"),
    # What every signed-in page pays: a page with the menu and nothing of its own.
    Scenario("floor_participant", "signed-in floor, participant", "participant", "password_change"),
    Scenario("floor_coach", "signed-in floor, coach", "coach", "password_change"),
    Scenario("floor_director", "signed-in floor, director", "director", "password_change"),
    # Last: it adds rows (for its own participant, so the others' pages stay the same). Its form
    # is found on the dashboard.
    Scenario("quick_log", "quick-log POST", "poster", "learning:dashboard", method="POST"),
]


def scenario_url(scenario: Scenario, pilot: int, token: str) -> str:
    """The scenario's URL; a renamed route fails here, at once, instead of measuring nothing."""
    for kwargs in ({"pilot": pilot}, {"token": token}, {}):
        try:
            return reverse(scenario.url_name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise SystemExit(f"bench: no URL named {scenario.url_name!r} in this build")


class FormParser(HTMLParser):
    """The POST forms of a page with their fields (name, type, value, options)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": a.get("method", "get")})
            self.forms[-1]["fields"] = []
        elif not self.forms:
            return
        elif tag in ("input", "textarea") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else "textarea"
            self.forms[-1]["fields"].append(
                {
                    "name": a["name"],
                    "type": kind,
                    "value": a.get("value") or "",
                    "checked": "checked" in a,
                }
            )
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "type": "select", "options": []}
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select["options"].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def quick_log_form(html: str, page_url: str) -> tuple[str, dict] | None:
    """The dashboard's quick-log form (the POST form with a minutes field), filled in."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if form["method"].lower() != "post":
            continue
        if not any("minut" in f["name"] for f in form["fields"]):
            continue
        data: dict[str, str] = {}
        for f in form["fields"]:
            name, kind = f["name"], f["type"]
            if kind == "select":
                if f["options"] and name not in data:
                    data[name] = f["options"][0]
            elif kind == "hidden":
                data[name] = f["value"]
            elif kind in ("checkbox", "radio"):
                if kind == "radio" and name not in data:
                    data[name] = f["value"]
            elif "minut" in name:
                data[name] = "30"
            elif kind == "date":
                data[name] = timezone.localdate().isoformat()
            elif kind in ("url", "email", "textarea"):
                data[name] = f["value"]
            elif kind == "number":
                data[name] = f["value"] or "1"
            else:
                data[name] = f["value"] or "Benchmark: artikel over data gelezen"
        return urljoin(page_url, form["action"]), data
    return None


def log_in(base: str, email: str) -> requests.Session:
    client = requests.Session()
    login = base + reverse("login")
    client.get(login, timeout=30)
    response = client.post(
        login,
        data={
            "username": email,
            "password": generate.PASSWORD,
            "csrfmiddlewaretoken": client.cookies.get("csrftoken", ""),
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=60,
    )
    if response.status_code != 302:
        raise SystemExit(f"log-in of {email} failed: HTTP {response.status_code}")
    # Coaches and directors are sent to the second step on their next request.
    response = client.get(base + "/", allow_redirects=False, timeout=60)
    if "/account/2fa/" in response.headers.get("Location", ""):
        verify = base + reverse("proeftuin:two-factor-verify")
        client.get(verify, timeout=30)
        response = client.post(
            verify,
            data={
                "code": _current_code(),
                "csrfmiddlewaretoken": client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": verify},
            allow_redirects=False,
            timeout=60,
        )
        if response.status_code != 302 or "/account/2fa/" in response.headers.get("Location", ""):
            raise SystemExit(f"second factor of {email} failed: HTTP {response.status_code}")
    return client


def sample(make_request, make_session, clients: int, seconds: float, min_requests: int):
    """Run `make_request(session)` from `clients` threads; one row per request, and the wall time.

    A row: latency (s), HTTP status, queries, worker CPU ms, database ms.
    """
    results: list[tuple[float, int, int | None, float, float]] = []
    lock = threading.Lock()
    # Every client warms up, and the clock starts when all have: a page whose first view fills
    # a cache is measured as it is served from then on, not by the clients that raced its fill.
    warmed = threading.Barrier(clients)
    clock: dict[str, float] = {}

    def worker(index: int):
        try:
            session = make_session()
            for _ in range(WARM_UP):
                make_request(session)
        except BaseException:
            warmed.abort()  # the other clients stop waiting; the error is reported as before
            raise
        if warmed.wait() == 0:
            clock["started"] = time.monotonic()
            clock["stop_at"] = time.monotonic() + MAX_SECONDS
            clock["min_until"] = time.monotonic() + seconds
        warmed.wait()
        while True:
            now = time.monotonic()
            with lock:
                enough = now >= clock["min_until"] and len(results) >= min_requests
            if enough or now >= clock["stop_at"]:
                return
            t0 = time.perf_counter()
            response = make_request(session)
            elapsed = time.perf_counter() - t0
            headers = response.headers
            queries = headers.get("X-Query-Count")
            row = (
                elapsed,
                response.status_code,
                int(queries) if queries else None,
                float(headers.get("X-CPU-ms", "nan")),
                float(headers.get("X-DB-ms", "nan")),
            )
            with lock:
                results.append(row)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - clock["started"]


def summarise(results: list[tuple], wall: float) -> dict:
    latencies = sorted(r[0] for r in results)
    statuses: dict[str, int] = {}
    for _, status, *_ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    queries = sorted({r[2] for r in results if r[2] is not None})
    ok = sum(v for k, v in statuses.items() if k[0] in "23")
    return {
        "status": "ok" if ok == len(results) else "errors",
        "requests": len(results),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
        "rps": round(len(results) / wall, 1),
        "statuses": statuses,
        "queries": queries[0] if len(queries) == 1 else queries,
        "cpu_ms_p50": round(statistics.median(r[3] for r in results), 1),
        "db_ms_p50": round(statistics.median(r[4] for r in results), 1),
    }


def worker_peak_rss(master_pid: int) -> dict:
    """VmHWM (peak resident memory) of each gunicorn worker, in MiB."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return {}
    peaks = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks[pid] = round(int(line.split()[1]) / 1024, 1)
    return peaks


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


# Coaches and directors must pass a second factor; the benchmark's are TOTP devices on this key.
BENCH_TOTP_KEY = "3132333435363738393031323334353637383930"


def _give_second_factor(pilot) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for membership in Membership.objects.filter(proeftuin=pilot, role__in=["coach", "director"]):
        TOTPDevice.objects.get_or_create(
            user=membership.user,
            name="bench",
            defaults={"key": BENCH_TOTP_KEY, "confirmed": True},
        )


def _current_code() -> str:
    from binascii import unhexlify

    from django_otp.oath import totp

    return f"{totp(unhexlify(BENCH_TOTP_KEY)):06d}"


def prepare(size: str, generate_seconds: float | None) -> dict:
    """Who asks, which pilot, which URLs exist: everything the driver needs from the database."""
    organisations = Organisation.objects.filter(slug__startswith="bench-").count()
    h = generate.handles(organisations)
    pilot = Proeftuin.objects.get(organisation__slug=h.organisation_slug)
    participant = Membership.objects.select_related("user").get(
        proeftuin=pilot, user__email=h.participant_email
    )
    token = CalendarFeed.objects.filter(user=participant.user).values_list("token", flat=True)[0]
    _give_second_factor(pilot)
    urls = {scenario.key: scenario_url(scenario, pilot.pk, token) for scenario in SCENARIOS}
    return {
        "size": size,
        "organisations": organisations,
        "participants": Membership.objects.filter(role="participant").count(),
        "activities": LearningActivity.objects.count(),
        "sessions": Session.objects.count(),
        "asking_pilot": pilot.pk,
        "generate_seconds": generate_seconds,
        "emails": {
            "participant": h.participant_email,
            "poster": generate.email(h.pilot_number, "participant6"),
            "coach": h.coach_email,
            "director": h.director_email,
        },
        "urls": urls,
        "clients": CLIENTS,
        "scenarios": {},
    }


class Target:
    """One running server with its data set."""

    def __init__(self, info: dict, base_url: str, pid: int | None):
        self.info, self.base, self.pid = info, base_url.rstrip("/"), pid
        self.cookies: dict[str, requests.cookies.RequestsCookieJar] = {}

    def session_factory(self, who: str | None):
        if who is None:
            return requests.Session
        if who not in self.cookies:
            self.cookies[who] = log_in(self.base, self.info["emails"][who]).cookies

        def make():
            session = requests.Session()
            session.cookies.update(self.cookies[who])
            return session

        return make

    def request_for(self, scenario: Scenario):
        """A function session -> response for the scenario."""
        url = self.info["urls"][scenario.key]
        if scenario.method == "GET":
            full = self.base + url + scenario.query
            self.info["scenarios"][scenario.key]["url"] = url + scenario.query
            return lambda s: s.get(full, allow_redirects=False)
        page = self.session_factory("poster")().get(self.base + url, timeout=60)
        form = quick_log_form(page.text, self.base + url) if page.ok else None
        if form is None:
            raise SystemExit(f"bench: no quick-log form on {url} (HTTP {page.status_code})")
        action, data = form
        self.info["scenarios"][scenario.key]["url"] = action.removeprefix(self.base)

        def post(s):
            payload = {**data, "csrfmiddlewaretoken": s.cookies.get("csrftoken", "")}
            return s.post(action, data=payload, headers={"Referer": action}, allow_redirects=False)

        return post


def drive(targets: list[Target], rounds: int, only: set[str] | None = None) -> None:
    """Every scenario on every target, alternating in rounds so a busy moment hits all alike.

    `only`: these scenarios and the reference `/healthz`, for a look at a few pages."""
    for target in targets:
        info = target.info
        print(f"   {info['size']}: asking pilot {info['asking_pilot']}", flush=True)
    for scenario in SCENARIOS:
        if only and scenario.key not in only | {"healthz"}:
            continue
        requests_of = {}
        for target in targets:
            target.info["scenarios"][scenario.key] = {"title": scenario.title}
            requests_of[target] = target.request_for(scenario)
        rows: dict[Target, list] = {t: [] for t in targets}
        walls: dict[Target, float] = dict.fromkeys(targets, 0.0)
        for _ in range(rounds):
            for target in targets:
                got, wall = sample(
                    requests_of[target],
                    target.session_factory(scenario.who),
                    CLIENTS,
                    SECONDS / rounds,
                    MIN_REQUESTS // rounds,
                )
                rows[target] += got
                walls[target] += wall
        for target in targets:
            entry = target.info["scenarios"][scenario.key]
            entry.update(summarise(rows[target], walls[target]))
            print(
                f"   {scenario.title:32} {target.info['size']:6}"
                f" p50 {entry['p50_ms']:7.1f} ms  p95 {entry['p95_ms']:7.1f} ms"
                f"  {entry['rps']:6.1f} req/s  queries {entry['queries']}"
                f"  CPU {entry['cpu_ms_p50']} ms  DB {entry['db_ms_p50']} ms"
                f"  HTTP {entry['statuses']}",
                flush=True,
            )
    for target in targets:
        if target.pid:
            target.info["worker_peak_rss_mib"] = worker_peak_rss(target.pid)


def machine() -> dict:
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "cpu": cpu_model(),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare", help="read the data set (DATABASE_URL) into a JSON file")
    p.add_argument("--size", required=True)
    p.add_argument("--generate-seconds", type=float)
    p.add_argument("--out", required=True)
    d = commands.add_parser("drive", help="drive servers; results go back into their JSON files")
    d.add_argument("--target", action="append", required=True, help="FILE,BASE_URL[,GUNICORN_PID]")
    d.add_argument("--rounds", type=int, default=2)
    d.add_argument("--only", help="comma-separated scenario keys (with /healthz)")
    s = commands.add_parser("sweep", help="the reminder sweep on DATABASE_URL, into FILE")
    s.add_argument("--results", required=True)
    args = parser.parse_args()

    if args.command == "prepare":
        Path(args.out).write_text(json.dumps(prepare(args.size, args.generate_seconds), indent=2))
    elif args.command == "drive":
        targets = []
        for spec in args.target:
            path, base, *pid = spec.split(",")
            info = json.loads(Path(path).read_text())
            targets.append(Target(info, base, int(pid[0]) if pid else None))
        drive(targets, args.rounds, set(args.only.split(",")) if args.only else None)
        for spec, target in zip(args.target, targets, strict=True):
            target.info["machine"] = machine()
            Path(spec.split(",")[0]).write_text(json.dumps(target.info, indent=2, default=str))
    else:
        results = json.loads(Path(args.results).read_text())
        results["reminder_sweep"] = sweep.measure()
        print(f"   {results['size']}: reminder sweep {results['reminder_sweep']}", flush=True)
        Path(args.results).write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()

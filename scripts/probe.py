"""An attacker's probe over HTTP: every URL of the URLconf, as every role of two organisations.

Not part of `make test`: it needs a running server (gunicorn with DJANGO_DEBUG=0) and the data
of scripts/probe_setup.py. See docs/testing.md, "The outside probe". It reads the URLconf and the
database only to know which URLs and ids exist, to compute TOTP codes and to count audit
events; every question is asked over HTTP.

    python scripts/probe.py --base http://127.0.0.1:57100 --ids var/probe-ids.json

Prints one line per finding and the count of requests per category; exits 1 on any finding.
"""

import argparse
import base64
import io
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

import requests  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, reverse  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from learning.models import LearningActivity  # noqa: E402
from proeftuin.accounts import second_factor  # noqa: E402
from proeftuin.models import (  # noqa: E402
    AuditEvent,
    BenchmarkContribution,
    ContactPoint,
    Dimension,
    Membership,
    Organisation,
    User,
)

UNKNOWN = 987654
HUGE = "9" * 30
ROLES = (
    "coach",
    "director",
    "steering",
    "expert",
    "participant",
    "other_participant",
    "reviewer",
    "ambassador",
)
TWO_FACTOR_ROLES = ("coach", "director", "steering")
BAD_INPUT_ROLES = ("a:coach", "a:participant")
# Routes that are the same for every instance member or for anyone by design.
OPEN_TO_EVERY_MEMBER: set[str] = set()
PUBLIC = {
    "proeftuin:library",
    "proeftuin:library-package",
    "proeftuin:library-case",
    "proeftuin:library-pdf",
    "proeftuin:library-md",
    "proeftuin:home",
    "proeftuin:healthz",
    "proeftuin:metrics",
    "proeftuin:accessibility",
    "proeftuin:toolkit-public",
    "proeftuin:toolkit-public-pdf",
    "proeftuin:invitation-accept",
    "workshops:feed",
    "integrations:xapi-root",
    "integrations:xapi-about",
    "integrations:xapi-statements",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "api-schema",
    "api-docs",
}
# A POST to these with one's own ids changes the probe's own ground (logs out, deletes, closes).
DESTRUCTIVE = re.compile(
    r"logout|delete|verwijder|cancel|close|sluiten|two-factor-off|end-other-sessions|"
    r"new-backup-codes|revoke|publish|erase|read-all|mark-all-read|password_change"
)
# Which object a URL keyword (or an API route's pk) means.
KWARG_OBJECT = {
    "goal_id": "goal_id",
    "activity_id": "activity_id",
    "experiment_id": "experiment_id",
    "lesson_id": "lesson_id",
    "lesson": "lesson",
    "membership_id": "membership_id",
    "membership": "membership",
    "skill_id": "skill_id",
    "session": "session",
    "round_id": "round_id",
    "action_id": "action_id",
    "integration": "integration",
    "token": "token",
    "reminder": "reminder",
}
PK_OBJECT = [
    ("measurement-round", "round_id"),
    ("measurement-answers", "round_id"),
    ("measurement-report", "round_id"),
    ("plan-action", "action_id"),
    ("learning-skill", "skill_id"),
    ("learning-goal", "goal_id"),
    ("learning-activity", "activity_id"),
    ("learning-experiment", "experiment_id"),
    ("workshops-api-session", "session"),
    ("notifications-api-read", "reminder"),
]
# URLs that name a person's data: a 200 on them for someone else must leave an audit event.
PERSONAL = re.compile(
    r"learning:(goal|activity-edit|experiment|participant|ethics-answers|ethics-decide)$|"
    r"learning-(goal|activity|experiment)-(detail|ethics)$|"
    r"learning:participants-(csv|xlsx)$"
)
# Routes of one participant's object (the ids are participant1's): only they and the coach.
WITHIN_PILOT = re.compile(
    r"learning:(goal|goal-edit|activity-edit|experiment|experiment-edit|participant|ethics-answers)$|"
    r"learning-(goal|activity|experiment)-(detail|ethics)$"
)
BAD_QUERY = {
    "van": ["0001-01-01", "9999-12-31", "x"],
    "tot": ["0001-01-01", "9999-12-31"],
    "pagina": [HUGE],
    "page": [HUGE],
    "stage": [HUGE],
    "next": ["https://evil.example/"],
    "date_from": ["0001-01-01"],
}
ID_QUERY = ("participant", "skill", "goal", "series", "action")
BAD_JSON_BODIES = {
    "deep": "[" * 5000 + "]" * 5000,
    "wrong types": json.dumps(
        {
            "minutes": "many",
            "on": "9999-12-31",
            "date": "0001-01-01",
            "due_on": "9999-12-31",
            "skills": [int(HUGE)],
            "present": [int(HUGE)],
            "skill": int(HUGE),
            "start_level": 10**20,
            "target_level": -(10**20),
            "title": ["x"],
            "statement": {"a": 1},
            "starts_at": "0001-01-01T00:00:00Z",
            "ends_at": "9999-12-31T23:59:59Z",
            "capacity": 10**20,
            "stage": 10**20,
            "answers": {"x": 10**20},
        }
    ),
    "not json": "{,",
    "list": "[1, 2, 3]",
}
BAD_FORM = {
    "minutes": HUGE,
    "on": "9999-12-31",
    "date": "0001-01-01",
    "due_on": "9999-12-31",
    "skills": [HUGE, HUGE],
    "present": [HUGE],
    "skill": HUGE,
    "start_level": HUGE,
    "target_level": "-" + HUGE,
    "starts_at": "9999-12-31T23:59",
    "first_date": "9999-12-25",
    "capacity": HUGE,
    "owner": HUGE,
    "expert": HUGE,
    "proeftuin": HUGE,
    "days": HUGE,
    "code": "1" * 50,
}
# Odd text for every field of the newest pages: overlong, NUL, emoji, SQL, HTML.
ODD_TEXT = {
    "long": "x" * 10_000,
    "nul": "a\x00b",
    "emoji": "\U0001f600\u202e\u00e9",
    "sql": "1' OR '1'='1; DROP TABLE x;--",
    "html": '<script>alert("probe")</script>',
}
FIGURE_KEYS = ("people", "count", "participants", "respondents", "n")


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (pattern.namespace + ":" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name, pattern


def routes():
    """(route, name, keyword names) of every named URL, admin left out (its own scope tests)."""
    seen = set()
    for route, name, pattern in walk(get_resolver().url_patterns):
        if route.startswith("admin/") or name in seen:
            continue
        seen.add(name)
        kwargs = list(pattern.pattern.regex.groupindex)
        yield route, name, kwargs


class Probe:
    def __init__(self, base, ids):
        self.base = base.rstrip("/")
        self.ids = ids
        self.counts = Counter()
        self.findings = []
        self.sessions = {}
        self.pre_second_factor = {}
        self.only_who = None

    # --- reporting -------------------------------------------------------------------------

    def finding(self, kind, method, url, who, response, note=""):
        body = ""
        if response is not None:
            body = response.text[:160].replace("\n", " ") if _is_text(response) else "<binary>"
        status = response.status_code if response is not None else "-"
        line = f"[{kind}] {method} {url} as {who} -> {status} {note} | {body}"
        self.findings.append((kind, line))
        print(line, flush=True)

    # --- logging in ------------------------------------------------------------------------

    def csrf(self, session, path="/account/login/"):
        page = session.get(self.base + path, allow_redirects=True)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        return match.group(1) if match else ""

    def login(self, email, *, second=True):
        session = requests.Session()
        token = self.csrf(session)
        response = session.post(
            self.base + "/account/login/",
            data={
                "username": email,
                "password": self.ids["password"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.base + "/account/login/"},
            allow_redirects=False,
        )
        self.counts["log in"] += 1
        if response.status_code != 302:
            raise SystemExit(f"log in as {email} refused: {response.status_code}")
        user = User.objects.get(email=email)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None and second and second_factor.owes_second_factor(user):
            token = self.csrf(session, "/account/2fa/controle/")
            response = session.post(
                self.base + "/account/2fa/controle/",
                data={"code": second_factor.next_usable_code(device), "csrfmiddlewaretoken": token},
                headers={"Referer": self.base + "/account/2fa/controle/"},
                allow_redirects=False,
            )
            self.counts["log in"] += 1
            if response.status_code != 302:
                raise SystemExit(f"second factor of {email} refused: {response.status_code}")
        session.csrf_token = self.csrf(session, "/privacy/")
        return session

    def log_everyone_in(self):
        self.sessions["anonymous"] = requests.Session()
        self.sessions["anonymous"].csrf_token = self.csrf(self.sessions["anonymous"])
        for org in ("a", "b"):
            for role in ROLES:
                if self.only_who is None or f"{org}:{role}" in self.only_who:
                    self.sessions[f"{org}:{role}"] = self.login(self.ids[org]["users"][role])
            for role in TWO_FACTOR_ROLES if self.only_who is None else ():
                self.pre_second_factor[f"{org}:{role}"] = self.login(
                    self.ids[org]["users"][role], second=False
                )

    # --- sending ---------------------------------------------------------------------------

    def send(self, category, who, session, method, url, *, data=None, json_body=None, headers=None):
        headers = dict(headers or {})
        if session is not None and method not in ("GET", "HEAD", "OPTIONS"):
            headers.setdefault("X-CSRFToken", getattr(session, "csrf_token", ""))
            headers.setdefault("Referer", self.base + "/")
            if isinstance(data, dict):
                data = {**data, "csrfmiddlewaretoken": getattr(session, "csrf_token", "")}
        if json_body is not None:
            headers["Content-Type"] = "application/json"
            data = json_body
        requester = session or requests
        try:
            response = requester.request(
                method,
                self.base + url,
                data=data,
                headers=headers,
                allow_redirects=False,
                timeout=60,
            )
        except requests.RequestException as exc:
            self.counts[category] += 1
            self.finding("no answer", method, url, who, None, str(exc)[:100])
            return None
        self.counts[category] += 1
        healthz_says_down = url.startswith("/healthz") and response.status_code == 503
        if response.status_code >= 500 and not healthz_says_down:
            self.finding("5xx", method, url, who, response)
        return response

    # --- the id sets -----------------------------------------------------------------------

    def target(self, org_of_pilot, org_of_objects):
        """Keyword values: the pilot of one organisation, the objects of another (or unknown)."""
        pilot = UNKNOWN if org_of_pilot is None else self.ids[org_of_pilot]["pilot"]
        if org_of_objects is None:
            objects = defaultdict(lambda: UNKNOWN)
            strings = defaultdict(lambda: "u" * 43)
        else:
            objects = defaultdict(lambda: UNKNOWN, self.ids[org_of_objects]["objects"])
            strings = {
                "toolkit-public": self.ids[org_of_objects]["public_token"],
                "feed": self.ids[org_of_objects]["calendar_token"],
            }
        return pilot, objects, strings

    def url_for(self, name, kwargs, pilot, objects, strings):
        values = {}
        for key in kwargs:
            if key == "pilot":
                values[key] = pilot
            elif key == "pk":
                kind = next((obj for prefix, obj in PK_OBJECT if name.startswith(prefix)), None)
                values[key] = objects[kind] if kind else UNKNOWN
            elif key == "dimension":
                values[key] = Dimension.values[0]
            elif key == "stage":
                values[key] = 1
            elif key == "uidb64":
                values[key] = "MQ"
            elif key == "token" and name in (
                "proeftuin:toolkit-public",
                "proeftuin:toolkit-public-pdf",
            ):
                values[key] = (
                    strings["toolkit-public"] if isinstance(strings, dict) else strings[key]
                )
            elif key == "token" and name == "workshops:feed":
                values[key] = strings["feed"] if isinstance(strings, dict) else strings[key]
            elif key == "token" and name in (
                "proeftuin:invitation-accept",
                "password_reset_confirm",
            ):
                values[key] = "u" * 43
            elif key in KWARG_OBJECT:
                values[key] = objects[KWARG_OBJECT[key]]
            else:
                values[key] = UNKNOWN
        for key, value in values.items():
            if value is None:
                values[key] = UNKNOWN
        try:
            return reverse(name, kwargs=values)
        except Exception:
            return None

    # --- the walk --------------------------------------------------------------------------

    def methods_for(self, name):
        if name.startswith(
            ("api-", "measurement-", "plan", "learning-", "workshops-api", "notifications-api")
        ):
            return ("GET", "POST", "PUT", "PATCH", "DELETE")
        return ("GET", "POST")

    def walk_all(self):
        table = list(routes())
        for org, other in (("a", "b"), ("b", "a")):
            variants = {
                "own": self.target(org, org),
                "foreign object": self.target(org, other),
                "unknown object": self.target(org, None),
                "foreign pilot": self.target(other, other),
                "unknown pilot": self.target(None, None),
            }
            # Organisation a in every role (and anonymous) against b; b's coach and participant
            # against a, to see that the rules do not depend on which pilot came first.
            roles = ROLES if org == "a" else ("coach", "participant")
            whos = [f"{org}:{role}" for role in roles] + (["anonymous"] if org == "a" else [])
            whos = [who for who in whos if self.only_who is None or who in self.only_who]
            for who in whos:
                session = self.sessions[who]
                for _route, name, kwargs in table:
                    if name in ("logout", "password_change", "password_change_done"):
                        continue
                    urls = {v: self.url_for(name, kwargs, *variants[v]) for v in variants}
                    for method in self.methods_for(name):
                        answers = {}
                        for variant, url in urls.items():
                            if url is None or (variant != "own" and url == urls["own"]):
                                continue
                            if variant == "own" and method != "GET" and DESTRUCTIVE.search(name):
                                continue
                            if variant == "own" and method != "GET":
                                continue
                            if variant.endswith("pilot") and method not in ("GET", "POST"):
                                continue
                            answers[variant] = self.one(who, session, method, url, name, variant)
                        self.compare(who, method, name, urls, answers)
                        # Bad input is about the code, not the role: asked by the roles that
                        # get past the door of most routes, in one organisation.
                        bad_input = who in BAD_INPUT_ROLES
                        if bad_input and method == "GET" and urls["own"] and "pdf" not in name:
                            self.bad_queries(who, session, urls["own"], name, org, other)
                        if (
                            bad_input
                            and method in ("POST", "PUT", "PATCH")
                            and urls["own"]
                            and not DESTRUCTIVE.search(name)
                        ):
                            self.bad_bodies(who, session, method, urls["own"], name)

    def one(self, who, session, method, url, name, variant):
        category = "API" if url.startswith("/api/") else "page"
        category = f"{category} {variant}"
        body = {"junk": "1"} if method != "GET" else None
        before = _last_audit()
        response = self.send(category, who, session, method, url, data=body)
        if response is None:
            return None
        status = response.status_code
        if variant in ("foreign object", "foreign pilot") and status < 400:
            legit = name in PUBLIC or (name in OPEN_TO_EVERY_MEMBER and who != "anonymous")
            redirect_to_login = status in (301, 302) and (
                "/account/login/" in response.headers.get("Location", "")
            )
            if not legit and not redirect_to_login and status != 304:
                self.finding("foreign object answered", method, url, who, response)
        if (
            variant == "own"
            and method == "GET"
            and status == 200
            and PERSONAL.search(name)
            and who.split(":")[1] not in ("participant",)
            and _last_audit() == before
        ):
            self.finding("read without audit", method, url, who, response)
        if variant == "own" and status == 200 and WITHIN_PILOT.search(name):
            role = who.split(":")[1]
            # The ethics reviewer (and an invited expert) read a submitted experiment and its
            # review: participant1's first experiment is one (scripts/probe_setup.py).
            allowed = role in ("coach", "participant") or (
                role in ("reviewer", "expert")
                and (
                    "ethics" in name
                    or name in ("learning:experiment", "learning-experiment-detail")
                )
            )
            if not allowed:
                self.finding("another person's object within the pilot", method, url, who, response)
        if status == 200 and method == "GET":
            self.check_body(who, method, url, name, response)
        return response

    def compare(self, who, method, name, urls, answers):
        if name in PUBLIC or name in OPEN_TO_EVERY_MEMBER:
            return  # open to them by design: a shared package or a public link answers
        for foreign, unknown in (
            ("foreign object", "unknown object"),
            ("foreign pilot", "unknown pilot"),
        ):
            a, b = answers.get(foreign), answers.get(unknown)
            if a is None or b is None:
                continue
            if a.status_code != b.status_code or _normal(a, urls[foreign]) != _normal(
                b, urls[unknown]
            ):
                self.finding(
                    "existence oracle",
                    method,
                    urls[foreign],
                    who,
                    a,
                    f"(unknown id: {b.status_code} {urls[unknown]})",
                )

    def bad_queries(self, who, session, url, name, org, other):
        for key, values in BAD_QUERY.items():
            for value in values:
                response = self.send(
                    "bad query", who, session, "GET", f"{url}?{key}={requests.utils.quote(value)}"
                )
                if (
                    response is not None
                    and key == "next"
                    and "evil.example" in response.headers.get("Location", "")
                ):
                    self.finding("open redirect", "GET", f"{url}?next=", who, response)
        if not url.startswith("/api/"):
            return
        foreign_ids = self.ids[other]["objects"]
        for key in ID_QUERY:
            obj = {
                "participant": "membership",
                "skill": "skill_id",
                "goal": "goal_id",
                "series": "series",
                "action": "action_id",
            }[key]
            foreign = foreign_ids.get(obj) or UNKNOWN
            a = self.send("bad query", who, session, "GET", f"{url}?{key}={foreign}")
            b = self.send("bad query", who, session, "GET", f"{url}?{key}={UNKNOWN}")
            for answer, value in ((a, foreign), (b, UNKNOWN)):
                if answer is not None:  # the next-page link repeats the value asked
                    answer.probe_text = answer.text.replace(f"{key}={value}", f"{key}=<id>")
            self.send("bad query", who, session, "GET", f"{url}?{key}={HUGE}")
            if (
                a is not None
                and b is not None
                and (a.status_code != b.status_code or _normal(a, url) != _normal(b, url))
            ):
                self.finding(
                    "existence oracle",
                    "GET",
                    f"{url}?{key}={foreign}",
                    who,
                    a,
                    f"(unknown: {b.status_code})",
                )

    def bad_bodies(self, who, session, method, url, name):
        if url.startswith("/api/"):
            for body in BAD_JSON_BODIES.values():
                self.send("bad body", who, session, method, url, json_body=body)
        elif method == "POST":
            self.send("bad body", who, session, method, url, data=BAD_FORM)

    # --- what a body may not show ----------------------------------------------------------

    def check_body(self, who, method, url, name, response):
        if response.headers.get("Content-Type", "").startswith("application/json"):
            try:
                data = response.json()
            except ValueError:
                return
            k = min(self.ids["a"]["group_size"], self.ids["b"]["group_size"])
            if isinstance(data, dict) and "results" in data:
                data = data["results"]  # a page's count is of rows, not of people
            for path, value in _figures(data):
                if isinstance(value, int) and 0 < value < k and "api-me" not in name:
                    self.finding("small figure", method, url, who, response, f"{path}={value}")

    def names_leaving_the_pilot(self):
        """Library, informatiepakket (page, HTML, Markdown, PDF) and the public link: no names."""
        for org, other in (("a", "b"), ("b", "a")):
            pilot, token = self.ids[org]["pilot"], self.ids[org]["public_token"]
            names = _identifiers(self.ids[org])
            checks = [
                ("anonymous", f"/informatiepakket/{token}/"),
                ("anonymous", f"/informatiepakket/{token}/informatiepakket.pdf"),
                (f"{other}:participant", f"/bibliotheek/{pilot}/"),
                (f"{other}:participant", f"/bibliotheek/{pilot}/informatiepakket.pdf"),
                (f"{other}:steering", "/bibliotheek/"),
                (f"{org}:coach", f"/p/{pilot}/informatiepakket/informatiepakket.html"),
                (f"{org}:coach", f"/p/{pilot}/informatiepakket/informatiepakket.md"),
                (f"{org}:coach", f"/p/{pilot}/informatiepakket/informatiepakket.pdf"),
                (f"{org}:coach", f"/api/v1/pilots/{pilot}/toolkit/"),
            ]
            for who, url in checks:
                response = self.send("names", who, self.sessions[who], "GET", url)
                if response is None or response.status_code != 200:
                    if response is not None:
                        self.finding("package not readable", "GET", url, who, response)
                    continue
                text = _text_of(response)
                viewer = (
                    User.objects.get(email=self._email(who)).full_name if who != "anonymous" else ""
                )
                found = sorted(
                    n for n in names if n not in viewer and re.search(rf"\b{re.escape(n)}\b", text)
                )
                if found:
                    self.finding("names leave the pilot", "GET", url, who, response, f"{found[:8]}")

    def _email(self, who):
        org, role = who.split(":")
        return self.ids[org]["users"][role]

    # --- the second factor, tokens, the expert ---------------------------------------------

    def before_second_factor(self):
        allowed = re.compile(
            r"^/(account/2fa/|account/login/|account/logout/|i18n/|static/|healthz|metrics|"
            r"toegankelijkheid|xapi/|informatiepakket/|agenda/|api/schema/|api/docs/|account/password_reset|account/reset/)"
        )
        for who, session in self.pre_second_factor.items():
            org = who.split(":")[0]
            pilot, objects, strings = self.target(org, org)
            for _route, name, kwargs in routes():
                if name in ("logout",):
                    continue
                url = self.url_for(name, kwargs, pilot, objects, strings)
                if url is None:
                    continue
                for method in ("GET", "POST"):
                    if method == "POST" and DESTRUCTIVE.search(name):
                        continue
                    response = self.send(
                        "before second factor",
                        who,
                        session,
                        method,
                        url,
                        data={"junk": "1"} if method == "POST" else None,
                    )
                    if response is None or allowed.match(url):
                        continue
                    location = response.headers.get("Location", "")
                    refused = response.status_code in (401, 403, 404) or (
                        response.status_code == 302
                        and ("/account/2fa/" in location or "/account/login/" in location)
                    )
                    if not refused and not (url == "/" and response.status_code == 302):
                        self.finding(
                            "before the second factor", method, url, who, response, location
                        )

    def tokens(self):
        """A read token may not write; a pilot token reaches only its pilot; pages ignore tokens."""
        for org, other in (("a", "b"), ("b", "a")):
            pilot, other_pilot = self.ids[org]["pilot"], self.ids[other]["pilot"]
            tokens = self.ids[org]["tokens"]
            for name, secret in tokens.items():
                auth = {"Authorization": f"Bearer {secret}"}
                writes = [
                    (
                        "POST",
                        f"/api/v1/pilots/{pilot}/activities/",
                        {"kind": "reading", "on": "2026-11-01", "minutes": 15, "title": "probe"},
                    ),
                    ("POST", "/api/v1/me/notifications/read-all/", {}),
                    ("PATCH", "/api/v1/me/notification-preferences/", {}),
                    (
                        "POST",
                        f"/api/v1/pilots/{pilot}/skills/",
                        {"name": "probe skill", "dimension": Dimension.values[0]},
                    ),
                ]
                for method, url, body in writes:
                    response = self.send(
                        "tokens",
                        f"{org}:{name}",
                        None,
                        method,
                        url,
                        json_body=json.dumps(body),
                        headers=auth,
                    )
                    if response is not None and "read" in name and response.status_code < 400:
                        self.finding("read token wrote", method, url, name, response)
                for url in (f"/p/{pilot}/leerpad/", f"/p/{pilot}/deelnemers/", "/privacy/export/"):
                    response = self.send("tokens", f"{org}:{name}", None, "GET", url, headers=auth)
                    if response is not None and response.status_code == 200:
                        self.finding("token opened a page", "GET", url, name, response)
                for url in (
                    f"/api/v1/pilots/{other_pilot}/goals/",
                    f"/api/v1/pilots/{other_pilot}/overview/",
                ):
                    response = self.send("tokens", f"{org}:{name}", None, "GET", url, headers=auth)
                    if response is not None and response.status_code < 400:
                        self.finding(
                            "token reached another organisation", "GET", url, name, response
                        )
        dual = self.ids["dual"]
        b_pilot, a_pilot = self.ids["b"]["pilot"], self.ids["a"]["pilot"]
        for name in ("read_pilot_a", "write_pilot_a"):
            auth = {"Authorization": f"Bearer {dual[name]}"}
            for _route, url_name, kwargs in routes():
                if not _route.startswith("api/v1/"):
                    continue
                url = self.url_for(
                    url_name,
                    kwargs,
                    b_pilot,
                    defaultdict(lambda: UNKNOWN, self.ids["b"]["objects"]),
                    {},
                )
                if url is None:
                    continue
                for method in ("GET", "POST"):
                    response = self.send(
                        "tokens", f"dual:{name}", None, method, url, json_body="{}", headers=auth
                    )
                    if (
                        response is not None
                        and response.status_code < 400
                        and url_name != "api-pilots"
                    ):
                        self.finding(
                            "pilot token reached another pilot",
                            method,
                            url,
                            f"dual:{name}",
                            response,
                        )
            response = self.send(
                "tokens", f"dual:{name}", None, "GET", "/api/v1/pilots/", headers=auth
            )
            if (
                response is not None
                and response.status_code == 200
                and str(b_pilot) in json.dumps([p.get("id") for p in _results(response.json())])
            ):
                self.finding(
                    "pilot token lists another pilot",
                    "GET",
                    "/api/v1/pilots/",
                    f"dual:{name}",
                    response,
                )
            if "read" in name:
                response = self.send(
                    "tokens",
                    f"dual:{name}",
                    None,
                    "POST",
                    f"/api/v1/pilots/{a_pilot}/activities/",
                    json_body=json.dumps(
                        {"kind": "reading", "on": "2026-11-01", "minutes": 15, "title": "probe"}
                    ),
                    headers=auth,
                )
                if response is not None and response.status_code < 400:
                    self.finding(
                        "read token wrote",
                        "POST",
                        f"/api/v1/pilots/{a_pilot}/activities/",
                        f"dual:{name}",
                        response,
                    )

    def expert(self):
        """The expert may reach the review they were invited to and nothing else of the pilot."""
        for org in ("a", "b"):
            who = f"{org}:expert"
            session = self.sessions[who]
            pilot = self.ids[org]["pilot"]
            invited = self.ids[org]["objects"]["expert_experiment"]
            for _route, name, kwargs in routes():
                if "pilot" not in kwargs:
                    continue
                for experiment in (invited, self.ids[org]["objects"]["uninvited_experiment"]):
                    objects = defaultdict(lambda: UNKNOWN, self.ids[org]["objects"])
                    objects["experiment_id"] = experiment
                    url = self.url_for(name, kwargs, pilot, objects, {})
                    if url is None:
                        continue
                    response = self.send("expert", who, session, "GET", url)
                    if response is None or response.status_code >= 400:
                        continue
                    lists = name in (
                        "learning:ethics-inbox",
                        "learning-experiment-waiting-for-review",
                        "proeftuin:pilot-home",
                    )
                    invited_review = lists or (
                        experiment == invited
                        and name
                        in (
                            "learning:ethics-decide",
                            "learning-experiment-ethics",
                            "learning-experiment-ethics-decide",
                        )
                    )
                    if not invited_review:
                        self.finding("expert reached", "GET", url, who, response)

    def xapi(self):
        for org, other in (("a", "b"), ("b", "a")):
            key, secret = self.ids[org]["xapi_key"], self.ids[org]["xapi_secret"]
            auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
            headers = {"Authorization": auth, "X-Experience-API-Version": "1.0.3"}
            statement = {
                "actor": {"mbox": f"mailto:{self.ids[other]['users']['participant']}"},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
                "object": {
                    "id": "https://lms.example/course/1",
                    "definition": {"name": {"nl": "Cursus"}},
                },
                "result": {"duration": "PT" + HUGE + "H"},
                "timestamp": "9999-12-31T23:59:59Z",
            }
            foreign = User.objects.get(email=self.ids[other]["users"]["participant"])
            before = LearningActivity.objects.filter(membership__user=foreign).count()
            for body in (
                json.dumps(statement),
                BAD_JSON_BODIES["deep"],
                BAD_JSON_BODIES["wrong types"],
                json.dumps([statement] * 3),
            ):
                self.send(
                    "xapi",
                    f"{org}:xapi",
                    None,
                    "POST",
                    "/xapi/statements",
                    json_body=body,
                    headers=headers,
                )
            if LearningActivity.objects.filter(membership__user=foreign).count() != before:
                self.finding(
                    "xapi wrote for another organisation",
                    "POST",
                    "/xapi/statements",
                    f"{org}:xapi",
                    None,
                )
            for method in ("GET", "PUT"):
                self.send(
                    "xapi",
                    f"{org}:xapi",
                    None,
                    method,
                    "/xapi/statements?statementId=" + HUGE,
                    json_body="{}",
                    headers=headers,
                )

    # --- the newest parts: library, contact form, guests, offers, check-in, timing -------------

    def newest(self):
        """Odd input and altered links on the public pages and the newest member pages."""
        self.library_input()
        self.contact_form()
        self.links_by_mail()
        self.check_in_codes()
        self.member_forms()

    def _bad(self, kind, method, url, who, response, *, allowed=(200, 400)):
        if response is not None and response.status_code not in allowed:
            self.finding(kind, method, url, who, response, f"(expected {allowed})")

    def _reflected(self, method, url, who, response):
        if response is not None and _is_text(response) and ODD_TEXT["html"] in response.text:
            self.finding("unescaped input", method, url, who, response)

    def library_input(self):
        anonymous = self.sessions["anonymous"]
        for key in ("q", "kind", "dimension", "stage", "theme", "sector", "size_band", "page"):
            for value in (*ODD_TEXT.values(), "-1", "0", HUGE, "1.5"):
                url = f"/bibliotheek/?{key}={requests.utils.quote(value)}"
                response = self.send("newest", "anonymous", anonymous, "GET", url)
                self._bad("library input", "GET", url, "anonymous", response)
                self._reflected("GET", url, "anonymous", response)
        for query in ("q=a&q=b", "page=1&page=2", "q=%00", "kind=case&q=" + "x" * 10_000):
            url = f"/bibliotheek/?{query}"
            response = self.send("newest", "anonymous", anonymous, "GET", url)
            self._bad("library input", "GET", url, "anonymous", response)
        for method in ("POST", "PUT", "DELETE"):
            response = self.send("newest", "anonymous", None, method, "/bibliotheek/", data={})
            self._bad(
                "library method", method, "/bibliotheek/", "anonymous", response, allowed=(403, 405)
            )
        names = _identifiers(self.ids["a"]) | _identifiers(self.ids["b"])
        for pilot in (self.ids["a"]["pilot"], self.ids["b"]["pilot"]):
            for suffix in ("", "informatiepakket.pdf", "informatiepakket.md"):
                url = f"/bibliotheek/{pilot}/{suffix}"
                response = self.send("newest", "anonymous", anonymous, "GET", url)
                if response is None or response.status_code != 200:
                    continue
                text = _text_of(response)
                for word in names:
                    if word in text:
                        self.finding(
                            "personal data in the library", "GET", url, "anonymous", response, word
                        )
        for pilot in (HUGE, "0"):
            url = f"/bibliotheek/{pilot}/"
            response = self.send("newest", "anonymous", anonymous, "GET", url)
            self._bad("library id", "GET", url, "anonymous", response, allowed=(404,))
        for org, other in (("a", "b"), ("b", "a")):
            pilot = self.ids[org]["pilot"]
            foreign_case = self.ids[other]["objects"]["experiment_id"]
            a = self.send(
                "newest",
                "anonymous",
                anonymous,
                "GET",
                f"/bibliotheek/{pilot}/casus/{foreign_case}/",
            )
            b = self.send(
                "newest", "anonymous", anonymous, "GET", f"/bibliotheek/{pilot}/casus/{UNKNOWN}/"
            )
            if (
                a is not None
                and b is not None
                and (
                    a.status_code != b.status_code
                    or _normal(a, f"/bibliotheek/{pilot}/casus/{foreign_case}/")
                    != _normal(b, f"/bibliotheek/{pilot}/casus/{UNKNOWN}/")
                )
            ):
                self.finding(
                    "existence oracle",
                    "GET",
                    f"/bibliotheek/{pilot}/casus/<other>/",
                    "anonymous",
                    a,
                    f"(unknown: {b.status_code})",
                )

    def contact_form(self):
        anonymous = requests.Session()
        anonymous.csrf_token = ""
        organisations = list(
            ContactPoint.objects.filter(is_open=True).values_list("organisation_id", flat=True)
        )
        closed = Organisation.objects.exclude(pk__in=organisations).values_list("pk", flat=True)
        unknown = self.send("newest", "anonymous", anonymous, "GET", f"/netwerk/{UNKNOWN}/contact/")
        for organisation in (*closed[:1], HUGE, 0):
            url = f"/netwerk/{organisation}/contact/"
            response = self.send("newest", "anonymous", anonymous, "GET", url)
            if (
                response is not None
                and unknown is not None
                and (response.status_code != unknown.status_code)
            ):
                self.finding("existence oracle", "GET", url, "anonymous", response)
        if not organisations:
            return
        url = f"/netwerk/{organisations[0]}/contact/"
        page = self.send("newest", "anonymous", anonymous, "GET", url)
        anonymous.csrf_token = self.csrf(anonymous, url)
        emails = set(Membership.objects.values_list("user__email", flat=True))
        for email in emails:
            if page is not None and email in page.text:
                self.finding(
                    "personal data on the contact form", "GET", url, "anonymous", page, email
                )
        good = {
            "name": "Probe Bezoeker",
            "email": "probe@visitor.example",
            "message": "Een vraag over jullie aanpak.",
            "organisation": "",
        }
        bad = [
            {"name": ODD_TEXT["long"]},
            {"name": "Probe\r\nBcc: x@evil.example"},
            {"name": ODD_TEXT["nul"]},
            {"organisation": "A\nB"},
            {"email": "probe@visitor.example\r\nBcc: x@evil.example"},
            {"email": ODD_TEXT["long"] + "@x.example"},
            {"email": ODD_TEXT["sql"]},
            {"message": ODD_TEXT["long"]},
            {"message": ODD_TEXT["nul"] * 3},
            {"message": ""},
        ]
        for change in bad:
            body = {**good, **change}
            response = self.send(
                "newest",
                "anonymous",
                anonymous,
                "POST",
                url,
                data=body,
                headers={"Referer": self.base + url},
            )
            self._bad("contact input", "POST", url, "anonymous", response)
            self._reflected("POST", url, "anonymous", response)
            if response is not None and "form-errors" not in response.text:
                self.finding(
                    "contact form took bad input", "POST", url, "anonymous", response, str(change)
                )
        response = self.send("newest", "anonymous", requests.Session(), "POST", url, data=good)
        self._bad("contact without csrf", "POST", url, "anonymous", response, allowed=(403,))
        # The rate (5 an hour per address): a sixth message is refused, the form kept.
        statuses = [
            getattr(
                self.send(
                    "newest",
                    "anonymous",
                    anonymous,
                    "POST",
                    url,
                    data=good,
                    headers={"Referer": self.base + url},
                ),
                "status_code",
                None,
            )
            for _ in range(6)
        ]
        if 429 not in statuses:
            self.finding(
                "contact form not rate limited", "POST", url, "anonymous", None, str(statuses)
            )

    def links_by_mail(self):
        from django.core import signing

        from workshops import tokens as workshop_tokens
        from workshops.models import Guest, Session, WaitingOffer

        anonymous = requests.Session()
        guest = Guest.objects.order_by("pk").first()
        offer = WaitingOffer.objects.order_by("pk").first()
        session = Session.objects.filter(open_to_colleagues=True).order_by("pk").first()
        good = {
            "guest": workshop_tokens.guest_token(guest.pk) if guest else "",
            "sign-up": workshop_tokens.sign_up_token(session.pk) if session else "",
            "offer": workshop_tokens.offer_token(offer.pk, "accept") if offer else "",
        }
        prefix = {
            "guest": "/gast/",
            "sign-up": "/gast/aanmelden/",
            "offer": "/bijeenkomsten/aanbod/",
        }
        wrong = [
            ("altered", lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB")),
            ("cut short", lambda t: t[: len(t) // 2]),
            ("long", lambda t: "A" * 10_000),
            ("nul", lambda t: t + "%00"),
            ("unicode", lambda t: "\u00e9\U0001f600"),
        ]
        for kind, token in good.items():
            if not token:
                continue
            for label, change in wrong:
                url = f"{prefix[kind]}{requests.utils.quote(change(token), safe='%')}/"
                for method in ("GET", "POST"):
                    response = self.send(
                        "newest", "anonymous", anonymous, method, url, data={"action": "confirm"}
                    )
                    self._bad(
                        f"{kind} link {label}",
                        method,
                        url,
                        "anonymous",
                        response,
                        allowed=(403, 404),
                    )
            for other, other_token in good.items():
                if other == kind or not other_token:
                    continue
                url = f"{prefix[kind]}{other_token}/"
                response = self.send("newest", "anonymous", anonymous, "GET", url)
                self._bad(
                    f"{other} token as {kind} link",
                    "GET",
                    url,
                    "anonymous",
                    response,
                    allowed=(404,),
                )
        forged = [
            signing.dumps(
                {"o": offer.pk if offer else 1, "a": "take"}, salt=workshop_tokens.OFFER_SALT
            ),
            signing.dumps({"o": str(UNKNOWN), "a": "accept"}, salt=workshop_tokens.OFFER_SALT),
            signing.dumps({"o": UNKNOWN, "a": "accept"}, salt=workshop_tokens.OFFER_SALT),
            signing.dumps({"o": 10**30, "a": "accept"}, salt=workshop_tokens.OFFER_SALT),
        ]
        for token in forged:
            url = f"/bijeenkomsten/aanbod/{token}/"
            response = self.send("newest", "anonymous", anonymous, "GET", url)
            self._bad("offer link forged", "GET", url, "anonymous", response, allowed=(404,))
        for value in (True, UNKNOWN, 10**30, -1):
            for kind in ("guest", "sign-up"):
                salt = (
                    workshop_tokens.GUEST_SALT if kind == "guest" else workshop_tokens.SIGN_UP_SALT
                )
                url = f"{prefix[kind]}{signing.dumps(value, salt=salt)}/"
                response = self.send("newest", "anonymous", anonymous, "GET", url)
                self._bad(
                    f"{kind} link of {value}", "GET", url, "anonymous", response, allowed=(404,)
                )
        if good["sign-up"]:
            url = f"/gast/aanmelden/{good['sign-up']}/"
            anonymous.csrf_token = self.csrf(anonymous, url)
            for change in (
                {"name": ODD_TEXT["long"]},
                {"name": ODD_TEXT["nul"]},
                {"name": ""},
                {"email": ODD_TEXT["sql"]},
                {"email": "x@y.example\r\nBcc: z@evil.example"},
            ):
                body = {
                    "name": "Gast Probe",
                    "email": "gast@probe.example",
                    **change,
                }
                response = self.send(
                    "newest",
                    "anonymous",
                    anonymous,
                    "POST",
                    url,
                    data=body,
                    headers={"Referer": self.base + url},
                )
                self._bad(
                    "guest sign-up input", "POST", url, "anonymous", response, allowed=(200, 400)
                )
                if response is not None and "Bijna klaar" in response.text:
                    self.finding(
                        "guest sign-up took bad input",
                        "POST",
                        url,
                        "anonymous",
                        response,
                        str(change)[:40],
                    )
        if good["guest"]:
            url = f"/gast/{good['guest']}/"
            anonymous.csrf_token = self.csrf(anonymous, url)
            for action in ("", "x" * 10_000, ODD_TEXT["nul"], "delete"):
                response = self.send(
                    "newest",
                    "anonymous",
                    anonymous,
                    "POST",
                    url,
                    data={"action": action},
                    headers={"Referer": self.base + url},
                )
                self._bad("guest action", "POST", url, "anonymous", response, allowed=(400,))

    def check_in_codes(self):
        from workshops.models import Session

        for org, other in (("a", "b"), ("b", "a")):
            who = f"{org}:participant"
            if who not in self.sessions:
                continue
            session = self.sessions[who]
            pilot = self.ids[org]["pilot"]
            own = Session.objects.filter(proeftuin_id=pilot).order_by("-starts_at").first()
            foreign = Session.objects.filter(proeftuin_id=self.ids[other]["pilot"]).first()
            url = f"/p/{pilot}/bijeenkomsten/{own.pk}/inchecken/"
            for code in (*ODD_TEXT.values(), "１２３４５６", "ABC-123", ["A", "B"]):
                response = self.send("newest", who, session, "POST", url, data={"code": code})
                self._bad("check-in code", "POST", url, who, response, allowed=(400,))
                self._reflected("POST", url, who, response)
                response = self.send(
                    "newest",
                    who,
                    session,
                    "POST",
                    url,
                    data={"code": code},
                    headers={"HX-Request": "true"},
                )
                self._bad("check-in code (htmx)", "POST", url, who, response, allowed=(200, 400))
                self._reflected("POST", url, who, response)
            # More than ten tries a minute (the "check_in" rate): the last one was refused.
            last_try = response
            for code in ODD_TEXT.values():
                get = f"{url}?code={requests.utils.quote(code)}"
                response = self.send("newest", who, session, "GET", get)
                self._reflected("GET", get, who, response)
            if last_try is not None and "vaak achter elkaar" not in last_try.text:
                self.finding("check-in not rate limited", "POST", url, who, last_try)
            a = self.send(
                "newest",
                who,
                session,
                "POST",
                f"/p/{pilot}/bijeenkomsten/{foreign.pk}/inchecken/",
                data={"code": "X"},
            )
            b = self.send(
                "newest",
                who,
                session,
                "POST",
                f"/p/{pilot}/bijeenkomsten/{UNKNOWN}/inchecken/",
                data={"code": "X"},
            )
            if a is not None and b is not None and a.status_code != b.status_code:
                self.finding("existence oracle", "POST", "inchecken/<other>", who, a)

    def member_forms(self):
        for org, other in (("a", "b"), ("b", "a")):
            pilot = self.ids[org]["pilot"]
            coach = self.sessions.get(f"{org}:coach")
            if coach is not None:
                url = f"/p/{pilot}/herinneringen/"
                for value in (*ODD_TEXT.values(), "-1", HUGE, "1e3", "1.5", ""):
                    body = {
                        "session_days_before": value,
                        "goal_days_before": 3,
                        "quiet_after_days": 14,
                    }
                    response = self.send("newest", f"{org}:coach", coach, "POST", url, data=body)
                    self._bad(
                        "timing input", "POST", url, f"{org}:coach", response, allowed=(200, 400)
                    )
                    if (
                        response is not None
                        and response.status_code == 200
                        and (
                            "errorlist" not in response.text and "form-errors" not in response.text
                        )
                    ):
                        self.finding(
                            "timing took bad input",
                            "POST",
                            url,
                            f"{org}:coach",
                            response,
                            str(value)[:20],
                        )
                for path in ("/postvak/", "/herinneringen/", "/vergelijking/"):
                    foreign = f"/p/{self.ids[other]['pilot']}{path}"
                    response = self.send("newest", f"{org}:coach", coach, "GET", foreign)
                    self._bad(
                        "another organisation",
                        "GET",
                        foreign,
                        f"{org}:coach",
                        response,
                        allowed=(404,),
                    )
            director = self.sessions.get(f"{org}:director")
            if director is not None:
                for url, bodies in (
                    (
                        f"/p/{pilot}/bibliotheek/",
                        [{"action": a} for a in ("", "x" * 10_000, ODD_TEXT["nul"])]
                        + [{"action": "describe", "sector": v} for v in ODD_TEXT.values()],
                    ),
                    (f"/p/{pilot}/contactpunt/", [{"role": v} for v in ODD_TEXT.values()]),
                ):
                    for body in bodies:
                        response = self.send(
                            "newest", f"{org}:director", director, "POST", url, data=body
                        )
                        self._bad("director's settings", "POST", url, f"{org}:director", response)
                # From both states: an answer that is neither "join" nor "leave" changes nothing.
                url = f"/p/{pilot}/vergelijking/meedoen/"
                for state in ("leave", "join"):
                    self.send(
                        "newest", f"{org}:director", director, "POST", url, data={"action": state}
                    )
                    before = _contributes(pilot)
                    for action in ("", "x" * 10_000, ODD_TEXT["nul"], "JOIN"):
                        response = self.send(
                            "newest",
                            f"{org}:director",
                            director,
                            "POST",
                            url,
                            data={"action": action},
                        )
                        self._bad(
                            "benchmark choice",
                            "POST",
                            url,
                            f"{org}:director",
                            response,
                            allowed=(400, 302),
                        )
                        if _contributes(pilot) != before:
                            self.finding(
                                "benchmark choice took bad input",
                                "POST",
                                url,
                                f"{org}:director",
                                response,
                                repr(action)[:20],
                            )
                            before = _contributes(pilot)

    def report(self):
        print("\nrequests per category:")
        for category, count in sorted(self.counts.items()):
            print(f"  {category:28} {count}")
        print(f"  {'total':28} {sum(self.counts.values())}")
        kinds = Counter(kind for kind, _ in self.findings)
        print("\nfindings per kind:", dict(kinds) or "none")
        return 1 if self.findings else 0


def _last_audit():
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()


def _contributes(pilot):
    return BenchmarkContribution.objects.filter(organisation__proeftuinen__pk=pilot).exists()


def _is_text(response):
    kind = response.headers.get("Content-Type", "")
    return kind.startswith(("text/", "application/json", "application/problem"))


def _normal(response, url):
    if not _is_text(response):
        return response.content
    text = getattr(response, "probe_text", response.text).replace(url, "<URL>")
    text = re.sub(r'value="[A-Za-z0-9]{32,}"', 'value="<csrf>"', text)
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", "<time>", text)
    return text


def _figures(data, path=""):
    """(path, value) of every person count in a JSON answer whose figure is not hidden."""
    if isinstance(data, dict):
        hidden = data.get("hidden")
        for key, value in data.items():
            if (
                key in FIGURE_KEYS
                and not hidden
                and isinstance(value, int)
                and not isinstance(value, bool)
            ):
                yield f"{path}.{key}", value
            else:
                yield from _figures(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _figures(value, f"{path}[{index}]")


def _results(data):
    return data.get("results", data) if isinstance(data, dict) else data


def _identifiers(org):
    words = set()
    for name in org["names"]:
        words.add(name)
        words.update(part for part in name.split() if len(part) > 3 and part[0].isupper())
    words.update(org["emails"])
    return words


def _text_of(response):
    if response.headers.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return response.text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:57100")
    parser.add_argument("--ids", default="var/probe-ids.json")
    parser.add_argument("--only", nargs="*", default=None, help="parts to run (default: all)")
    parser.add_argument("--who", nargs="*", default=None, help="walk only as these (a:coach ...)")
    args = parser.parse_args()
    probe = Probe(args.base, json.loads(Path(args.ids).read_text()))
    probe.only_who = args.who
    probe.log_everyone_in()
    parts = {
        "names": probe.names_leaving_the_pilot,
        "second-factor": probe.before_second_factor,
        "tokens": probe.tokens,
        "expert": probe.expert,
        "xapi": probe.xapi,
        "walk": probe.walk_all,
        "newest": probe.newest,
    }
    for part in args.only or parts:
        print(f"--- {part}", flush=True)
        parts[part]()
    sys.exit(probe.report())


if __name__ == "__main__":
    main()

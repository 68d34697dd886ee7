"""What every signed-in page pays: CPU and queries of a page with nothing of its own, per role.

    DATABASE_URL=... python bench/floor.py [--requests 200] [URL ...]

Runs in-process (django.test.Client) as the benchmark's asking participant, coach and director
(bench/explain.py), after a second factor where the role needs one; per URL and role the median
CPU time of the thread per request (`time.thread_time`, as `X-CPU-ms`) and the number of queries.
Default URL: `/account/password_change/`, which renders the menu and nothing else; `/healthz` is
the reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.explain import asking_user
from tests.login_flow import mark_session_past_second_factor


def signed_in(role: str) -> Client:
    client = Client()
    user = asking_user(role)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    mark_session_past_second_factor(client.session, user)
    return client


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="*", default=["/account/password_change/"])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    # 503 without a recent reminder sweep (no beat here): the same work, the same cost.
    cases = [("/healthz", "anonymous", Client(), (200, 503))]
    for url in args.urls:
        for role in ("participant", "coach", "director"):
            cases.append((url, role, signed_in(role), (200,)))
    for url, role, client, ok in cases:
        for _ in range(5):
            response = client.get(url)
            if response.status_code not in ok:
                sys.exit(f"{url} as {role}: HTTP {response.status_code}")
    # Round-robin, so a moment when the shared machine is busy falls on every case alike.
    cpu: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    for _ in range(args.requests):
        for i, (url, _role, client, _ok) in enumerate(cases):
            started = time.thread_time()
            client.get(url)
            cpu[i].append(1000 * (time.thread_time() - started))
    reference = statistics.median(cpu[0])
    for i, (url, role, client, _ok) in enumerate(cases):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        median = statistics.median(cpu[i])
        print(
            f"{url:30} {role:12} {median:6.2f} ms CPU  {median / reference:5.2f} x healthz"
            f"  {len(captured):2} queries"
        )


if __name__ == "__main__":
    main()

"""Why is a page slow? Its queries by time, EXPLAIN ANALYZE of the slowest, and a profile.

    DATABASE_URL=... python bench/explain.py --as coach /p/506/deelnemers/ [--top 3] [--profile]

Runs the request in-process (django.test.Client, logged in as the asking user of the benchmark
role of the pilot in the URL), three times to warm caches; reports on the third.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import generate
from proeftuin.models import Organisation, User
from tests.login_flow import mark_session_past_second_factor


def asking_user(role: str) -> User:
    organisations = Organisation.objects.filter(slug__startswith="bench-").count()
    h = generate.handles(organisations)
    email = {
        "participant": h.participant_email,
        "coach": h.coach_email,
        "director": h.director_email,
    }[role]
    return User.objects.get(email=email)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--as", dest="role", default="participant")
    parser.add_argument("--top", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
    args = parser.parse_args()

    client = Client()
    user = asking_user(args.role)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # Coaches and directors must pass a second factor, or the page measured is the redirect.
    mark_session_past_second_factor(client.session, user)
    for _ in range(2):
        client.get(args.url)
    profiler = cProfile.Profile() if args.profile else None
    with CaptureQueriesContext(connection) as captured:
        if profiler:
            profiler.enable()
        response = client.get(args.url)
        if profiler:
            profiler.disable()
    print(f"{args.url} as {args.role}: HTTP {response.status_code}, {len(captured)} queries")
    if response.status_code != 200:
        sys.exit(f"expected 200, got {response.status_code}: {response.get('Location', '')}")
    # The server's own execution time of each SELECT (round trips and a busy machine excluded).
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            lines = [line for (line,) in cursor.fetchall()]
            executed = next(float(x.split()[2]) for x in lines if x.startswith("Execution Time"))
            plans.append((executed, sql, lines))
    plans.sort(key=lambda p: -p[0])
    print(f"  server execution time of all SELECTs: {sum(p[0] for p in plans):.1f} ms")
    for executed, sql, _ in plans:
        print(f"  {executed:8.2f} ms  {sql[:140]}")
    for executed, sql, lines in plans[: args.top]:
        print(f"\n{executed:.2f} ms: EXPLAIN (ANALYZE, BUFFERS) {sql}\n")
        for line in lines:
            print(f"  {line}")
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
        stats.print_stats(25)
        # The project's own functions, which is where a change can be made.
        stats.print_stats(r"/(proeftuin|learning|workshops|notifications|templates)/", 30)
        print(out.getvalue())


if __name__ == "__main__":
    main()

"""The demo for browser tests: seeded once per test database, then restored from a copy.

`seed_demo` costs 25 to 35 s on a two-core machine, and most browser tests start from it. The
first test of a worker seeds it and copies every table into a schema of its own; the next tests
empty the tables and copy the rows back, which takes about a second. The copy is refreshed when
it is older than MAX_AGE or was made on another day, so what the demo places relative to now
(sessions tomorrow, a round that closes next week, an offer that expired an hour ago) stays where
the journeys expect it.

PostgreSQL only (the suite's database); elsewhere every test seeds.
"""

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

SCHEMA = "demo_snapshot"
MAX_AGE = timedelta(minutes=20)
# Django's record of applied migrations is left alone: the tests' flush does not empty it either.
KEPT = {"django_migrations"}


@dataclass
class Snapshot:
    taken_at: datetime
    taken_on: date
    # table -> the columns a row can be given (generated columns are computed by the database)
    columns: dict[str, list[str]]

    def is_fresh(self) -> bool:
        return timezone.now() - self.taken_at < MAX_AGE and timezone.localdate() == self.taken_on


_snapshot: Snapshot | None = None


def load_demo() -> None:
    """Put the demo into the (empty) test database, as `seed_demo` would make it now."""
    global _snapshot
    # The cache may hold what a previous test's pages computed from its own rows.
    cache.clear()
    if connection.vendor != "postgresql":
        _seed()
        return
    if _snapshot is not None and _snapshot.is_fresh():
        _restore(_snapshot)
        return
    _seed()
    _snapshot = _take()


def _seed() -> None:
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)


def _tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    return [name for (name,) in cursor.fetchall() if name not in KEPT]


def _take() -> Snapshot:
    columns = {}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{SCHEMA}"')
        for table in _tables(cursor):
            cursor.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = %s AND is_generated = 'NEVER'"
                " ORDER BY ordinal_position",
                [table],
            )
            columns[table] = [name for (name,) in cursor.fetchall()]
            listed = ", ".join(f'"{name}"' for name in columns[table])
            cursor.execute(
                f'CREATE TABLE "{SCHEMA}"."{table}" AS SELECT {listed} FROM public."{table}"'
            )
    return Snapshot(taken_at=timezone.now(), taken_on=timezone.localdate(), columns=columns)


def _restore(snapshot: Snapshot) -> None:
    """Empty every table and copy the demo's rows back.

    The sequences are left where they are: they only grow, so every id handed out later is
    still above every restored one.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        # Django's foreign keys are deferrable: checked at commit, whatever the order of tables.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        tables = ", ".join(f'public."{table}"' for table in snapshot.columns)
        cursor.execute(f"TRUNCATE {tables}")
        for table, names in snapshot.columns.items():
            listed = ", ".join(f'"{name}"' for name in names)
            cursor.execute(
                f'INSERT INTO public."{table}" ({listed}) SELECT {listed} FROM "{SCHEMA}"."{table}"'
            )
    # The flush before this test made the content types anew, with other ids than the copy's.
    ContentType.objects.clear_cache()

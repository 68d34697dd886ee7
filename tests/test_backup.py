"""Backups: scripts/pg-backup.sh dumps a populated database and restores it into an empty one."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from . import factories

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "pg-backup.sh"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")), reason="needs pg_dump"
    ),
]


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("backups are made of PostgreSQL")
    return connection.settings_dict


def pg_env(db: dict, name: str) -> dict:
    return {
        **os.environ,
        "PGHOST": db["HOST"] or "localhost",
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"],
        "PGPASSWORD": db["PASSWORD"] or "",
        "PGDATABASE": name,
    }


def backup(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120
    )


def row_counts(conninfo: dict) -> dict[str, int]:
    with psycopg.connect(**conninfo) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
        return counts


def conninfo(db: dict, name: str) -> dict:
    return {
        "host": db["HOST"] or "localhost",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "dbname": name,
    }


@pytest.fixture
def empty_database(postgres):
    name = f"{postgres['NAME']}_restored"
    with psycopg.connect(**conninfo(postgres, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**conninfo(postgres, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


CHECK_THE_APP = """
import django; django.setup()
from django.core.management import call_command
from django.test import Client
from proeftuin.models import User
import io
call_command("migrate", check=True, plan=True, stdout=io.StringIO())
client = Client()
from django.urls import reverse
user = User.objects.get(email=EMAIL)
client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
page = client.get(reverse("learning:dashboard", args=[PILOT]))
print(page.status_code, "GOAL" in page.content.decode())
"""


def test_a_backup_restored_into_an_empty_database_has_every_row_and_the_app_works_on_it(
    postgres, empty_database, tmp_path
):
    pilot = factories.ProeftuinFactory()
    participant = factories.ParticipantFactory(proeftuin=pilot)
    factories.CoachFactory(proeftuin=pilot)
    goal = factories.GoalFactory(membership=participant, statement="Een draaitabel maken")
    factories.ActivityFactory(membership=participant)
    factories.SessionFactory(proeftuin=pilot)
    factories.ReminderFactory(recipient=participant.user)

    env = {**pg_env(postgres, postgres["NAME"]), "BACKUP_DIR": str(tmp_path)}
    made = backup("once", env=env)
    assert made.returncode == 0, made.stderr
    [dump] = tmp_path.glob("proeftuin-*.dump")

    restored = backup("restore", str(dump), env={**env, "PGDATABASE": empty_database})
    assert restored.returncode == 0, restored.stderr

    before = row_counts(conninfo(postgres, postgres["NAME"]))
    assert before["learning_skillgoal"] == 1
    assert row_counts(conninfo(postgres, empty_database)) == before

    info = conninfo(postgres, empty_database)
    url = f"postgres://{info['user']}:{info['password'] or ''}@{info['host']}:{info['port']}/"
    url += empty_database
    code = (
        CHECK_THE_APP.replace("EMAIL", repr(participant.user.email))
        .replace("PILOT", str(pilot.pk))
        .replace('"GOAL"', repr(goal.statement))
    )
    app = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert app.returncode == 0, app.stderr
    assert app.stdout.split() == ["200", "True"]


def test_backups_older_than_the_kept_days_are_removed(postgres, tmp_path):
    old = tmp_path / "proeftuin-20000101T000000Z.dump"
    old.write_bytes(b"old")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(old, (two_days_ago, two_days_ago))
    recent = tmp_path / "proeftuin-20000102T000000Z.dump"
    recent.write_bytes(b"recent")

    env = {**pg_env(postgres, postgres["NAME"]), "BACKUP_DIR": str(tmp_path)}
    made = backup("once", env={**env, "BACKUP_KEEP_DAYS": "1"})
    assert made.returncode == 0, made.stderr
    assert not old.exists()
    assert recent.exists()
    assert len(list(tmp_path.glob("proeftuin-*.dump"))) == 2

"""The browser tests' demo, restored from its copy, is the demo as seeding makes it."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from learning.models import LearningActivity

from . import demo_snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def _rows_per_table() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM public."{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the copy is made in PostgreSQL")
def test_a_restored_demo_has_every_row_of_the_seeded_one_and_none_a_test_added(monkeypatch):
    monkeypatch.setattr(demo_snapshot, "_snapshot", None)
    demo_snapshot.load_demo()
    seeded = _rows_per_table()
    LearningActivity.objects.filter(membership__user__email="participant1@demo.example").delete()
    get_user_model().objects.create_user(email="nieuw@demo.example", password="x" * 16)

    demo_snapshot.load_demo()

    assert _rows_per_table() == seeded
    assert LearningActivity.objects.filter(
        membership__user__email="participant1@demo.example"
    ).exists()
    assert not get_user_model().objects.filter(email="nieuw@demo.example").exists()

"""Reachability of the database and the broker, for /healthz and the start-up check."""

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError


def database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        first_line = (str(exc).strip().splitlines() or [""])[0]
        return f"database unreachable ({exc.__class__.__name__}: {first_line})"
    return None


def broker_problem() -> str | None:
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except redis.RedisError as exc:
        return f"broker unreachable at {settings.CELERY_BROKER_URL} ({exc})"
    return None

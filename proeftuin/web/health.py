"""Reachability of the database and the broker, and the reminder sweep's pulse, for /healthz."""

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.utils import timezone


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


def sweep_problem() -> str | None:
    """A reminder sweep must have finished lately; if not, beat or every worker is down."""
    from notifications import selectors  # the ledger's own read; web/ sits below the apps

    max_age = settings.HEALTHZ_SWEEP_MAX_AGE
    if not max_age:
        return None
    last = selectors.last_sweep_at()
    if last is None:
        return "no reminder sweep has run yet (are beat and a worker running?)"
    age = (timezone.now() - last).total_seconds()
    if age > max_age:
        return f"no reminder sweep for {int(age // 60)} minutes (are beat and a worker running?)"
    return None


def queue_length() -> int | None:
    """Send tasks waiting in the broker's default queue; None when the broker does not answer."""
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
        )
        return int(client.llen("celery"))
    except redis.RedisError:
        return None

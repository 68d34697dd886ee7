"""Timing of the delivery machinery; settings may override each value (see docs/reminders.md)."""

import os
from datetime import timedelta

from django.conf import settings


def _int(name: str, default: int) -> int:
    """A setting, else an environment variable of the same name, else the default."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {value!r}")
    return value


def _seconds(name: str, default: int) -> timedelta:
    return timedelta(seconds=_int(name, default))


def claim_timeout() -> timedelta:
    """How long a claim lasts; longer than a send task may run (CELERY_TASK_TIME_LIMIT)."""
    return _seconds("REMINDER_CLAIM_TIMEOUT", 15 * 60)


def max_attempts() -> int:
    """Tries per reminder (the first send plus retries on transient SMTP errors)."""
    return _int("REMINDER_MAX_ATTEMPTS", 5)


def retry_backoff(attempt: int) -> int:
    """Seconds before try `attempt + 1`: 30 s, 60 s, 120 s ... capped at 5 minutes."""
    base = _int("REMINDER_RETRY_BACKOFF", 30)
    return min(base * 2 ** max(attempt - 1, 0), 300)


def sweep_batch_size() -> int:
    return _int("REMINDER_SWEEP_BATCH", 500)


def handoff_grace() -> timedelta:
    """How long a claimed row may wait for its hand-off to a send task before a sweep retakes it."""
    return _seconds("REMINDER_HANDOFF_GRACE", 60)


def plan_batch() -> int:
    """At most this many rows per planner and sweep; the next sweeps plan the rest."""
    return _int("REMINDER_PLAN_BATCH", 5000)

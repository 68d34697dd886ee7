"""Timing of the delivery machinery; settings may override each value (see docs/reminders.md)."""

from datetime import timedelta

from django.conf import settings


def _seconds(name: str, default: int) -> timedelta:
    value = getattr(settings, name, default)
    if not isinstance(value, int) or value <= 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {value!r}")
    return timedelta(seconds=value)


def claim_timeout() -> timedelta:
    """How long a claim lasts; longer than a send task may run (CELERY_TASK_TIME_LIMIT)."""
    return _seconds("REMINDER_CLAIM_TIMEOUT", 15 * 60)


def max_attempts() -> int:
    """Tries per reminder (the first send plus retries on transient SMTP errors)."""
    return int(getattr(settings, "REMINDER_MAX_ATTEMPTS", 5))


def retry_backoff(attempt: int) -> int:
    """Seconds before try `attempt + 1`: 30 s, 60 s, 120 s ... capped at 5 minutes."""
    base = int(getattr(settings, "REMINDER_RETRY_BACKOFF", 30))
    return min(base * 2 ** max(attempt - 1, 0), 300)


def sweep_batch_size() -> int:
    return int(getattr(settings, "REMINDER_SWEEP_BATCH", 500))

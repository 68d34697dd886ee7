from celery import shared_task

from . import health, privacy


@shared_task
def worker_status() -> dict:
    """What a worker sees of the database and the broker; for operations and the tests."""
    return {
        "database": health.database_problem() or "ok",
        "broker": health.broker_problem() or "ok",
    }


@shared_task
def anonymise_expired_pilots() -> list[int]:
    """Daily: anonymise the participants of pilots past their retention period, once each."""
    return privacy.anonymise_due_pilots()

from celery import shared_task

from . import privacy
from .web import health


# Pinned: the name is what workers and callers address, so moving this module must not change it.
@shared_task(name="proeftuin.tasks.worker_status")
def worker_status() -> dict:
    """What a worker sees of the database and the broker; for operations and the tests."""
    return {
        "database": health.database_problem() or "ok",
        "broker": health.broker_problem() or "ok",
    }


# Pinned: migration 0002 stores this name in the beat schedule.
@shared_task(name="proeftuin.tasks.anonymise_expired_pilots")
def anonymise_expired_pilots() -> list[int]:
    """Daily: anonymise the participants of pilots past their retention period, once each."""
    return privacy.anonymise_due_pilots()

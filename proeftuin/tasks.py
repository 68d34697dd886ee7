from celery import shared_task

from . import health


@shared_task
def worker_status() -> dict:
    """What a worker sees of the database and the broker; for operations and the tests."""
    return {
        "database": health.database_problem() or "ok",
        "broker": health.broker_problem() or "ok",
    }

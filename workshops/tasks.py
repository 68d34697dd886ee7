"""Thin Celery tasks of the workshops app; the services decide."""

from celery import shared_task

from . import services

ERASE_GUESTS_TASK = "workshops.tasks.erase_past_guests"


# Pinned: the beat schedule (migration) stores this name.
@shared_task(name=ERASE_GUESTS_TASK, ignore_result=True)
def erase_past_guests() -> int:
    """Daily: guests go 30 days after their session, with the mails sent to them."""
    return services.erase_past_guests()

"""Thin Celery tasks: the beat sweep and the send of one reminder. The ledger decides."""

from celery import shared_task

from . import conf, services

SWEEP_TASK = "notifications.tasks.sweep_reminders"


@shared_task(name=SWEEP_TASK, ignore_result=True)
def sweep_reminders() -> dict:
    """Beat runs this every few minutes: plan, claim, and queue one send task per claimed row."""
    # The claim is committed inside sweep() before any id is handed to a send task.
    result = services.sweep(send=send_reminder.delay)
    return {"planned": result.planned, "claimed": len(result.claimed)}


@shared_task(
    bind=True,
    name="notifications.tasks.send_reminder",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=10,  # a safety net: the ledger's REMINDER_MAX_ATTEMPTS stops it first
    ignore_result=True,
)
def send_reminder(self, reminder_id: int) -> str:
    """Send one claimed reminder; a second delivery of the same id is a no-op."""
    try:
        return services.deliver(reminder_id=reminder_id)
    except services.TransientSendError as exc:
        if self.request.retries >= self.max_retries:
            services.give_up(reminder_id=reminder_id, error=str(exc))
            return "failed"
        # A short countdown (at most 5 minutes, within the claim); if Redis loses it, the
        # next sweep finds the claim expired and queues the row again.
        raise self.retry(exc=exc, countdown=conf.retry_backoff(self.request.retries + 1)) from exc

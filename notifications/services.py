"""Writes of the reminder ledger. Rules of other apps call `schedule`; delivery lives here."""

from datetime import datetime

from django.db import IntegrityError, transaction

from proeftuin.models import Proeftuin, User

from .models import Reminder


def schedule(
    *,
    rule: str,
    recipient: User,
    subject_key: str,
    period: str,
    due_at: datetime,
    context: dict | None = None,
    proeftuin: Proeftuin | None = None,
) -> tuple[Reminder, bool]:
    """Plan one reminder; the same (rule, recipient, subject, period) is planned only once."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                rule=rule,
                recipient=recipient,
                subject_key=subject_key,
                period=period,
                due_at=due_at,
                context=context or {},
                proeftuin=proeftuin,
            )
            return reminder, True
    except IntegrityError:
        existing = Reminder.objects.get(
            rule=rule, recipient=recipient, subject_key=subject_key, period=period
        )
        return existing, False

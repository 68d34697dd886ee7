"""Retention: a pilot's participants are anonymised once its retention period has passed."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import audit
from ..models import AuditEvent, Membership, Proeftuin, Role
from ..months import months_after
from . import erasure


def retention_ends_on(proeftuin: Proeftuin) -> date:
    """The last day personal data of the pilot is kept: its end date plus the retention months."""
    return months_after(proeftuin.ends_on, proeftuin.retention_months)


def pilots_past_retention(today: date | None = None) -> list[Proeftuin]:
    today = today or timezone.localdate()
    candidates = Proeftuin.objects.filter(anonymised_at__isnull=True, ends_on__lt=today)
    return [p for p in candidates if retention_ends_on(p) < today]


def anonymise_pilot(*, proeftuin_id: int) -> bool:
    """Anonymise a pilot's participants after retention; True only for the run that did it."""
    with transaction.atomic():
        # Claim the pilot: of two concurrent runs exactly one sees its UPDATE match a row.
        claimed = Proeftuin.objects.filter(pk=proeftuin_id, anonymised_at__isnull=True).update(
            anonymised_at=timezone.now()
        )
        if not claimed:
            return False
        proeftuin = Proeftuin.objects.get(pk=proeftuin_id)
        participants = list(
            Membership.objects.filter(proeftuin=proeftuin, role=Role.PARTICIPANT).select_related(
                "user"
            )
        )
        for membership in participants:
            user = membership.user
            erasure.scrub(user, proeftuin)
            still_elsewhere = (
                user.memberships.exclude(proeftuin=proeftuin)
                .filter(is_active=True, proeftuin__anonymised_at__isnull=True)
                .exists()
            )
            if not still_elsewhere and user.erased_at is None:
                erasure.scrub(user, None)  # nothing else keeps this account: it goes as well
            audit.record(
                actor=None,
                subject=user,
                action=AuditEvent.Action.ANONYMISED,
                what=audit.What.ANONYMISED,
                proeftuin=proeftuin,
            )
    return True


def anonymise_due_pilots(today: date | None = None) -> list[int]:
    """One retention sweep; returns the ids of the pilots this run anonymised."""
    return [p.pk for p in pilots_past_retention(today) if anonymise_pilot(proeftuin_id=p.pk)]

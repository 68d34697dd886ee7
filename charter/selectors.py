"""Reads of the basic principles, shared by pages, API and the ethics review."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from proeftuin.models import Commitment

from .models import CharterVersion, Principle, SponsorMessage


def versions_of(proeftuin_id) -> QuerySet[CharterVersion]:
    """Every version, newest first, with its principles."""
    return CharterVersion.objects.filter(proeftuin_id=proeftuin_id).prefetch_related("principles")


def current_of(proeftuin_id) -> CharterVersion | None:
    return versions_of(proeftuin_id).first()


def current_principles(proeftuin_id) -> QuerySet[Principle]:
    current = current_of(proeftuin_id)
    return Principle.objects.filter(charter=current) if current else Principle.objects.none()


def principles_of_review(review) -> list[Principle]:
    """The principles a review's reviewer ticked, with their version."""
    if not review.pk:
        return []
    return list(review.principles.select_related("charter"))


@dataclass
class SponsorWord:
    message: SponsorMessage
    # The plan's own number (the organisation's commitment); None until the plan states it.
    hours_per_month: Decimal | None


def sponsor_word(proeftuin_id) -> SponsorWord | None:
    """The director's newest message with the hours per month the plan gives, or None."""
    message = SponsorMessage.objects.filter(proeftuin_id=proeftuin_id).first()
    if message is None:
        return None
    hours = (
        Commitment.objects.filter(proeftuin_id=proeftuin_id)
        .values_list("hours_per_participant_per_month", flat=True)
        .first()
    )
    return SponsorWord(message=message, hours_per_month=hours)


def sponsor_messages(proeftuin_id) -> QuerySet[SponsorMessage]:
    return SponsorMessage.objects.filter(proeftuin_id=proeftuin_id)

"""Reads of the basic principles, shared by pages, API and the ethics review."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from learning.models import EthicsReview, Experiment
from proeftuin.models import Commitment, Membership, Role

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


def participants_with_tasks(proeftuin_id) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(proeftuin_id=proeftuin_id, role=Role.PARTICIPANT, is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def experts_of(proeftuin_id) -> QuerySet[Membership]:
    return Membership.objects.filter(
        proeftuin_id=proeftuin_id, role=Role.EXPERT, is_active=True
    ).select_related("user")


def waiting_reviews_of(proeftuin_id) -> QuerySet[Experiment]:
    return Experiment.objects.filter(
        owner__proeftuin_id=proeftuin_id, ethics_review__state=EthicsReview.State.WAITING
    ).select_related("ethics_review")


def member_of_pilot_or_404(proeftuin_id, membership_id, *, role: str) -> Membership:
    try:
        return Membership.objects.select_related("user").get(
            pk=membership_id, proeftuin_id=proeftuin_id, role=role, is_active=True
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

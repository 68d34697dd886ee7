"""Reads of the basic principles, shared by pages, API and the ethics review."""

from django.db.models import QuerySet

from .models import CharterVersion, Principle


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

"""Who may see what: every page, API endpoint and admin screen asks here.

Objects outside the asking user's pilots raise Http404 (never 403), so nobody learns that
another organisation's object exists.
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from .models import Membership, Proeftuin, Role, User


def active_memberships(user: User) -> QuerySet[Membership]:
    """The active roles of a user, with their pilot and organisation loaded."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("proeftuin__organisation")
        .order_by("-proeftuin__starts_on", "proeftuin__name")
    )


def visible_pilots(user: User, roles: Iterable[str] | None = None) -> QuerySet[Proeftuin]:
    """Pilots the user holds an active role in (optionally only in the given roles)."""
    if not user.is_authenticated:
        return Proeftuin.objects.none()
    memberships = Membership.objects.filter(user=user, is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Proeftuin.objects.filter(pk__in=memberships.values("proeftuin_id"))


def membership_or_404(
    user: User, proeftuin_id: int, roles: Iterable[str] | None = None
) -> Membership:
    """The user's active role in this pilot; 404 when they have none (or not one of `roles`)."""
    if not user.is_authenticated:
        raise Http404
    try:
        membership = Membership.objects.select_related("proeftuin__organisation", "user").get(
            user=user, proeftuin_id=proeftuin_id, is_active=True
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if roles is not None and membership.role not in set(roles):
        raise Http404
    return membership


def coach_pilot_ids(user: User) -> list[int]:
    """Ids of the pilots a user coaches; the scope of their admin screens."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, role=Role.COACH, is_active=True).values_list(
            "proeftuin_id", flat=True
        )
    )


def participant_of_pilot_or_404(proeftuin: Proeftuin, membership_id: int) -> Membership:
    """A participant's membership inside the given pilot; 404 for anyone else."""
    try:
        return Membership.objects.select_related("user").get(
            pk=membership_id, proeftuin=proeftuin, role=Role.PARTICIPANT
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

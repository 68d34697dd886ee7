"""Wie ziet mijn gegevens?: a person's pilots, who acted on their data, the consent switch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from .. import audit
from ..accounts import services
from ..errors import DomainError
from ..models import AuditEvent, Membership, Role, User


@dataclass
class PilotView:
    """One of the person's pilots: their role, consents and who else sees what."""

    membership: Membership
    coaches: list[str]
    consents: list[Any]


def my_pilots(user: User) -> list[PilotView]:
    """The person's pilots with their consent history and the names of their coaches."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("proeftuin__organisation")
        .prefetch_related("consents")
        .order_by("-is_active", "-proeftuin__starts_on")
    )
    coaches: dict[int, list[str]] = {}
    for pilot_id, full_name, email in Membership.objects.filter(
        proeftuin_id__in=[m.proeftuin_id for m in memberships], role=Role.COACH, is_active=True
    ).values_list("proeftuin_id", "user__full_name", "user__email"):
        coaches.setdefault(pilot_id, []).append(full_name or email.split("@")[0])
    return [
        PilotView(
            membership=m, coaches=coaches.get(m.proeftuin_id, []), consents=list(m.consents.all())
        )
        for m in memberships
    ]


@dataclass
class EventView:
    at: Any
    action: str
    what: str
    actor: str
    pilot: str


def events_about(user: User, limit: int = 200) -> list[EventView]:
    """Audit events about the person, newest first, with who acted (name and role)."""
    events = list(
        AuditEvent.objects.filter(subject=user)
        .select_related("actor", "proeftuin")
        .order_by("-at", "-pk")[:limit]
    )
    roles = {
        (m.user_id, m.proeftuin_id): m.get_role_display()
        for m in Membership.objects.filter(
            user_id__in={e.actor_id for e in events if e.actor_id and e.actor_id != user.pk}
        )
    }
    views = []
    for event in events:
        if event.actor_id is None:
            actor = _("het systeem")
        elif event.actor_id == user.pk:
            actor = _("jijzelf")
        else:
            role = roles.get((event.actor_id, event.proeftuin_id), _("beheerder"))
            actor = f"{event.actor.display_name} ({role})"
        views.append(
            EventView(
                at=event.at,
                action=event.get_action_display(),
                what=audit.describe(event.code, event.params),
                actor=actor,
                pilot=event.proeftuin.name if event.proeftuin else "",
            )
        )
    return views


class ConsentNotPossible(DomainError):
    """Only a participant has progress to share."""


def change_consent(*, user: User, membership_id: int, share: bool) -> Membership:
    """The person switches sharing with the director on or off; dated and logged when it changes."""
    membership = Membership.objects.filter(pk=membership_id, user=user).first()
    if membership is None:
        raise Http404  # someone else's membership: as if it did not exist
    if membership.role != Role.PARTICIPANT:
        raise ConsentNotPossible(_("Alleen deelnemers delen voortgang met de directeur."))
    before = membership.shares_progress_with_director
    with transaction.atomic():
        membership = services.set_share_with_director(membership=membership, share=share)
        if before != share:
            audit.record(
                actor=user,
                subject=user,
                action=AuditEvent.Action.CONSENT_CHANGED,
                what=audit.What.SHARING_ON if share else audit.What.SHARING_OFF,
                proeftuin=membership.proeftuin,
            )
    return membership

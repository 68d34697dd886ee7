"""Erasure of a person, driven by the registry: texts gone, account unusable, totals unchanged."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..errors import DomainError
from ..models import AuditEvent, Proeftuin, User
from .registry import DELETE, ERASURE_ORDER, KEEP, REGISTRY, Entry, model_of


class ErasureRefused(DomainError):
    """The erasure cannot go ahead; the message is shown to the person."""


def _apply(entry: Entry, label: str, user: User, proeftuin: Proeftuin | None) -> None:
    if entry.erase == KEEP:
        return
    if callable(entry.erase):
        entry.erase(user, proeftuin)
        return
    model = model_of(label)
    filters = {entry.person: user.pk}
    if proeftuin is not None:
        if entry.pilot is None:
            return  # account-level data goes only with the account
        filters[entry.pilot] = proeftuin
    # Filter on primary keys first: update() and delete() across joins are not portable.
    pks = list(model._default_manager.filter(**filters).values_list("pk", flat=True))
    queryset = model._default_manager.filter(pk__in=pks)
    if entry.erase == DELETE:
        queryset.delete()
    else:
        queryset.update(**entry.erase)


def scrub(user: User, proeftuin: Proeftuin | None) -> None:
    for label in ERASURE_ORDER:
        _apply(REGISTRY[label], label, user, proeftuin)


@transaction.atomic
def erase_person(*, user: User, actor: User | None) -> None:
    """Erase a person for good: texts gone, account unusable, the pilot's totals unchanged."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        raise ErasureRefused(_("Deze persoon is al gewist."))
    pilot_ids = list(user.memberships.values_list("proeftuin_id", flat=True))
    scrub(user, None)
    for pilot_id in pilot_ids or [None]:
        audit.record(
            actor=actor,
            subject=user,
            action=AuditEvent.Action.ERASED,
            what=audit.What.ERASED,
            proeftuin=Proeftuin.objects.filter(pk=pilot_id).first() if pilot_id else None,
        )


def erase_myself(*, request, password: str) -> None:
    """The signed-in person erases their own account after re-entering their password."""
    user = request.user
    # With the request, so the lockout counts wrong passwords here as it does at the login.
    if not password or authenticate(request, username=user.email, password=password) is None:
        raise ErasureRefused(_("Dit wachtwoord klopt niet."))
    erase_person(user=user, actor=user)

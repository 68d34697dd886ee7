"""The instance's shared library: pilots whose coach shared the informatiepakket with the
members of every organisation on this instance. Opt-in, and withdrawn at once: a withdrawn
package answers 404 on every old link. What is shown is `contents.build`, so the redactor
and the disclosure rule hold exactly as in the pilot's own downloads.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from .. import access, audit
from ..models import AuditEvent, Membership, Proeftuin


def share(*, proeftuin: Proeftuin, actor) -> None:
    """Put the package in the library (once; sharing again keeps the first date)."""
    updated = Proeftuin.objects.filter(pk=proeftuin.pk, toolkit_shared_at__isnull=True).update(
        toolkit_shared_at=timezone.now()
    )
    if updated:
        audit.record(
            actor=actor,
            subject=None,
            action=AuditEvent.Action.PUBLISHED,
            what=audit.What.LIBRARY_SHARED,
            proeftuin=proeftuin,
        )


def withdraw(*, proeftuin: Proeftuin, actor) -> None:
    updated = Proeftuin.objects.filter(pk=proeftuin.pk, toolkit_shared_at__isnull=False).update(
        toolkit_shared_at=None
    )
    if updated:
        audit.record(
            actor=actor,
            subject=None,
            action=AuditEvent.Action.PUBLISHED,
            what=audit.What.LIBRARY_WITHDRAWN,
            proeftuin=proeftuin,
        )


def may_read_library(user) -> bool:
    """Anyone with an active role in some pilot that reads the pilot's own package there
    (access.ROLES_FOR: not an outside expert, who sees only their review)."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, is_active=True, role__in=access.roles_for("library", "read")
        ).exists()
    )


def shared_packages(user) -> QuerySet[Proeftuin]:
    if not may_read_library(user):
        raise Http404
    return (
        Proeftuin.objects.filter(toolkit_shared_at__isnull=False)
        .select_related("organisation")
        .order_by("-toolkit_shared_at", "pk")
    )


def shared_package_or_404(user, pilot_id) -> Proeftuin:
    pilot = shared_packages(user).filter(pk=pilot_id).first()
    if pilot is None:
        raise Http404
    return pilot

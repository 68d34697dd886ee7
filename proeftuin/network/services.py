"""The knowledge network, the writes: contributing to the benchmark, the contact point, and a
message from another organisation delivered to the holders of the contact role."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .. import audit
from ..accounts.language import language_of
from ..models import AuditEvent, BenchmarkContribution, ContactPoint, Membership, Proeftuin, User


@transaction.atomic
def join_benchmark(*, proeftuin: Proeftuin, actor: User) -> None:
    """The pilot's organisation contributes from now on; joining again changes nothing."""
    _contribution, created = BenchmarkContribution.objects.get_or_create(
        organisation_id=proeftuin.organisation_id
    )
    if created:
        audit.record(
            actor=actor,
            subject=None,
            action=AuditEvent.Action.PUBLISHED,
            what=audit.What.BENCHMARK_JOINED,
            proeftuin=proeftuin,
        )


@transaction.atomic
def leave_benchmark(*, proeftuin: Proeftuin, actor: User) -> None:
    """The organisation's figures leave every cell at once (cells are computed when read)."""
    deleted, _rows = BenchmarkContribution.objects.filter(
        organisation_id=proeftuin.organisation_id
    ).delete()
    if deleted:
        audit.record(
            actor=actor,
            subject=None,
            action=AuditEvent.Action.PUBLISHED,
            what=audit.What.BENCHMARK_LEFT,
            proeftuin=proeftuin,
        )


@transaction.atomic
def set_contact_point(
    *, proeftuin: Proeftuin, actor: User, role: str, is_open: bool
) -> ContactPoint:
    """Whom other organisations reach (a role of this pilot) and whether the form is on."""
    point = ContactPoint.objects.filter(organisation_id=proeftuin.organisation_id).first()
    was_open = bool(point and point.is_open)
    if point is None:
        point = ContactPoint(organisation_id=proeftuin.organisation_id)
    point.proeftuin = proeftuin
    point.role = ContactPoint.Holder(role)
    point.is_open = is_open
    point.save()
    if was_open != is_open:
        audit.record(
            actor=actor,
            subject=None,
            action=AuditEvent.Action.PUBLISHED,
            what=audit.What.CONTACT_OPENED if is_open else audit.What.CONTACT_CLOSED,
            proeftuin=proeftuin,
        )
    return point


def recipients(point: ContactPoint) -> list[User]:
    """The active holders of the contact role in the contact pilot."""
    return [
        m.user
        for m in Membership.objects.filter(
            proeftuin_id=point.proeftuin_id,
            role=point.role,
            is_active=True,
            user__is_active=True,
            user__erased_at__isnull=True,
        )
        .select_related("user")
        .order_by("pk")
    ]


def may_be_contacted(organisation_id: int) -> bool:
    """Whether the organisation's public contact form answers (the library links to it)."""
    try:
        open_contact_point_or_404(organisation_id)
    except Http404:
        return False
    return True


def open_contact_point_or_404(organisation_id: int) -> ContactPoint:
    """An organisation's contact point when its form is on and someone holds the role; else 404.

    Found by number, not by the organisation's short name: an organisation the library knows
    only by sector and size must not be named by the address of its form."""
    point = (
        ContactPoint.objects.filter(organisation_id=organisation_id, is_open=True)
        .select_related("organisation", "proeftuin")
        .first()
    )
    if point is None or not recipients(point):
        raise Http404
    return point


def compose(
    *, point: ContactPoint, user: User, name: str, email: str, message: str, from_organisation=""
):
    """One message to one holder of the role, in their language; the sender's address only
    in Reply-To."""
    with translation.override(language_of(user)):
        context = {
            "name": user.display_name,
            "sender": name,
            "from_organisation": from_organisation,
            "organisation": point.organisation.name,
            "role": point.get_role_display(),
            "message": message,
        }
        return EmailMessage(
            subject=_("Een bericht van %(sender)s via het proeftuinplatform") % {"sender": name},
            body=render_to_string("proeftuin/network/email/contact_message.txt", context),
            to=[user.email],
            reply_to=[email],
        )


def send_contact_message(
    *, point: ContactPoint, name: str, email: str, message: str, from_organisation: str = ""
) -> int:
    """Deliver a visitor's message to each holder of the role (one e-mail each, so no holder
    sees another's address); the number of e-mails sent."""
    people = recipients(point)
    for user in people:
        compose(
            point=point,
            user=user,
            name=name,
            email=email,
            message=message,
            from_organisation=from_organisation,
        ).send()
    return len(people)

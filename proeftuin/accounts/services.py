"""Writes of the proeftuin app: invitations, memberships and consents."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..errors import DomainError
from ..models import ConsentRecord, Invitation, Membership, Proeftuin, Role, User


class InvitationError(DomainError):
    """An invitation cannot be created or used; the message is shown to the person."""


class AlreadyMember(InvitationError):
    pass


class InvitationUnusable(InvitationError):
    pass


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("proeftuin:invitation-accept", args=[token])


@transaction.atomic
def invite(
    *, proeftuin: Proeftuin, email: str, role: str, invited_by: User | None, full_name: str = ""
) -> tuple[Invitation, str]:
    """Create an invitation and mail its link after commit; returns it and the raw token."""
    email = email.strip().lower()
    if Membership.objects.filter(proeftuin=proeftuin, user__email__iexact=email).exists():
        raise AlreadyMember(_("%(email)s doet al mee aan deze proeftuin.") % {"email": email})
    # A new invitation replaces an unused earlier one, so only the latest link works.
    Invitation.objects.filter(
        proeftuin=proeftuin, email__iexact=email, accepted_at__isnull=True
    ).update(expires_at=timezone.now())
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        proeftuin=proeftuin,
        role=role,
        full_name=full_name.strip(),
        token_hash=Invitation.hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation, token


def _send_invitation(invitation: Invitation, token: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "url": invitation_url(token),
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
        subject = _("Uitnodiging voor de proeftuin %(name)s") % {"name": invitation.proeftuin.name}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("proeftuin/accounts/email/invitation.txt", context),
            to=[invitation.email],
        )
        message.attach_alternative(
            render_to_string("proeftuin/accounts/email/invitation.html", context), "text/html"
        )
        message.send()


def usable_invitation(token: str) -> Invitation:
    """The invitation behind a link, or InvitationUnusable saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("proeftuin")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable(_("Deze uitnodiging bestaat niet. Controleer de link."))
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            _("Deze uitnodiging is al gebruikt. Log in met je e-mailadres en wachtwoord.")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            _("Deze uitnodiging is verlopen. Vraag je coach om een nieuwe uitnodiging.")
        )
    return invitation


@transaction.atomic
def accept_invitation(
    *, token: str, password: str | None = None, full_name: str = "", user: User | None = None
) -> Membership:
    """Use an invitation once: create the account (or use the signed-in one) and the role."""
    invitation = usable_invitation(token)
    # Lock the row so two clicks on the same link cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationUnusable(_("Deze uitnodiging is al gebruikt."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationUnusable(
                _("Er bestaat al een account met dit e-mailadres. Log eerst in.")
            )
        candidate = User(email=invitation.email, full_name=full_name or invitation.full_name)
        validate_password(password, candidate)
        candidate.set_password(password)
        candidate.save()
        user = candidate
    elif user.email.lower() != invitation.email.lower():
        raise InvitationUnusable(
            _("Deze uitnodiging is voor %(email)s. Log in met dat adres.")
            % {"email": invitation.email}
        )
    membership = grant_membership(user=user, proeftuin=invitation.proeftuin, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def grant_membership(*, user: User, proeftuin: Proeftuin, role: str) -> Membership:
    """Give a user a role in a pilot; a coach also gets into the admin for their own pilot."""
    membership, _created = Membership.objects.update_or_create(
        user=user, proeftuin=proeftuin, defaults={"role": role, "is_active": True}
    )
    if role == Role.COACH and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership


@transaction.atomic
def set_share_with_director(*, membership: Membership, share: bool) -> Membership:
    """Record a participant's choice to share progress by name; every change is dated."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.shares_progress_with_director == share:
        return membership
    membership.shares_progress_with_director = share
    membership.save(update_fields=["shares_progress_with_director"])
    ConsentRecord.objects.create(
        membership=membership, kind=ConsentRecord.Kind.SHARE_WITH_DIRECTOR, given=share
    )
    return membership


def dismiss_welcome(*, membership: Membership) -> Membership:
    """The first-run welcome stays away on every device; dismissing twice keeps the first time."""
    if membership.welcome_dismissed_at is None:
        membership.welcome_dismissed_at = timezone.now()
        membership.save(update_fields=["welcome_dismissed_at"])
    return membership

"""Personal access tokens: making, listing, revoking, and checking one on a request.

A token carries the rights of its person and never more: their roles in their pilots decide
what it may do (proeftuin.access), and the token narrows that to reading only, or to one pilot.
The secret is shown once when it is made; only its SHA-256 is stored. Making one needs a second
factor given in the last minutes from whoever must use one (coach, director, admin): a session
left open on a shared computer must not be enough to carry the person's rights away.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin import access
from proeftuin.accounts import second_factor
from proeftuin.errors import DomainError
from proeftuin.models import Proeftuin, User

from .models import AccessToken, digest

DEFAULT_DAYS = 90
DAY_CHOICES = (30, 90, 180, 365)
MAX_ACTIVE_TOKENS = 20


def tokens_of(user: User) -> QuerySet[AccessToken]:
    """The person's tokens that still work, newest first."""
    return AccessToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("proeftuin")


def needs_fresh_second_factor(request) -> bool:
    """Must this person give their code again before making a token?"""
    user = request.user
    return second_factor.requires_two_factor(user) and not second_factor.passed_recently(request)


@transaction.atomic
def create_token(
    *,
    request,
    name: str,
    proeftuin: Proeftuin | None,
    can_write: bool,
    days: int = DEFAULT_DAYS,
) -> tuple[AccessToken, str]:
    """A new token for the signed-in person; returns it with its secret (shown this once)."""
    user = request.user
    if needs_fresh_second_factor(request):
        raise second_factor.SecondFactorNeeded()
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Geef de sleutel een naam, zodat je hem later herkent."), "name")
    if days not in DAY_CHOICES:
        raise DomainError(_("Kies hoe lang de sleutel geldig blijft."), "days")
    if proeftuin is not None and not access.visible_pilots(user).filter(pk=proeftuin.pk).exists():
        raise DomainError(_("Kies een proeftuin waarvan je lid bent."), "proeftuin")
    if tokens_of(user).count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(
            _("Je hebt al %(count)s sleutels. Trek er eerst een in die je niet meer gebruikt.")
            % {"count": MAX_ACTIVE_TOKENS},
            "name",
        )
    lookup, secret = AccessToken.new_secret()
    token = AccessToken.objects.create(
        user=user,
        name=name[:100],
        proeftuin=proeftuin,
        can_write=can_write,
        lookup=lookup,
        secret_digest=digest(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, secret


def revoke_token(*, user: User, token_id) -> None:
    """Revoke one of the person's own tokens; someone else's id is a 404, as everywhere."""
    updated = AccessToken.objects.filter(
        pk=_int_or_none(token_id), user=user, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise Http404


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def token_for_secret(secret: str) -> AccessToken | None:
    """The working token this secret belongs to (and mark it used), or None."""
    prefix, _sep, rest = secret.partition(AccessToken.PREFIX)
    lookup, _sep, _tail = rest.partition("_")
    if prefix or not lookup:
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(lookup=lookup, secret_digest=digest(secret))
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    # One UPDATE per use: "last used" is how a person spots a token they forgot or that leaked.
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token

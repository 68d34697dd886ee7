"""Logging in with the work account: who an organisation's provider may let in, and when its
second factor counts as ours.

The protocol (redirect, state, nonce, PKCE, code exchange, signature) is mozilla-django-oidc's;
`work_account_auth.py` only feeds it the organisation's provider and calls these rules.
"""

import logging
from urllib.parse import urlsplit

import requests
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.accounts.services import grant_membership
from proeftuin.models import Invitation, Membership, User

from .models import WorkAccountProvider

log = logging.getLogger(__name__)

DISCOVERY_SECONDS = 60 * 60
TIMEOUT_SECONDS = 10

# Methods of RFC 8176 that are a second factor or stand for several: Entra ID sends "mfa"; a
# provider that names the methods sends, for example, "pwd" with "otp" or "hwk".
MFA_METHODS = frozenset({"mfa", "mca", "otp", "hwk", "swk", "sc", "sms", "tel"})


class Refused(Exception):
    """This login through the provider does not get in; `reason` picks the page's text."""

    UNKNOWN = "unknown"
    DOMAIN = "domain"
    TOKEN = "token"
    LOCKED = "locked"  # the lockout's own page answers (axes' middleware), as for passwords
    CANCELLED = "cancelled"
    UNREACHABLE = "unreachable"

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason

    def message(self, organisation) -> str:
        name = organisation.name if organisation else ""
        return {
            self.UNKNOWN: _(
                "Je werkaccount is in orde, maar we kennen je nog niet als deelnemer van "
                "%(organisation)s. Vraag je coach om je uit te nodigen; daarna kun je hier "
                "inloggen met je werkaccount."
            ),
            self.DOMAIN: _(
                "Dit e-mailadres hoort niet bij de domeinen die %(organisation)s voor inloggen "
                "met een werkaccount heeft opgegeven. Log in met het account van je werk, of "
                "met je e-mailadres en wachtwoord."
            ),
            self.CANCELLED: _(
                "Je hebt het inloggen bij je werkaccount afgebroken. Je kunt het opnieuw "
                "proberen, of inloggen met je e-mailadres en wachtwoord."
            ),
            self.UNREACHABLE: _(
                "De inlogdienst van %(organisation)s antwoordt nu niet. Probeer het later "
                "opnieuw, of log in met je e-mailadres en wachtwoord."
            ),
        }.get(
            self.reason,
            _(
                "Het antwoord van de inlogdienst van %(organisation)s kon niet worden "
                "vertrouwd, dus je bent niet ingelogd. Probeer het opnieuw; lukt het weer niet, "
                "laat het dan je coach weten."
            ),
        ) % {"organisation": name}


def provider_for_email(email: str) -> WorkAccountProvider | None:
    """The active provider whose organisation allows this e-mail address's domain."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for provider in WorkAccountProvider.objects.filter(is_active=True).select_related(
        "organisation"
    ):
        if domain in provider.domains:
            return provider
    return None


def provider_origins() -> list[str]:
    """The origins of the active providers' issuers (where their login pages are)."""
    origins = set()
    for issuer in WorkAccountProvider.objects.filter(is_active=True).values_list(
        "issuer", flat=True
    ):
        parts = urlsplit(issuer)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def discovery(provider: WorkAccountProvider) -> dict:
    """The provider's published configuration (endpoints and keys), kept for an hour."""
    issuer = provider.issuer.rstrip("/")
    key = f"work-account-discovery:{issuer}"
    config = cache.get(key)
    if config is None:
        try:
            response = requests.get(
                issuer + "/.well-known/openid-configuration", timeout=TIMEOUT_SECONDS
            )
            response.raise_for_status()
            config = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise Refused(Refused.UNREACHABLE, str(exc)) from exc
        # OpenID Connect Discovery 4.3: a document naming another issuer is not this provider's.
        if not isinstance(config, dict) or config.get("issuer", "").rstrip("/") != issuer:
            raise Refused(Refused.TOKEN, "discovery document names another issuer")
        cache.set(key, config, DISCOVERY_SECONDS)
    return config


def check_audience(provider: WorkAccountProvider, claims: dict) -> None:
    """An ID token is for us only when our client id is its audience (and its azp, if several)."""
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if provider.client_id not in audiences:
        raise Refused(Refused.TOKEN, "the ID token is for another audience")
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise Refused(Refused.TOKEN, "the ID token was requested by another party")


def provider_mfa_counts(provider: WorkAccountProvider, id_claims: dict) -> bool:
    """The provider's second factor stands in for ours when the organisation states that its
    provider always asks one, and the token's `amr` (when sent) does not say otherwise."""
    if not provider.provider_enforces_mfa:
        return False
    methods = id_claims.get("amr")
    if methods is None:
        return True
    if isinstance(methods, str):
        methods = [methods]
    return bool(MFA_METHODS.intersection(str(method).lower() for method in methods))


def _open_invitations(provider: WorkAccountProvider, email: str):
    return Invitation.objects.filter(
        proeftuin__organisation=provider.organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("proeftuin")


@transaction.atomic
def admit(*, provider: WorkAccountProvider, email: str, email_verified=None, name: str = ""):
    """The account this verified work e-mail address may sign in to, or Refused.

    In: an active account with a membership in one of the organisation's pilots, or someone
    with an open invitation there (whose account is made now and invitations accepted), or,
    when the organisation chose so, anyone with an address of its domains. Nobody else, and
    for them nothing is written.
    """
    email = (email or "").strip().lower()
    if not email or "@" not in email or email_verified is False:
        raise Refused(Refused.TOKEN, "no verified e-mail address in the claims")
    if email.rpartition("@")[2] not in provider.domains:
        raise Refused(Refused.DOMAIN)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise Refused(Refused.UNKNOWN, "inactive account")
    invitations = list(_open_invitations(provider, email).select_for_update())
    member = (
        user is not None
        and Membership.objects.filter(
            user=user, is_active=True, proeftuin__organisation=provider.organisation
        ).exists()
    )
    if not (member or invitations or provider.admit_whole_domain):
        raise Refused(Refused.UNKNOWN)
    if user is None:
        full_name = name or next((i.full_name for i in invitations if i.full_name), "")
        user = User.objects.create_user(email=email, password=None, full_name=full_name)
    for invitation in invitations:
        grant_membership(user=user, proeftuin=invitation.proeftuin, role=invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user


def record_refusal(*, request, email: str, refusal: Refused) -> None:
    """A refused login counts as a failed login of that address (lockout and its log)."""
    log.info("work-account login refused (%s): %s", refusal.reason, refusal)
    if email:
        user_login_failed.send(
            sender=__name__, credentials={"username": email.strip().lower()}, request=request
        )

"""Keys that let another program act for a person or a pilot: personal access tokens."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from proeftuin.models import Organisation, Proeftuin


def digest(secret: str) -> str:
    """What is stored of a secret: its SHA-256, so a copy of the database opens nothing."""
    return hashlib.sha256(secret.encode()).hexdigest()


class AccessToken(models.Model):
    """A personal access token: the person's own rights, narrowed to reading and to one pilot."""

    PREFIX = "pt_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("naam"), max_length=100)
    # None: every pilot the person is a member of, now and later.
    proeftuin = models.ForeignKey(
        Proeftuin,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proeftuin"),
    )
    can_write = models.BooleanField(_("mag ook wijzigen"), default=False)
    # The first characters of the secret, kept in the clear to find the row and to show the
    # person which token is which; the rest is only in `secret_digest`.
    lookup = models.CharField(max_length=12, unique=True, editable=False)
    secret_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("persoonlijke toegangssleutel")
        verbose_name_plural = _("persoonlijke toegangssleutels")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.PREFIX}{self.lookup}…)"

    @classmethod
    def new_secret(cls) -> tuple[str, str]:
        """A fresh (lookup, full secret) pair; the full secret is shown once and never stored."""
        lookup = secrets.token_hex(6)
        return lookup, f"{cls.PREFIX}{lookup}_{secrets.token_urlsafe(32)}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class XapiIntegration(models.Model):
    """A learning platform that reports to one pilot over xAPI, with its own key (Basic auth)."""

    proeftuin = models.ForeignKey(
        Proeftuin, on_delete=models.CASCADE, related_name="xapi_integrations"
    )
    name = models.CharField(_("naam"), max_length=100)
    # Basic auth: the username is `key` (in the clear), the password is the secret (hashed).
    key = models.CharField(max_length=24, unique=True, editable=False)
    secret_digest = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI-koppeling")
        verbose_name_plural = _("xAPI-koppelingen")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class XapiStatement(models.Model):
    """One statement a platform sent, and what became of it; the id makes sending it twice safe."""

    class Outcome(models.TextChoices):
        RECORDED = "recorded", _("vastgelegd als leeractiviteit")
        UNKNOWN_ACTOR = "unknown_actor", _("onbekende deelnemer")
        UNKNOWN_VERB = "unknown_verb", _("werkwoord dat we niet vastleggen")
        NO_DURATION = "no_duration", _("zonder duur")
        REFUSED = "refused", _("geweigerd")
        MALFORMED = "malformed", _("onleesbaar")

    integration = models.ForeignKey(
        XapiIntegration, on_delete=models.CASCADE, related_name="statements"
    )
    statement_id = models.UUIDField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    verb = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    # The statement as sent, to tell a re-sent one (the same) from a conflicting one (409).
    fingerprint = models.CharField(max_length=64, blank=True)
    membership = models.ForeignKey(
        "proeftuin.Membership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="xapi_statements",
    )
    activity = models.OneToOneField(
        "learning.LearningActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="xapi_statement",
    )

    class Meta:
        verbose_name = _("xAPI-bericht")
        verbose_name_plural = _("xAPI-berichten")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["integration", "statement_id"],
                condition=models.Q(statement_id__isnull=False),
                name="one_statement_per_id_per_integration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} ({self.outcome})"


class WorkAccountProvider(models.Model):
    """An organisation's own OpenID Connect provider (Entra ID, Google Workspace ...).

    Set up by an instance administrator; the rules of who gets in are in `work_account.py`.
    """

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="work_account_provider",
        verbose_name=_("organisatie"),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    issuer = models.URLField(
        _("issuer-URL"),
        help_text=_(
            "Het adres van de aanbieder zonder /.well-known/openid-configuration, bijvoorbeeld "
            "https://login.microsoftonline.com/<tenant-id>/v2.0 of https://accounts.google.com."
        ),
    )
    client_id = models.CharField(_("client-ID"), max_length=255)
    # Sent to the provider with every login, so it cannot be stored as a hash.
    client_secret = models.CharField(_("client-secret"), max_length=500)
    allowed_domains = models.CharField(
        _("toegestane e-maildomeinen"),
        max_length=500,
        help_text=_("Gescheiden door komma's, bijvoorbeeld gemeente.nl, team.gemeente.nl."),
    )
    admit_whole_domain = models.BooleanField(
        _("iedereen met een toegestaan domein mag een account krijgen"),
        default=False,
        help_text=_(
            "Uit: alleen wie al een account heeft of is uitgenodigd, komt binnen. Aan: ook een "
            "onbekende collega met een adres van een toegestaan domein krijgt een account "
            "(nog zonder proeftuin)."
        ),
    )
    provider_enforces_mfa = models.BooleanField(
        _("de aanbieder vraagt zelf altijd een tweede factor"),
        default=False,
        help_text=_(
            "Aan: coach, directeur en stuurgroep hoeven hier geen code meer te geven na het "
            "inloggen met hun werkaccount, tenzij de aanbieder meldt (amr) dat er geen tweede "
            "factor was."
        ),
    )

    class Meta:
        verbose_name = _("werkaccount-aanbieder")
        verbose_name_plural = _("werkaccount-aanbieders")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.issuer})"

    @property
    def domains(self) -> list[str]:
        parts = self.allowed_domains.replace(";", ",").replace(" ", ",").split(",")
        return [part.strip().lower().lstrip("@") for part in parts if part.strip()]


class WorkAccountMfa(Device):
    """The second factor given at the organisation's provider, for one session's login.

    Never confirmed: it is not offered for typing a code, and never counts as a device of
    one's own; a session that logged in through a provider that did ask a second factor is
    marked verified with it.
    """

    class Meta(Device.Meta):
        verbose_name = _("tweede factor bij de werkaccount-aanbieder")
        verbose_name_plural = _("tweede factoren bij de werkaccount-aanbieder")

    def verify_token(self, token) -> bool:
        return False

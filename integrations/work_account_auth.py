"""mozilla-django-oidc, fed per login with the organisation's provider instead of settings.

The start view remembers, beside the library's state and nonce, which organisation's provider
this login went to; the callback hands that provider to the backend on the request.
"""

import logging
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import requests
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc import views as mozilla_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from proeftuin.accounts import second_factor

from . import work_account
from .models import WorkAccountMfa, WorkAccountProvider
from .work_account import Refused

log = logging.getLogger(__name__)

SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "PS256")
# Seconds of clock difference between us and the provider that a token's times may show.
LEEWAY_SECONDS = 60


def _configure(target, provider: WorkAccountProvider) -> dict:
    config = work_account.discovery(provider)
    target.OIDC_OP_AUTH_ENDPOINT = config["authorization_endpoint"]
    target.OIDC_OP_TOKEN_ENDPOINT = config["token_endpoint"]
    target.OIDC_OP_USER_ENDPOINT = config["userinfo_endpoint"]
    target.OIDC_OP_JWKS_ENDPOINT = config["jwks_uri"]
    target.OIDC_RP_CLIENT_ID = provider.client_id
    target.OIDC_RP_CLIENT_SECRET = provider.client_secret
    target.OIDC_RP_SIGN_ALGO = "RS256"
    target.OIDC_RP_IDP_SIGN_KEY = None
    return config


class WorkAccountBackend(OIDCAuthenticationBackend):
    """Signs in through the provider the callback put on the request; else stands aside."""

    def __init__(self, *args, **kwargs):
        # The library reads one provider from settings here; ours come per organisation.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "work_account_provider", None)
        if provider is None or "code" not in request.GET:
            return None
        self.provider = provider
        self.email = ""
        try:
            self.config = _configure(self, provider)
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            request.work_account_refusal = refusal
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException) as exc:
            request.work_account_refusal = Refused(Refused.TOKEN, str(exc))
        work_account.record_refusal(
            request=request, email=self.email, refusal=request.work_account_refusal
        )
        return None

    def get_user(self, user_id):
        # Django's check, which the library's own get_user leaves out: a deactivated account's
        # work-account sessions end with it, as its password sessions do.
        return ModelBackend.get_user(self, user_id)

    def _verify_jws(self, payload, key):
        """The signature, the times, and (which the library leaves out) audience and issuer."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") not in SIGNING_ALGORITHMS:
            raise Refused(Refused.TOKEN, "unexpected signing algorithm")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[header["alg"]],
                issuer=self.config["issuer"],
                leeway=LEEWAY_SECONDS,
                options={"verify_aud": False, "require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise Refused(Refused.TOKEN, str(exc)) from exc
        work_account.check_audience(self.provider, claims)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: user info about another subject is not this login's.
        if claims.get("sub") != payload.get("sub"):
            raise Refused(Refused.TOKEN, "user info about another subject")
        self.email = claims.get("email") or payload.get("email") or ""
        if AxesProxyHandler.is_locked(self.request, credentials={"username": self.email.lower()}):
            raise Refused(Refused.LOCKED)
        user = work_account.admit(
            provider=self.provider,
            email=self.email,
            email_verified=claims.get("email_verified", payload.get("email_verified")),
            name=claims.get("name", ""),
        )
        self.request.work_account_mfa = work_account.provider_mfa_counts(self.provider, payload)
        return user


class WorkAccountStart(OIDCAuthenticationRequestView):
    """Send the browser to the organisation's provider."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)

    def get(self, request, organisation: str):
        provider = work_account_provider_or_404(organisation)
        try:
            _configure(self, provider)
        except Refused as refusal:
            return refused_page(request, provider, refusal)
        response = super().get(request)
        state = parse_qs(urlparse(response.url).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = provider.pk
        request.session.modified = True
        return response

    def get_extra_params(self, request):
        hint = request.GET.get("login_hint", "")
        return {"login_hint": hint} if hint and len(hint) < 255 else {}


class WorkAccountCallback(OIDCAuthenticationCallbackView):
    """Back from the provider: signed in, with the second factor when the provider's counts."""

    def get(self, request):
        state = request.GET.get("state", "")
        remembered = request.session.get("oidc_states", {}).get(state) or {}
        self.provider = (
            WorkAccountProvider.objects.filter(pk=remembered.get("provider"), is_active=True)
            .select_related("organisation")
            .first()
        )
        request.work_account_provider = self.provider
        if request.GET.get("error"):
            request.work_account_refusal = Refused(Refused.CANCELLED)
        return super().get(request)

    def login_failure(self):
        refusal = getattr(self.request, "work_account_refusal", None) or Refused(Refused.TOKEN)
        return refused_page(self.request, self.provider, refusal)

    def login_success(self):
        response = super().login_success()
        if getattr(self.request, "work_account_mfa", False):
            device, _created = WorkAccountMfa.objects.get_or_create(
                user=self.user, defaults={"name": self.provider.organisation.name}
            )
            second_factor.pass_second_factor_elsewhere(self.request, device)
        return response


def work_account_provider_or_404(slug: str) -> WorkAccountProvider:
    return get_object_or_404(
        WorkAccountProvider.objects.select_related("organisation"),
        organisation__slug=slug,
        is_active=True,
    )


def refused_page(request, provider, refusal: Refused):
    organisation = provider.organisation if provider else None
    return render(
        request,
        "integrations/work_account_refused.html",
        {
            "message": refusal.message(organisation),
            "organisation": organisation,
            "reason": refusal.reason,
        },
        status=503 if refusal.reason == Refused.UNREACHABLE else 403,
    )


class WorkEmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van je werk"), max_length=254)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.provider = work_account.provider_for_email(email)
        if self.provider is None:
            raise forms.ValidationError(
                _(
                    "Voor dit e-mailadres is inloggen met een werkaccount niet ingesteld. Log "
                    "in met je e-mailadres en wachtwoord."
                )
            )
        return email


def choose_work_account(request):
    """The e-mail-first step: the address's domain tells which organisation's provider to use."""
    form = WorkEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = reverse("integrations:work-account-start", args=[form.provider.organisation.slug])
        query = {"login_hint": form.cleaned_data["email"]}
        next_url = mozilla_views.get_next_url(request, "next") if "next" in request.GET else None
        if next_url:
            query["next"] = next_url
        return redirect(f"{target}?{urlencode(query)}")
    response = render(request, "integrations/work_account_choose.html", {"form": form})
    # The form's redirects end at a provider: the browser follows them only to origins that
    # the page's form-action names.
    response._csp_update = {"form-action": work_account.provider_origins()}
    return response

"""Middleware of the site: second factor, sliding sessions, no-store caching, oversized ids."""

import functools
import re
import time
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from ..accounts import second_factor
from ..precompiled import Precompiled


class OTPMiddleware(DjangoOTPMiddleware):
    """django_otp's: `request.user.otp_device` is the device this session's second factor was
    given with, or None. Only the reading of that device is ours, a query compiled once per kind
    of device (every page of a coach or director asks); which device counts (the user's own,
    confirmed) is still django_otp's `_finalize_device`."""

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        try:
            label, device_id = persistent_id.rsplit("/", 1)
            model = apps.get_model(label)
            pk = int(device_id)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        found = _device_by_pk(model).rows(device=pk)
        return found[0] if found else None


@functools.cache
def _device_by_pk(model) -> Precompiled:
    return Precompiled(lambda device: model.objects.filter(pk=device), device=-2_000_000_007)


class TwoFactorMiddleware:
    """Until the second factor is given, a signed-in user reaches only the 2FA pages.

    Must come after OTPMiddleware. Token-authenticated API calls are not affected:
    a token is itself a second secret, and a coach or director makes one only just after giving
    their code (integrations/tokens.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(second_factor.OPEN_PATH_PREFIXES)
            and second_factor.must_verify(request)
        ):
            return self._refuse(request, user)
        return self.get_response(request)

    def _refuse(self, request, user):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Tweestapsverificatie is nodig voor deze sessie.")}, status=403
            )
        target = (
            "proeftuin:two-factor-verify"
            if second_factor.has_confirmed_device(user)
            else "proeftuin:two-factor-setup"
        )
        url = reverse(target)
        if request.method == "GET" and request.path != "/":
            url += "?next=" + quote(request.get_full_path())
        return redirect(url)


class SlidingSessionMiddleware:
    """Extend a signed-in session's idle time at most once per `SESSION_REFRESH_SECONDS`.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) costs an UPDATE and three
    round trips per page. Refreshing it once every few minutes keeps the idle timeout (it ends
    between `SESSION_COOKIE_AGE` minus the interval and `SESSION_COOKIE_AGE` after the last
    request) and saves the write on the other requests.
    """

    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                # Changing a value marks the session modified: SessionMiddleware saves it and
                # sends the cookie with a new expiry.
                session[self.KEY] = now
        return response


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in person carry personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
        return response


class OversizedIdMiddleware:
    """A 404 for ids in the path that no database column can hold, instead of a 500.

    `<int:...>` accepts any number of digits; PostgreSQL and SQLite ids end at 2**63 - 1, so a
    longer number would otherwise crash the query (found by the API fuzzer).
    """

    BIGINT_MAX = 2**63 - 1
    LONG_NUMBER = re.compile(r"(?<![^/])\d{19,}(?![^/])")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for number in self.LONG_NUMBER.findall(request.path):
            if int(number) > self.BIGINT_MAX:
                raise Http404("No such object")
        return self.get_response(request)

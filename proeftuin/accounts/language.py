"""Which language a person sees: their own choice, else Dutch.

Dutch is the default for everyone: the organisation works in Dutch, and many Dutch phones are
set to English, so the browser's Accept-Language is not asked. A choice made with the footer's
button is kept in a cookie on the device and, for a signed-in person, on their account
(`User.language`), so their pages on every device and their e-mails speak the same language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.i18n import set_language

from ..models import User


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def active() -> str:
    """The language being spoken now (a page's, an e-mail's, a download's), as one we support."""
    return _supported(translation.get_language()) or settings.LANGUAGE_CODE


def language_of(user: User) -> str:
    """A person's language: their own choice on the account, else Dutch (pages and e-mails)."""
    return _supported(user.language) or settings.LANGUAGE_CODE


def language_for(request) -> str:
    """The account's language when signed in, else the device's choice, else Dutch.

    The REST API does follow Accept-Language: integrations ask for the language of their error
    messages that way, and its token-authenticated callers are not known yet at this point.
    """
    if request.path.startswith("/api/"):
        return translation.get_language_from_request(request)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return language_of(user)
    return _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE


def remember(*, user: User, code: str) -> None:
    """Keep a language choice on the account (pages on other devices, e-mails)."""
    code = _supported(code)
    if code and user.language != code:
        user.language = code
        user.save(update_fields=["language"])


def adopt_device_choice(request, user: User) -> None:
    """At login, a language chosen on this device before logging in becomes the account's."""
    remember(user=user, code=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))


def choose_language(request):
    """Django's set_language (cookie, redirect to `next`), plus the account when signed in."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        remember(user=request.user, code=request.POST.get("language", ""))
    return response


class PreferredLanguageMiddleware:
    """Instead of LocaleMiddleware; comes after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # override, not activate: the thread's language is restored after the response.
        with translation.override(language_for(request)):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response

"""DRF authentication by personal access token: `Authorization: Bearer pt_...`.

The token's person is the request's user, so every endpoint's own access rule still applies;
on top of it the token's scope: a read-only token gets a 403 saying so on any write, and a token
for one pilot reaches only that pilot's endpoints (another pilot is a 404, as for anyone
outside it) and the list of pilots, which then shows that one.
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS

from . import tokens

KEYWORD = "Bearer"

# Endpoints without a pilot in their path that a token for one pilot may still use.
PILOT_TOKEN_OPEN_ROUTES = frozenset({"api-pilots"})


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace") != KEYWORD:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Geef na Bearer precies één sleutel mee."))
        token = tokens.token_for_secret(header[1].decode(errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("Deze sleutel werkt niet (meer): verlopen, ingetrokken of onbekend.")
            )
        check_scope(request, token)
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD


def check_scope(request, token) -> None:
    """Refuse what lies outside the token's scope: a write (403) or another pilot (404)."""
    if token.proeftuin_id is not None:
        match = request._request.resolver_match
        pilot = (match.kwargs if match else {}).get("pilot")
        url_name = match.url_name if match else None
        if pilot is None and url_name not in PILOT_TOKEN_OPEN_ROUTES:
            raise exceptions.NotFound()
        if pilot is not None and str(pilot) != str(token.proeftuin_id):
            raise exceptions.NotFound()
    if request.method not in SAFE_METHODS and not token.can_write:
        raise exceptions.PermissionDenied(
            _(
                "Deze sleutel mag alleen lezen. Maak op je beveiligingspagina een sleutel "
                "die ook mag wijzigen."
            )
        )


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal access token made on the account's security page "
                "(pt_...). A read token may only GET; a token for one pilot reaches only "
                "that pilot."
            ),
        }

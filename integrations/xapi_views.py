"""The xAPI statements endpoint (for learning platforms) and the coach's integrations page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    renderer_classes,
    throttle_classes,
)
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import SimpleRateThrottle

from proeftuin import access, validation
from proeftuin.errors import DomainError

from . import xapi
from .models import XapiIntegration, XapiStatement


def _answer(response: HttpResponse) -> HttpResponse:
    response["X-Experience-API-Version"] = xapi.VERSION
    return response


def _error(status: int, message: str) -> HttpResponse:
    return _answer(JsonResponse({"error": message}, status=status))


class XapiKeyThrottle(SimpleRateThrottle):
    """DRF's rate counting, per integration key (settings: the "xapi" rate, API_THROTTLE_XAPI).

    Counted in the shared cache like the API's throttle, so every web process holds one count.
    """

    scope = "xapi"

    def __init__(self, integration: XapiIntegration):
        super().__init__()
        self.integration = integration

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.integration.pk}


def _throttled(throttle: XapiKeyThrottle) -> HttpResponse:
    response = _error(429, "Too many requests for this key; try again later.")
    wait = throttle.wait()
    if wait is not None:
        response["Retry-After"] = str(max(1, round(wait)))
    return response


XAPI_ERROR = inline_serializer("XapiError", {"error": serializers.CharField()})
XAPI_ERRORS = {
    400: OpenApiResponse(XAPI_ERROR, description="Malformed statement, or a missing header."),
    401: OpenApiResponse(XAPI_ERROR, description="No valid Basic key of an xAPI integration."),
    409: OpenApiResponse(XAPI_ERROR, description="Another statement was sent under this id."),
    429: OpenApiResponse(XAPI_ERROR, description="Too many requests for this key."),
}
VERSION_HEADER = OpenApiParameter(
    "X-Experience-API-Version",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="1.0.3 (any 1.0.x).",
)


@extend_schema(
    methods=["POST"],
    operation_id="xapi_statements_post",
    tags=["xapi"],
    summary="Send xAPI statements (one, or a list)",
    description="Basic auth: the integration's key and secret. See docs/integrations.md.",
    auth=[{"xapiBasic": []}],
    parameters=[VERSION_HEADER],
    request=OpenApiTypes.OBJECT,
    responses={
        200: OpenApiResponse(
            {"type": "array", "items": {"type": "string", "format": "uuid"}},
            description="The ids of the statements, in the order sent.",
        ),
        **XAPI_ERRORS,
    },
)
@extend_schema(
    methods=["PUT"],
    operation_id="xapi_statements_put",
    tags=["xapi"],
    summary="Send one xAPI statement under its id",
    auth=[{"xapiBasic": []}],
    parameters=[
        VERSION_HEADER,
        OpenApiParameter("statementId", OpenApiTypes.UUID, OpenApiParameter.QUERY, required=True),
    ],
    request=OpenApiTypes.OBJECT,
    responses={204: OpenApiResponse(description="Stored (or already stored)."), **XAPI_ERRORS},
)
@api_view(["POST", "PUT"])
# A platform, not a browser: Basic auth with the integration's key (checked below), no cookies,
# no CSRF; its own throttle per key.
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([])
@renderer_classes([JSONRenderer])
def statements(request):
    integration = xapi.integration_for(request.headers.get("Authorization", ""))
    if integration is None:
        response = _error(401, "A valid Basic key of an xAPI integration is needed.")
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
        return response
    throttle = XapiKeyThrottle(integration)
    if not throttle.allow_request(request, None):
        return _throttled(throttle)
    if not xapi.version_ok(request.headers.get("X-Experience-API-Version")):
        return _error(400, "Send X-Experience-API-Version: 1.0.3 (any 1.0.x).")
    statement_id = request.GET.get("statementId")
    if request.method == "PUT" and not statement_id:
        return _error(400, "PUT needs ?statementId=.")
    try:
        body = validation.loads_json(request._request.body or b"null")
        ids = xapi.receive(integration=integration, statements=body, statement_id=statement_id)
    except (ValueError, xapi.Malformed) as exc:
        return _record_malformed(integration, exc)
    except xapi.Conflict as exc:
        return _error(409, str(exc))
    if request.method == "PUT":
        return _answer(HttpResponse(status=204))
    return _answer(JsonResponse(ids, safe=False))


def _record_malformed(integration, exc) -> HttpResponse:
    message = str(exc) if isinstance(exc, xapi.Malformed) else "The body is not JSON."
    XapiStatement.objects.create(
        integration=integration, outcome=XapiStatement.Outcome.MALFORMED, detail=message[:300]
    )
    return _error(400, message)


def about(request):
    """The LRS's `about` resource: which xAPI versions it speaks."""
    return _answer(JsonResponse({"version": [xapi.VERSION]}))


@login_required
def integrations_page(request, pilot: int):
    """The coach's xAPI integrations: keys, and what each platform sent lately."""
    membership = access.member_for(request.user, pilot, "xapi integration", "update")
    proeftuin = membership.proeftuin
    created = None
    if request.method == "POST":
        try:
            integration, secret = xapi.make_integration(
                proeftuin=proeftuin, name=request.POST.get("name", ""), created_by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            created = {"integration": integration, "secret": secret}
    integrations = XapiIntegration.objects.filter(proeftuin=proeftuin)
    recent = (
        XapiStatement.objects.filter(integration__proeftuin=proeftuin)
        .select_related("integration", "membership__user")
        .order_by("-received_at", "-pk")[:100]
    )
    return render(
        request,
        "integrations/xapi.html",
        {
            "membership": membership,
            "pilot": proeftuin,
            "integrations": integrations,
            "recent": recent,
            "created": created,
            "endpoint": request.build_absolute_uri(reverse("integrations:xapi-root")),
        },
    )


@login_required
@require_POST
def integration_revoke(request, pilot: int, integration: int):
    membership = access.member_for(request.user, pilot, "xapi integration", "update")
    xapi.revoke_integration(proeftuin=membership.proeftuin, integration_id=integration)
    return redirect("integrations:xapi", pilot=pilot)

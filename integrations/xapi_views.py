"""The xAPI statements endpoint (for learning platforms) and the coach's integrations page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from proeftuin import access, validation
from proeftuin.errors import DomainError

from . import xapi
from .models import XapiIntegration, XapiStatement


def _answer(response: HttpResponse) -> HttpResponse:
    response["X-Experience-API-Version"] = xapi.VERSION
    return response


def _error(status: int, message: str) -> HttpResponse:
    return _answer(JsonResponse({"error": message}, status=status))


@csrf_exempt  # a platform, not a browser: Basic auth with the integration's key, no cookies
def statements(request):
    if request.method not in ("POST", "PUT"):
        response = _error(405, "Only POST and PUT of statements are supported.")
        response["Allow"] = "POST, PUT"
        return response
    integration = xapi.integration_for(request.headers.get("Authorization", ""))
    if integration is None:
        response = _error(401, "A valid Basic key of an xAPI integration is needed.")
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
        return response
    if not xapi.version_ok(request.headers.get("X-Experience-API-Version")):
        return _error(400, "Send X-Experience-API-Version: 1.0.3 (any 1.0.x).")
    statement_id = request.GET.get("statementId")
    if request.method == "PUT" and not statement_id:
        return _error(400, "PUT needs ?statementId=.")
    try:
        body = validation.loads_json(request.body or b"null")
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

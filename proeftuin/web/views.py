"""Pages of the site itself, for everyone."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


def accessibility(request):
    """The accessibility statement (public)."""
    return render(request, "proeftuin/web/accessibility.html")


@require_GET
@never_cache
def healthz(request):
    """200 when database and broker answer and the sweep runs, else 503 naming the part."""
    problems = {
        "database": health.database_problem(),
        "broker": health.broker_problem(),
        "sweep": health.sweep_problem(),
    }
    body = {part: (problem or "ok") for part, problem in problems.items()}
    status = 503 if any(problems.values()) else 200
    body["status"] = "ok" if status == 200 else "unavailable"
    return JsonResponse(body, status=status)

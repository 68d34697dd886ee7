"""/metrics for Prometheus: request latency per view (django-prometheus) and the ledger's state."""

import hmac
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from . import health


class LedgerCollector:
    """Read at each scrape from the database, so every process reports the same figures."""

    def collect(self):
        from notifications import selectors

        figures = selectors.ledger_figures(now=timezone.now())
        rows = GaugeMetricFamily(
            "proeftuin_reminders", "Reminder rows per state.", labels=["state"]
        )
        for state, count in sorted(figures.per_state.items()):
            rows.add_metric([state], count)
        yield rows
        yield GaugeMetricFamily(
            "proeftuin_reminders_oldest_due_age_seconds",
            "Age of the oldest reminder that is due and not yet sent (0 when none).",
            value=figures.oldest_due_age.total_seconds(),
        )
        last = figures.last_sweep_at
        yield GaugeMetricFamily(
            "proeftuin_reminder_last_sweep_timestamp_seconds",
            "When the last reminder sweep finished, as a Unix time (0: never).",
            value=last.timestamp() if last else 0,
        )
        waiting = health.queue_length()
        if waiting is not None:
            yield GaugeMetricFamily(
                "proeftuin_celery_queue_length",
                "Tasks waiting in the broker's default queue.",
                value=waiting,
            )


def _process_metrics() -> bytes:
    """This process's metrics, or all gunicorn workers' when they share a multiprocess dir."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def _authorised(request) -> bool:
    expected = f"Bearer {settings.METRICS_TOKEN}".encode()
    given = request.headers.get("Authorization", "").encode()
    return hmac.compare_digest(given, expected)


@require_GET
@never_cache
def metrics(request):
    """Prometheus' text format; only with the bearer token, and a 404 when none is set."""
    if not settings.METRICS_TOKEN:
        raise Http404
    if not _authorised(request):
        return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    ledger = CollectorRegistry(auto_describe=False)
    ledger.register(LedgerCollector())
    body = _process_metrics() + generate_latest(ledger)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)

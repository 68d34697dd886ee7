from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import SweepRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def swept():
    """Beat and a worker at work: a sweep finished just now."""
    services.record_sweep(claimed=0)


def test_healthz_answers_200_when_database_broker_and_sweep_answer(client, swept):
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "sweep": "ok", "status": "ok"}


def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, settings, swept):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert "broker unreachable" in body["broker"]


def test_healthz_answers_503_naming_the_database_when_it_fails(client, monkeypatch, swept):
    from proeftuin.web import health

    monkeypatch.setattr(health, "database_problem", lambda: "database unreachable (test)")
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "database unreachable (test)"


def test_healthz_answers_503_when_no_sweep_finished_for_ten_minutes(client, swept):
    SweepRecord.objects.update(finished_at=timezone.now() - timedelta(minutes=11))
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 503
    assert response.json()["sweep"] == (
        "no reminder sweep for 11 minutes (are beat and a worker running?)"
    )


def test_healthz_answers_503_before_any_sweep_has_run(client):
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 503
    assert response.json()["sweep"].startswith("no reminder sweep has run yet")


def test_a_sweep_records_when_it_finished(client):
    services.sweep(now=timezone.now() - timedelta(days=30), send=lambda _id: None)
    assert client.get(reverse("proeftuin:healthz")).status_code == 200


def test_healthz_leaves_the_sweep_out_where_no_beat_runs(client, settings):
    settings.HEALTHZ_SWEEP_MAX_AGE = 0
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 200
    assert response.json()["sweep"] == "ok"


def test_beats_health_check_fails_naming_the_sweep_when_none_ran(capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit):
        call_command("preflight", "--sweep")
    assert "no reminder sweep has run yet" in capsys.readouterr().err


def test_beats_health_check_passes_after_a_recent_sweep(swept, capsys):
    from django.core.management import call_command

    call_command("preflight", "--sweep")
    assert "Database and broker answer." in capsys.readouterr().out

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_database_and_broker_answer(client):
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert "broker unreachable" in body["broker"]


def test_healthz_answers_503_naming_the_database_when_it_fails(client, monkeypatch):
    from proeftuin.web import health

    monkeypatch.setattr(health, "database_problem", lambda: "database unreachable (test)")
    response = client.get(reverse("proeftuin:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "database unreachable (test)"

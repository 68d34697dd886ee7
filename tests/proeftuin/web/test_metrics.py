from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import Reminder, SweepRecord
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = "a-long-scrape-token-0123456789"


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client, token=TOKEN):
    return client.get(reverse("proeftuin:metrics"), HTTP_AUTHORIZATION=f"Bearer {token}")


def test_metrics_are_off_without_a_token(client):
    assert scrape(client).status_code == 404


def test_metrics_refuse_a_wrong_token(client, metrics_on):
    response = scrape(client, token="guessed")
    assert response.status_code == 401
    assert "proeftuin_reminders" not in response.content.decode()


def test_metrics_count_reminder_rows_per_state(client, metrics_on):
    factories.ReminderFactory(state=Reminder.State.AMBIGUOUS)
    factories.ReminderFactory(state=Reminder.State.FAILED)
    factories.ReminderFactory(state=Reminder.State.FAILED)
    body = scrape(client).content.decode()
    assert 'proeftuin_reminders{state="ambiguous"} 1.0' in body
    assert 'proeftuin_reminders{state="failed"} 2.0' in body
    assert 'proeftuin_reminders{state="pending"} 0.0' in body


def test_metrics_give_the_age_of_the_oldest_due_row(client, metrics_on):
    factories.ReminderFactory(due_at=timezone.now() - timedelta(hours=2))
    factories.ReminderFactory(due_at=timezone.now() + timedelta(hours=5))
    body = scrape(client).content.decode()
    [line] = [x for x in body.splitlines() if x.startswith("proeftuin_reminders_oldest_due_age")]
    assert 2 * 3600 <= float(line.split()[1]) < 3 * 3600


def test_metrics_give_the_time_of_the_last_sweep(client, metrics_on):
    services.record_sweep(claimed=3)
    finished = SweepRecord.objects.get().finished_at.timestamp()
    body = scrape(client).content.decode()
    [line] = [x for x in body.splitlines() if x.startswith("proeftuin_reminder_last_sweep")]
    assert float(line.split()[1]) == pytest.approx(finished)


def test_metrics_give_request_latency_per_view(client, metrics_on):
    client.get(reverse("proeftuin:healthz"))
    body = scrape(client).content.decode()
    assert any(
        line.startswith("django_http_requests_latency_seconds_by_view_method_count")
        and 'view="proeftuin:healthz"' in line
        for line in body.splitlines()
    )

"""State that every web process must share: the API throttle and the login lockout."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from config.env import redis_database

from . import factories

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def cache_redis_url() -> str:
    """A database of the test run's Redis that the broker does not use."""
    location, broker_db = redis_database(django_settings.CELERY_BROKER_URL)
    return f"redis://{location}/{broker_db + 3}"


def another_process(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


THROTTLED_IN_ANOTHER_PROCESS = """
from types import SimpleNamespace
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle
SimpleRateThrottle.THROTTLE_RATES = {"user": "2/minute", "anon": "2/minute"}
user = SimpleNamespace(is_authenticated=True, pk=USER_PK)
request = SimpleNamespace(user=user, META={"REMOTE_ADDR": "127.0.0.1"})
print("allowed" if UserRateThrottle().allow_request(request, None) else "throttled")
"""


def test_with_a_shared_cache_the_api_limit_holds_in_every_process(
    client_for, pilot, settings, monkeypatch
):
    url = cache_redis_url()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "proeftuin",
        }
    }
    cache.clear()
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"user": "2/minute", "anon": "2/minute"}
    )
    client = client_for(pilot.participant)
    assert [client.get("/api/schema/").status_code for _i in range(2)] == [200, 200]

    code = THROTTLED_IN_ANOTHER_PROCESS.replace("USER_PK", str(pilot.participant.user.pk))
    result = another_process(code, CACHE_REDIS_URL=url)
    cache.clear()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "throttled"


def test_a_cache_on_the_brokers_redis_database_stops_the_start():
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT,
        env={**os.environ, "CACHE_REDIS_URL": django_settings.CELERY_BROKER_URL},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CACHE_REDIS_URL must name another Redis database than REDIS_URL" in result.stderr


def test_failed_logins_are_counted_in_the_database_every_process_reads(client, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    user = factories.UserFactory()
    for _attempt in range(2):
        client.post(reverse("login"), {"username": user.email, "password": "fout"})
    attempt = AccessAttempt.objects.get(username=user.email)
    assert attempt.failures_since_start == 2

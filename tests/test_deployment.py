"""The production artefacts an operator relies on."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose not installed")
def test_the_compose_file_validates():
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SECRET_KEY": "validation-only"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_compose_file_refuses_to_start_without_a_secret_key():
    if not shutil.which("docker-compose"):
        pytest.skip("docker-compose not installed")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_web_worker_and_beat_share_one_image():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert compose.count("<<: *app") == 3
    assert "healthcheck" in compose


def test_the_redis_of_the_test_run_keeps_its_data_and_never_evicts():
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    assert client.config_get("appendonly")["appendonly"] == "yes"
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"

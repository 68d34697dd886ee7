"""The production artefacts an operator relies on."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

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


def compose_services() -> dict:
    """The compose file's services with its anchors resolved (as docker compose reads it)."""
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_migrate_web_worker_and_beat_share_one_image():
    services = compose_services()
    images = {services[name]["image"] for name in ("migrate", "web", "worker", "beat")}
    assert images == {"proeftuin:latest"}
    assert all("healthcheck" in services[name] for name in ("web", "worker", "beat"))


def test_one_migrate_run_finishes_before_web_worker_and_beat_start():
    services = compose_services()
    assert "manage.py migrate" in " ".join(services["migrate"]["command"])
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
        assert "migrate" not in str(services[name]["command"])


def test_a_backup_service_dumps_the_database_daily_into_a_volume_of_its_own():
    backup = compose_services()["backup"]
    assert backup["command"][:3] == ["sh", "/usr/local/bin/pg-backup.sh", "every"]
    assert "backups:/backups" in backup["volumes"]
    assert backup["environment"]["PGHOST"] == "postgres"


def test_the_redis_of_the_test_run_keeps_its_data_and_never_evicts():
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    assert client.config_get("appendonly")["appendonly"] == "yes"
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"


def test_web_and_beat_are_healthy_only_while_reminder_sweeps_finish():
    services = compose_services()
    assert "/healthz" in services["web"]["healthcheck"]["test"][1]
    assert services["beat"]["healthcheck"]["test"][1] == "python manage.py preflight --sweep"


def _packages_the_pdf_needs_on_a_machine() -> set[str]:
    """The Debian packages that `scripts/lib.sh ensure_pdf_libraries` installs for make run/test."""
    lib = (ROOT / "scripts" / "lib.sh").read_text()
    body = lib.split("ensure_pdf_libraries() {", 1)[1].split("\n}", 1)[0]
    return {
        line.split()[-1]
        for line in body.replace("\\\n", " ").splitlines()
        if "ensure_os_library" in line or "ensure_os_package" in line
    }


def test_the_image_installs_every_system_library_the_pdf_needs_on_a_machine():
    # No Docker engine runs here, so the image's PDF is held to the same list of system
    # packages with which the suite itself renders and reads back PDFs.
    needed = _packages_the_pdf_needs_on_a_machine()
    assert {"libpango-1.0-0", "fonts-dejavu-core"} <= needed
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    install = next(line for line in dockerfile.splitlines() if "apt-get install" in line)
    assert needed <= set(install.split()), needed - set(install.split())

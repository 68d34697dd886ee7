"""Production settings, checked in a fresh process as an operator would start them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 20 + "a-real-looking-production-secret-9f8e7d6c5b4a",
        DJANGO_ALLOWED_HOSTS="proeftuin.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_missing_database_gives_one_clear_line_not_a_traceback():
    result = _manage(
        "preflight",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Cannot start: database unreachable")
    assert lines[1].startswith("Cannot start: broker unreachable")


# -- strict values from the environment (config/env.py) ---------------------------------------

PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "x.org"}


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "DJANGO_HTTPS",
            "Tru",
            "DJANGO_HTTPS must be one of 1/0, true/false, yes/no, on/off (any case), not 'Tru'.",
        ),
        (
            "DJANGO_DEBUG",
            "2",
            "DJANGO_DEBUG must be one of 1/0, true/false, yes/no, on/off (any case), not '2'.",
        ),
        (
            "SESSION_IDLE_SECONDS",
            "2h",
            "SESSION_IDLE_SECONDS must be a whole number of at least 1, not '2h'.",
        ),
        (
            "AXES_FAILURE_LIMIT",
            "0",
            "AXES_FAILURE_LIMIT must be a whole number of at least 1, not '0'.",
        ),
        (
            "DJANGO_TRUSTED_PROXIES",
            "-1",
            "DJANGO_TRUSTED_PROXIES must be a whole number of at least 0, not '-1'.",
        ),
        (
            "API_THROTTLE_ANON",
            "60/minuut",
            "API_THROTTLE_ANON must be like 60/minute (per second, minute, hour or day), "
            "not '60/minuut'.",
        ),
    ],
)
def test_a_value_that_is_not_documented_stops_the_start_with_one_line(variable, value, line):
    result = _manage("check", **{**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: {line}"
    )


def test_documented_spellings_of_yes_and_no_start_normally():
    result = _manage(
        "check",
        **{
            **PRODUCTION,
            "DJANGO_HTTPS": "Off",
            "DEMO_2FA_HINTS": "YES",
            "DJANGO_CONN_MAX_AGE": "0",
        },
    )
    assert result.returncode == 0, result.stderr


# -- which host names production answers ------------------------------------------------------

ANSWERED_HOSTS = """
import json, sys, django
django.setup()
from django.core.exceptions import DisallowedHost
from django.test import RequestFactory

def answered(host):
    try:
        RequestFactory().get("/", HTTP_HOST=host).get_host()
    except DisallowedHost:
        return False
    return True

print(json.dumps({host: answered(host) for host in sys.argv[1:]}))
"""


def _answered(*hosts, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides})
    result = subprocess.run(
        [sys.executable, "-c", ANSWERED_HOSTS, *hosts],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_answers_only_the_configured_host_names():
    answered = _answered(
        "proeftuin.example.org",
        "localhost",
        "evil.example",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="proeftuin.example.org",
    )
    assert answered == {"proeftuin.example.org": True, "localhost": False, "evil.example": False}


def test_production_without_configured_host_names_answers_none():
    answered = _answered("localhost", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 50)
    assert answered == {"localhost": False}


def test_development_answers_on_localhost_without_configuration():
    answered = _answered("localhost", "127.0.0.1", "evil.example", DJANGO_DEBUG="1")
    assert answered == {"localhost": True, "127.0.0.1": True, "evil.example": False}


@pytest.mark.django_db
def test_the_applications_postgresql_connections_compile_no_query_to_machine_code():
    """JIT compiling cost more than the sweep's and the inbox's queries themselves."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

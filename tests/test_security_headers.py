"""Response headers and cookies under the real production settings (DJANGO_HTTPS on)."""

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from . import factories
from .conftest import ROOT

pytestmark = pytest.mark.django_db

PRODUCTION_NAMES = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CONTENT_SECURITY_POLICY",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
]


def _production_env() -> dict:
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_HTTPS": "1"}
    env.pop("DJANGO_SSL_REDIRECT", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    env["DJANGO_SECRET_KEY"] = "x" * 60 + "production-like-secret-key-for-the-deploy-check"
    env["DJANGO_ALLOWED_HOSTS"] = "proeftuin.example"
    return env


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The settings a production process computes, read in a fresh interpreter."""
    code = (
        "import json, config.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION_NAMES!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(out.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def https_client(client, production_settings):
    with override_settings(**production_settings):
        yield client


def _get(client, path):
    return client.get(path, secure=True, headers={"host": "testserver"})


def test_the_deploy_check_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_plain_http_is_redirected_to_https(https_client):
    response = https_client.get(reverse("login"))
    assert response.status_code == 301
    assert response.url.startswith("https://")


def test_https_responses_carry_a_year_of_hsts_with_subdomains(https_client):
    response = _get(https_client, reverse("login"))
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_responses_deny_framing_sniffing_and_leaking_the_referrer(https_client):
    response = _get(https_client, reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/account/login/", "/toegankelijkheid", "/api/docs/"])
def test_the_content_security_policy_is_strict(https_client, client_for, path):
    if path.startswith("/api/"):
        client_for(factories.UserFactory())
    response = _get(https_client, path)
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    directives = _csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_the_session_and_csrf_cookies_are_secure_httponly_and_samesite(
    https_client, production_settings
):
    user = factories.UserFactory()
    login_page = _get(https_client, reverse("login"))
    csrf = login_page.cookies[production_settings["CSRF_COOKIE_NAME"]]
    response = https_client.post(
        reverse("login"),
        {"username": user.email, "password": factories.PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[production_settings["SESSION_COOKIE_NAME"]]
    for cookie in (session, csrf):
        assert cookie["secure"]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert not cookie["domain"]  # the __Host- prefix requires no Domain attribute
    assert session.key.startswith("__Host-")


def test_a_post_without_a_csrf_token_is_refused(pilot):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(pilot.participant.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("logout"))
    assert response.status_code == 403

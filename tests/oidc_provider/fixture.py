"""The pytest side of the test provider: start it, configure an organisation for it, and sign
in there the way a browser would (for tests that use Django's test client)."""

import re
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from .people import CLIENT_ID, CLIENT_SECRET, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CALLBACK_PATH = "/account/werkaccount-terug/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider():
    """A django-oauth-toolkit OpenID Connect provider in its own process; yields its issuer."""
    port = _free_port()
    log_path = ROOT / "var" / "test-oidc-provider.log"
    log = open(log_path, "w") if log_path.parent.is_dir() else subprocess.DEVNULL
    redirect_uris = [f"http://testserver{CALLBACK_PATH}", f"http://localhost{CALLBACK_PATH}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port), *redirect_uris],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}/o"
    try:
        _wait_until_serving(process, issuer)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process, issuer: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the test OpenID Connect provider stopped; see var/")
        try:
            if requests.get(issuer + "/.well-known/openid-configuration", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the test OpenID Connect provider did not start in time")


def provider_settings(issuer: str, **fields) -> dict:
    return {
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "allowed_domains": "werk.example",
        **fields,
    }


def _form(html: str, form_id: str | None = None) -> tuple[str, dict]:
    """The action and the hidden fields of the (first, or named) form of a page."""
    if form_id:
        html = html[html.index(f'id="{form_id}"') :]
    form = html[: html.index("</form>")]
    action = re.search(r'action="([^"]*)"', form)
    fields = {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }
    return (unescape(action.group(1)) if action else ""), fields


def sign_in_at_provider(authorize_url: str, email: str, *, consent: bool = True) -> str:
    """Log in and answer the consent question at the provider; returns where it sends us back."""
    browser = requests.Session()
    page = browser.get(authorize_url)  # the provider's login page, with `next` = the request
    _action, fields = _form(page.text, "provider-login")
    page = browser.post(page.url, data={**fields, "username": email, "password": PASSWORD})
    assert "authorizationForm" in page.text, page.text[:2000]
    _action, fields = _form(page.text, "authorizationForm")
    answer = {**fields, "allow": "Authorize"} if consent else fields
    back = browser.post(page.url, data=answer, allow_redirects=False)
    assert back.status_code == 302, back.text[:2000]
    return urljoin(page.url, back.headers["Location"])

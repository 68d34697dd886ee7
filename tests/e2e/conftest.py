"""Browser journeys: Playwright drives the system Chromium against a live server."""

import os
import re
from pathlib import Path

import pytest

from .demo_snapshot import load_demo

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "proeftuin-demo")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _static_files_as_named(settings):
    # The live server answers /static/ from the finders, which know no hashed manifest names:
    # without this, pages would be tested (and checked for contrast) without their stylesheet.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    page.viewport_name = request.param
    # Anything the Content-Security-Policy blocks shows up as a console error; check_accessibility
    # fails on it, so a page that relies on an inline script or style cannot slip through.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.server_errors = []
    page.on(
        "response",
        lambda response: (
            page.server_errors.append(f"{response.status} {response.url}")
            if response.status >= 500
            else None
        ),
    )
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def demo(transactional_db):
    load_demo()


def log_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login page, and through the second step if the account has one.

    Coaches, directors and admins must use a second factor: with a device (the demo coach and
    director have one from seed_demo) the helper types the current code of the authenticator app;
    without one it sets up a new device the way a person would (scanning is replaced by reading
    the key from the database) and continues past the backup codes. Journeys call only this.
    """
    page.goto(page.base_url + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/account/2fa/controle/" in page.url:
        page.get_by_role("textbox", name="Code", exact=True).fill(current_code(email))
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_load_state()
    elif "/account/2fa/instellen/" in page.url:
        page.get_by_role("textbox", name="Code", exact=True).fill(
            current_code(email, confirmed=False)
        )
        page.get_by_role("button", name="Bevestigen").click()
        page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
        page.wait_for_load_state()


def go_to(page, name: str) -> None:
    """Follow a link of the main menu as a person would: on a phone, open "Menu" first if the
    link is not among the few the closed menu shows."""
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        menu.locator("summary").click()
    link.click()
    page.wait_for_load_state()


def current_code(email: str, confirmed: bool = True) -> str:
    """The code an authenticator app would show now for this user's device (never reused)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.login_flow import current_code as code_of

    return code_of(TOTPDevice.objects.get(user__email=email, confirmed=confirmed))


def fits_the_screen(page) -> bool:
    """Whether the page, once loaded, is no wider than the window (nothing scrolls sideways).

    Waits for the load first: measured while a click's navigation replaces the document, there
    is no document element to measure.
    """
    page.wait_for_load_state()
    return page.evaluate(
        "document.documentElement !== null"
        " && document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def switch_language(page, code: str) -> None:
    """Use the footer's language button, as a person would."""
    name = {"en": "English", "nl": "Nederlands"}[code]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == code


# --- accessibility ---------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def check_accessibility(page) -> None:
    """Run axe-core (WCAG 2.1 A and AA) on the current page; raise with a readable report.

    Also fails on anything the CSP blocked and on any 5xx answer seen so far in this page.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state()
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {', '.join(map(str, node['target']))}: {summary[:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    lines += [f"- CSP blocked: {text}" for text in page.csp_violations]
    lines += [f"- server error: {text}" for text in page.server_errors]
    if lines:
        where = (
            f"{page.url} [{page.viewport_name}, lang={page.locator('html').get_attribute('lang')}]"
        )
        raise AssertionError(f"Accessibility check failed on {where}:\n" + "\n".join(lines))

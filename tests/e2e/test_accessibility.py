"""axe-core on every page each demo role can reach, in Dutch and English, at both widths."""

from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import ARTIFACTS, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.django_db(transaction=True)

CRAWL_PREFIXES = ("/p/", "/privacy", "/meldingen", "/account", "/toegankelijkheid")
NEVER_FOLLOW = ("/account/logout/", "/account/2fa/")
MAX_PAGES_PER_ROLE = 80
DOWNLOADS = (".csv", ".xlsx", ".ics", ".json", ".pdf", ".zip", ".svg", ".png", ".html", ".md")
ROLES = [
    "participant1@demo.example",
    "coach@demo.example",
    "director@demo.example",
    "steering@demo.example",  # the steering group: the charter, the aggregates
    "participant3@demo.example",  # an ambassador: proposes success stories
    "participant6@demo.example",  # an ethics reviewer: the waiting reviews
]
PUBLIC_PAGES = ["/account/login/", "/account/password_reset/", "/toegankelijkheid"]


def _site_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        target = urldefrag(urljoin(page.url, href))[0]
        parts = urlsplit(target)
        if f"{parts.scheme}://{parts.netloc}" != page.base_url:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(CRAWL_PREFIXES) and not path.startswith(NEVER_FOLLOW):
            links.append(path)
    return links


# On a 375 x 812 phone the header takes at most 15% of the screen, and no page scrolls sideways
# (wide tables scroll inside their own marked box).
PHONE_HEADER_SHARE = 0.15


def phone_layout_problem(page) -> str | None:
    if page.viewport_name != "phone":
        return None
    viewport = page.viewport_size
    header = page.evaluate(
        "() => document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0"
    )
    width = page.evaluate("() => document.documentElement.scrollWidth")
    problems = []
    if header > PHONE_HEADER_SHARE * viewport["height"]:
        problems.append(f"header {header:.0f} px of {viewport['height']}")
    if width > viewport["width"]:
        problems.append(f"page {width} px wide on a {viewport['width']} px screen")
    return f"{page.url}: " + ", ".join(problems) if problems else None


# A page of the menu puts its main action (the first button that is not a secondary one) within
# the first two screens of a phone: a person between two meetings does not scroll to find it.
PRIMARY_ACTION = (
    "main .button:not(.secondary):not(.danger), "
    "main button[type=submit]:not(.secondary):not(.danger):not(.link-button)"
)


def primary_action_problem(page) -> str | None:
    if page.viewport_name != "phone":
        return None
    top = page.evaluate(
        "selector => { const el = document.querySelector(selector);"
        " return el ? el.getBoundingClientRect().top + window.scrollY : null; }",
        PRIMARY_ACTION,
    )
    if top is not None and top > 2 * page.viewport_size["height"]:
        return f"{page.url}: its main action starts {top:.0f} px down, past two screens"
    return None


def _menu_paths(page) -> set[str]:
    hrefs = page.eval_on_selector_all(
        ".main-nav a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    return {urlsplit(urljoin(page.url, href)).path for href in hrefs}


def keep_screenshot(page, who: str, path: str) -> None:
    """Screenshots of every page at phone width, kept as test artifacts for review."""
    if page.viewport_name != "phone":
        return
    lang = page.locator("html").get_attribute("lang")
    name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
    folder = ARTIFACTS / "phone" / lang / who
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def crawl_and_check(page, who: str = "anonymous") -> list[str]:
    """Visit every page reachable from the home page (within the site's own sections); at phone
    width also measure the header and the page's width, and on the menu's pages where the main
    action starts."""
    page.goto(page.base_url + "/")
    check_accessibility(page)
    menu = _menu_paths(page)
    queue = _site_links(page)
    seen = set(queue)
    visited = []
    failures = []
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path.split("?")[0].endswith(DOWNLOADS):
            continue  # a file download, not a page (its link is checked on the linking page)
        try:
            response = page.goto(page.base_url + path)
        except PlaywrightError as exc:
            if "Download is starting" in str(exc):
                continue  # a file download without a telling suffix
            raise
        visited.append(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        if response.headers.get("content-disposition", "").startswith("attachment"):
            continue
        try:
            check_accessibility(page)
        except AssertionError as exc:
            failures.append(str(exc))
            page.csp_violations.clear()
            page.server_errors.clear()
        if problem := phone_layout_problem(page):
            failures.append(problem)
        if path in menu and (problem := primary_action_problem(page)):
            failures.append(problem)
        keep_screenshot(page, who, path)
        for link in _site_links(page):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert not failures, "\n\n".join(failures)
    return visited


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("email", ROLES)
def test_every_page_of_a_role_passes_axe(page, demo, email, language):
    log_in(page, email)
    if language == "en":
        switch_language(page, "en")
    visited = crawl_and_check(page, who=email.split("@")[0])
    assert "/toegankelijkheid" in visited
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_pass_axe(page, language):
    page.goto(page.base_url + "/account/login/")
    if language == "en":
        switch_language(page, "en")
    for path in PUBLIC_PAGES:
        page.goto(page.base_url + path)
        check_accessibility(page)


def test_a_login_error_page_passes_axe(page, demo):
    log_in(page, "participant1@demo.example", password="verkeerd")
    expect(page.get_by_role("alert")).to_be_visible()
    check_accessibility(page)


def test_the_two_factor_pages_pass_axe(page, demo):
    from proeftuin.models import User
    from tests.factories import CoachFactory

    coach = CoachFactory(user__email="nieuwe-coach@example.org")
    User.objects.filter(pk=coach.user.pk).update(
        password=User.objects.get(email="coach@demo.example").password
    )
    page.goto(page.base_url + "/account/login/")
    page.get_by_label("E-mailadres").fill("nieuwe-coach@example.org")
    page.get_by_label("Wachtwoord").fill("proeftuin-demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("textbox", name="Code", exact=True).fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_accessibility(page)


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " const text = e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText;"
        " return (text || e.name || e.tagName).replace('*', '').trim(); }"
    )


def test_the_login_form_works_by_keyboard_alone(page, demo):
    page.goto(page.base_url + "/account/login/")
    reached = [_focused(page)]  # the e-mail field may have focus already (autofocus)
    for _press in range(12):
        if reached[-1] == "E-mailadres":
            page.keyboard.type("participant1@demo.example")
        if reached[-1] == "Wachtwoord":
            page.keyboard.type("proeftuin-demo")
        if reached[-1] == "Inloggen":
            break
        page.keyboard.press("Tab")
        reached.append(_focused(page))
    assert reached[-1] == "Inloggen", f"Tab order was: {reached}"
    assert reached.index("E-mailadres") < reached.index("Wachtwoord"), reached
    page.keyboard.press("Enter")
    # A participant's home is their learning path.
    expect(page).to_have_url(f"{page.base_url}/p/{_demo_pilot_id()}/leerpad/")


def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(page):
    page.goto(page.base_url + "/account/password_reset/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def _demo_pilot_id() -> int:
    from proeftuin.models import Proeftuin

    return Proeftuin.objects.get(organisation__slug="diversion-demo").pk


def test_the_api_documentation_works_under_the_csp(page, demo):
    log_in(page, "participant1@demo.example")
    page.goto(page.base_url + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Proeftuin API")
    assert not page.csp_violations, page.csp_violations


def _public_doors() -> list[str]:
    """The pages anyone reaches without an account, with the demo's own links: the library, a
    published package and one of its cases, an organisation's contact form, a session's guest
    sign-up and a guest's own page."""
    from proeftuin.models import ContactPoint, LibraryEntry
    from workshops import tokens
    from workshops.models import Guest, Session

    case = LibraryEntry.objects.filter(kind=LibraryEntry.Kind.CASE).order_by("pk").first()
    contact = ContactPoint.objects.filter(is_open=True).order_by("pk").first()
    open_session = Session.objects.filter(open_to_colleagues=True).order_by("pk").first()
    guest = Guest.objects.filter(session=open_session).order_by("pk").first()
    return [
        "/bibliotheek/",
        "/bibliotheek/?q=privacy",
        f"/bibliotheek/{case.proeftuin_id}/",
        f"/bibliotheek/{case.proeftuin_id}/casus/{case.experiment_id}/",
        f"/netwerk/{contact.organisation_id}/contact/",
        f"/gast/aanmelden/{tokens.sign_up_token(open_session.pk)}/",
        f"/gast/{tokens.guest_token(guest.pk)}/",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pages_without_an_account_pass_axe_and_fit_a_phone(page, demo, language):
    page.goto(page.base_url + "/account/login/")
    if language == "en":
        switch_language(page, "en")
    problems = []
    for path in _public_doors():
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        check_accessibility(page)
        if problem := phone_layout_problem(page):
            problems.append(problem)
    assert not problems, "\n".join(problems)

"""Every page a demo role can reach: CSRF on each form, nothing from other origins, no 5xx."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from proeftuin.models import User
from tests.login_flow import mark_session_past_second_factor

from .conftest import ROOT

pytestmark = pytest.mark.django_db

# Pages under these prefixes are crawled (plus the home page); downloads are fetched, not parsed.
CRAWL_PREFIXES = ("/p/", "/privacy", "/meldingen", "/account", "/toegankelijkheid")
NEVER_FOLLOW = ("/account/logout/",)
MAX_PAGES = 250
ROLES = ["participant1@demo.example", "coach@demo.example", "director@demo.example"]


class PageParser(HTMLParser):
    """Collects links, forms, resource URLs and inline script/style of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []  # (tag, url)
        self.forms: list[dict] = []
        self.inline: list[str] = []
        self._form = None
        self._script_inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline.append(f'<{tag} style="{attrs["style"]}">')
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"<{tag}> with an on… event handler attribute")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            self.resources.append((tag, attrs["href"]))
        for name in ("src", "srcset", "poster", "data"):
            if attrs.get(name):
                self.resources.append((tag, attrs[name]))
        if tag == "style":
            self.inline.append("<style> element")
        if tag == "script":
            data_block = attrs.get("type", "") in ("application/json", "application/ld+json")
            self._script_inline = not attrs.get("src") and not data_block
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action", ""),
                "fields": [],
            }
            self.forms.append(self._form)
        if tag in ("input", "button", "select", "textarea") and self._form is not None:
            self._form["fields"].append(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "script":
            self._script_inline = False

    def handle_data(self, data):
        if self._script_inline and data.strip():
            self.inline.append(f"inline <script>: {data.strip()[:60]}")


def _same_site(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def crawl(client: Client) -> dict[str, PageParser]:
    """Follow links from the home page within the site; fail on any error status."""
    pages: dict[str, PageParser] = {}
    problems: list[str] = []
    queue = ["/"]
    seen = set(queue)
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        response = client.get(path, follow=True)
        if response.status_code >= 400:
            problems.append(f"{path} answered {response.status_code}")
            continue
        final = response.redirect_chain[-1][0] if response.redirect_chain else path
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue  # a download (e.g. the stand-alone toolkit file), not a page of the site
        parser = PageParser()
        parser.feed(response.content.decode())
        pages[final] = parser
        for href in parser.links:
            target = urldefrag(urljoin(final, href))[0]
            if not _same_site(target) or target in seen:
                continue
            if target.startswith(NEVER_FOLLOW) or not target.startswith(CRAWL_PREFIXES):
                continue
            seen.add(target)
            queue.append(target)
    assert not problems, "Pages that failed:\n" + "\n".join(problems)
    return pages


@pytest.fixture
def pages_of(db):
    """Seed the demo once per test and crawl as one of its people."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    def pages(email: str) -> dict[str, PageParser]:
        client = Client()
        user = User.objects.get(email=email)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        mark_session_past_second_factor(client.session, user)
        return crawl(client)

    return pages


@pytest.mark.parametrize("email", ROLES)
def test_every_page_of_a_role_has_csrf_tokens_and_nothing_from_elsewhere(pages_of, email):
    pages = pages_of(email)
    assert "/toegankelijkheid" in pages
    assert any(path.startswith("/p/") for path in pages)

    missing_csrf = [
        f"{path}: POST form action={form['action']!r} has no csrfmiddlewaretoken"
        for path, page in pages.items()
        for form in page.forms
        if form["method"] == "post" and "csrfmiddlewaretoken" not in form["fields"]
    ]
    foreign = [
        f"{path}: <{tag}> loads {url} from another origin"
        for path, page in pages.items()
        for tag, url in page.resources
        if not _same_site(url) and not url.startswith("data:")
    ]
    inline = [
        f"{path}: {what} (the CSP blocks it; move it to static/)"
        for path, page in pages.items()
        for what in page.inline
    ]
    problems = missing_csrf + foreign + inline
    assert not problems, f"{len(pages)} pages crawled; problems:\n" + "\n".join(problems)


def test_stylesheets_and_scripts_fetch_nothing_from_other_origins():
    offenders = []
    for path in Path(ROOT, "static").rglob("*"):
        if path.suffix in (".css", ".js") and "://" in path.read_text():
            lines = [line for line in path.read_text().splitlines() if "://" in line]
            offenders += [f"{path.relative_to(ROOT)}: {line.strip()}" for line in lines]
    assert not offenders, "\n".join(offenders)

"""The director's overview prints as a one-page summary without names, also with five long
lessons; the progress people chose to share, by name, follows on a page of its own."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

LONG_LESSON = (
    "Wat we leerden: een lijst bijhouden kost tijd, maar wie hem samen bijhoudt ziet eerder wat "
    "er misgaat en kan sneller bijsturen. "
) * 6


def _page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def page(browser, live_server):
    """One browser page: printing lays the page out on paper, whatever the screen width."""
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def test_the_overview_prints_a_summary_page_without_names_then_the_shared_progress(page, demo):
    from learning.models import Lesson
    from proeftuin.models import Proeftuin

    pilot = Proeftuin.objects.get(organisation__slug="diversion-demo")
    # The worst case the page shows: the five latest approved lessons, each long.
    some = Lesson.objects.filter(proeftuin=pilot).first()
    for _ in range(5):
        Lesson.objects.create(
            proeftuin=pilot,
            author=some.author,
            kind=Lesson.Kind.PITFALL,
            dimension=some.dimension,
            text=LONG_LESSON,
            toolkit_text=LONG_LESSON,
            review=Lesson.Review.APPROVED,
            approved_at=timezone.now(),
        )
    log_in(page, "director@demo.example")
    page.goto(f"{page.base_url}/p/{pilot.pk}/overzicht/")
    assert page.get_by_text("Wat we leerden").count() == 5
    assert page.get_by_role("heading", name="Gedeelde voortgang").count() == 1
    page.emulate_media(media="print")
    summary, *rest = _page_texts(page.pdf(format="A4"))
    assert "Cultuurverandering" in summary and "Laatste lessen" in summary
    assert "Gedeelde voortgang" not in summary
    assert len(rest) == 1 and "Gedeelde voortgang" in rest[0]
    shared = pilot.memberships.filter(shares_progress_with_director=True)
    assert shared and all(m.user.full_name not in summary for m in shared.select_related("user"))

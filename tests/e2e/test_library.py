"""A visitor without an account finds a case in the public library and downloads the package."""

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning.models import Lesson
from proeftuin.toolkit import library
from tests.conftest import make_pilot
from tests.factories import EthicsReviewFactory, ExperimentFactory, LessonFactory

from .conftest import check_accessibility, fits_the_screen, switch_language

pytestmark = pytest.mark.django_db(transaction=True)

CASE = "Privacy in het jeugdprogramma"


@pytest.fixture
def published_library(transactional_db):
    """Two organisations published; one has a case about privacy in a youth programme."""
    youth, other = make_pilot(), make_pilot()
    experiment = ExperimentFactory(
        owner=youth.participant,
        title=CASE,
        question="Hoe vragen we jongeren om toestemming voor het gebruik van hun gegevens?",
        outcome="Met een korte uitleg gaven meer jongeren toestemming.",
    )
    EthicsReviewFactory(experiment=experiment)
    for pilot, exp, text, themes in (
        (
            youth,
            experiment,
            "Leg in gewone woorden uit wat je met gegevens doet.",
            ["safe_and_ethical"],
        ),
        (other, None, "Begin met één kleine vraag.", ["starting_small"]),
    ):
        LessonFactory(
            experiment=exp or ExperimentFactory(owner=pilot.participant),
            toolkit_text=text,
            stage=3,
            themes=themes,
            review=Lesson.Review.APPROVED,
            approved_at=timezone.now(),
        )
        library.describe_organisation(
            proeftuin=pilot.proeftuin,
            actor=pilot.director.user,
            named=False,
            sector="youth" if pilot is youth else "social_enterprise",
            size_band="10-50",
        )
        library.share(proeftuin=pilot.proeftuin, actor=pilot.director.user)
    return youth


def test_a_visitor_finds_a_privacy_case_within_three_clicks_and_downloads_the_pdf(
    page, published_library
):
    page.goto(page.base_url + "/account/login/")
    page.get_by_role("link", name="Lees in de bibliotheek wat andere organisaties leerden").click()
    expect(page.get_by_role("heading", name="Bibliotheek van informatiepakketten")).to_be_visible()
    assert fits_the_screen(page)
    check_accessibility(page)

    page.get_by_label("Zoeken").fill("privacy jongeren")
    page.get_by_role("button", name="Zoeken").click()  # click 1
    page.get_by_role("link", name=CASE).click()  # click 2
    expect(page.get_by_role("heading", name=CASE, level=1)).to_be_visible()
    expect(page.get_by_text("een jeugdorganisatie, 10-50 medewerkers")).to_be_visible()
    assert fits_the_screen(page)
    check_accessibility(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download het hele informatiepakket als pdf").click()  # 3
    reader = pypdf.PdfReader(info.value.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert CASE in text
    assert published_library.participant.user.full_name not in text


def test_the_library_reads_in_english_on_a_phone(page, published_library):
    page.goto(page.base_url + "/bibliotheek/")
    switch_language(page, "en")
    expect(page.get_by_role("heading", name="Cases from practice")).to_be_visible()
    page.get_by_text("Filters").click()
    page.get_by_label("Theme").select_option("starting_small")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Begin met één kleine vraag.")).to_be_visible()
    assert fits_the_screen(page)
    check_accessibility(page)

"""The ethics reviewer's and the ambassador's journeys on a 375 px phone, as the demo has them.

participant6 was appointed ethics reviewer and finds one review waiting; participant3 is an
ambassador with an approved lesson of their own. axe-core runs on every page visited.
"""

import pytest
from playwright.sync_api import expect

from .conftest import check_accessibility, fits_the_screen, go_to, log_in

pytestmark = pytest.mark.django_db(transaction=True)
phone_only = pytest.mark.parametrize("page", ["phone"], indirect=True)


def _fits_the_phone(page) -> None:
    assert fits_the_screen(page), f"{page.url} scrolls sideways at 375 px"
    check_accessibility(page)


@phone_only
def test_the_ethics_reviewer_reads_a_waiting_review_ticks_a_principle_and_approves(page, demo):
    log_in(page, "participant6@demo.example")
    go_to(page, "Ethische toetsen")
    expect(page.get_by_role("heading", name="Ethische toetsen die wachten")).to_be_visible()
    _fits_the_phone(page)
    page.get_by_role("link", name="Ziekteverzuim per team in beeld").click()
    expect(page.get_by_text("Wie er ziek was, en waarom.")).to_be_visible()
    _fits_the_phone(page)
    page.get_by_label("Niemand wordt op een score of een ranglijst beoordeeld.").check()
    page.get_by_label("goedgekeurd", exact=True).check()
    page.get_by_label("Toelichting").fill("Totalen per team; let op kleine teams.")
    page.get_by_role("button", name="Oordeel vastleggen").click()
    expect(page.get_by_text("Je oordeel is vastgelegd")).to_be_visible()
    expect(page.get_by_text("Er wacht nu geen toets op jou.")).to_be_visible()
    _fits_the_phone(page)


@phone_only
def test_the_ambassador_proposes_a_success_story_and_a_question(page, demo):
    log_in(page, "participant3@demo.example")
    go_to(page, "Experimenten")
    page.get_by_role("link", name="Voorraadtelling in een gedeelde spreadsheet").click()
    expect(
        page.get_by_role("heading", name="Voorraadtelling in een gedeelde spreadsheet")
    ).to_be_visible()
    _fits_the_phone(page)
    page.get_by_role("button", name="Voorstellen als succesverhaal").first.click()
    expect(
        page.get_by_text("Voorgesteld als succesverhaal; de coach kijkt ernaar.")
    ).to_be_visible()
    # The lesson now says it was proposed; it is shown to everyone once the coach agrees.
    # (the demo's other lesson of hers she proposed before)
    expect(page.locator("p.meta", has_text="Voorgesteld als succesverhaal")).to_have_count(2)
    expect(page.get_by_role("button", name="Voorstellen als succesverhaal")).to_have_count(0)
    go_to(page, "Succesverhalen")
    expect(page.get_by_text("Nog geen succesverhalen.")).to_be_visible()
    _fits_the_phone(page)

    go_to(page, "Vragenlijst")
    expect(page.get_by_role("heading", name="Drukte en planning")).to_be_visible()
    _fits_the_phone(page)
    page.get_by_label("Welke vraag wil je met gegevens beantwoorden?").fill(
        "Welke voorraad raakt het vaakst op?"
    )
    page.get_by_label("Wie stelt deze vraag?").fill("het magazijn")
    page.get_by_label("Waarom doet het ertoe?").fill("Dan bestellen we op tijd bij.")
    page.get_by_role("button", name="Vraag op de lijst zetten").click()
    expect(page.get_by_text("Je vraag staat op de lijst")).to_be_visible()
    expect(page.get_by_role("link", name="Welke voorraad raakt het vaakst op?")).to_be_visible()
    _fits_the_phone(page)

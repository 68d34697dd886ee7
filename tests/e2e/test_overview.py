"""Browser journeys of the overview and the measurement rounds, on the demo data."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from proeftuin.models import AssessmentAnswer, MeasurementRound, Membership, Proeftuin, Role

from .conftest import go_to, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def demo_pilot() -> Proeftuin:
    return Proeftuin.objects.get(organisation__slug="diversion-demo")


def test_the_director_reads_the_overview_exports_it_and_sees_no_personal_page(page, demo):
    pilot = demo_pilot()
    log_in(page, "director@demo.example")
    expect(page).to_have_url(re.compile(rf"/p/{pilot.pk}/overzicht/$"))
    expect(page.get_by_role("heading", name="Overzicht van de proeftuin")).to_be_visible()

    chart = page.get_by_role("img", name=re.compile("Analyse van gegevens: fases bij de nulmeting"))
    expect(chart).to_be_visible()
    page.get_by_text("Analyse van gegevens als tabel").click()
    table = page.get_by_role("table", name=re.compile("Analyse van gegevens: aantal deelnemers"))
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Nulmeting")).to_be_visible()
    expect(table.get_by_role("rowheader", name="3 Bewust")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Cijfers downloaden (CSV)").click()
    body = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "Cultuurverandering;Analyse van gegevens: Bewust (nulmeting)" in body
    assert "Amira" not in body

    participant = Membership.objects.filter(proeftuin=pilot, role=Role.PARTICIPANT).first()
    for path in (f"/p/{pilot.pk}/deelnemers/{participant.pk}/", f"/p/{pilot.pk}/metingen/"):
        response = page.goto(page.base_url + path)
        assert response.status == 404


def test_a_participant_fills_in_the_open_round(page, demo):
    pilot = demo_pilot()
    log_in(page, "participant1@demo.example")
    go_to(page, "Metingen")
    page.get_by_role("link", name="Meting invullen").click()
    # One dimension a step: where the organisation stands, where I stand, then on.
    for number in range(1, 5):
        expect(page.get_by_role("group", name=re.compile(f"^Stap {number} van 4"))).to_be_visible()
        page.get_by_role("group", name="Waar staat de organisatie?").get_by_text("3.").click()
        page.get_by_role("group", name="Waar sta ik zelf?").get_by_text("3.").click()
        page.get_by_role(
            "button", name="Opslaan en afronden" if number == 4 else "Opslaan en verder"
        ).click()
    expect(page.get_by_text("Je antwoorden zijn opgeslagen.")).to_be_visible()
    open_round = MeasurementRound.objects.get(proeftuin=pilot, title="Vervolgmeting")
    answers = AssessmentAnswer.objects.filter(
        assessment__round=open_round,
        assessment__membership__user__email="participant1@demo.example",
    )
    assert answers.count() == 8
    assert set(answers.values_list("stage", flat=True)) == {3}

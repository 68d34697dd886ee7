"""The participant's, the coach's and the director's journeys, as a new user walks them, at
desktop and phone width.

Controls are found by their visible label or role (which also proves the labels exist), and
axe-core runs on every page visited (check_accessibility).
"""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import check_accessibility, fits_the_screen, go_to, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _menu(page, name: str) -> None:
    go_to(page, name)
    page.wait_for_load_state()
    check_accessibility(page)


def _log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    check_accessibility(page)


def _demo_pilot_id() -> int:
    from proeftuin.models import Proeftuin

    return Proeftuin.objects.get(organisation__slug="diversion-demo").pk


def test_participant_journey(page, demo):
    """Log in, set a goal, log an activity from the dashboard, sign up for a session, fill in
    the open measurement round, download the own data export, log out."""
    log_in(page, "participant1@demo.example")
    expect(page).to_have_url(re.compile(r"/p/\d+/leerpad/$"))  # the dashboard is their home
    expect(page.get_by_role("heading", name="Mijn leerpad", level=1)).to_be_visible()
    check_accessibility(page)

    # Set a goal.
    page.get_by_role("link", name="Nieuw leerdoel").click()
    check_accessibility(page)
    skill = page.get_by_role("combobox", name="Vaardigheid", exact=True)
    skill.select_option(index=1)
    page.get_by_label("Wat wil je kunnen?").fill("Een draaitabel maken van de uren per project")
    page.get_by_role("group", name="Waar sta je nu?").get_by_label("2 · ").check()
    page.get_by_role("group", name="Waar wil je naartoe?").get_by_label("4 · ").check()
    page.get_by_label("Streefdatum").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Leerdoel opslaan").click()
    expect(page.get_by_text("Leerdoel opgeslagen.")).to_be_visible()
    check_accessibility(page)

    # Log an activity with the dashboard's quick form.
    _menu(page, "Mijn leerpad")
    quick = page.get_by_role("region", name="Snel een activiteit vastleggen")
    quick.get_by_label("Wat heb je gedaan?").fill("Artikel over datakwaliteit gelezen")
    quick.get_by_role("group", name="Soort").get_by_role("radio").first.check()
    quick.get_by_label("Minuten").fill("30")
    quick.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Activiteit vastgelegd. Goed bezig!")).to_be_visible()
    expect(page.get_by_text("Artikel over datakwaliteit gelezen").first).to_be_visible()
    check_accessibility(page)

    # Sign up for a session.
    _menu(page, "Bijeenkomsten")
    # The first one still open for answers: this month's workshop may be under way right now.
    card = (
        page.locator(".session-cards > li")
        .filter(has_text="Datagedreven werken")
        .filter(has=page.get_by_role("button", name="Ik kom", exact=True))
        .first
    )
    card.get_by_role("button", name="Ik kom", exact=True).click()
    expect(page.get_by_text("Opgeslagen: je komt naar Datagedreven werken op")).to_be_visible()
    check_accessibility(page)

    # Fill in the open measurement round.
    _menu(page, "Metingen")
    page.get_by_role("link", name="Meting invullen").click()
    # One dimension a step: two taps for the stages, one to go on, nothing wider than the phone.
    for number, name in enumerate(
        [
            "Analyse van gegevens",
            "Leren en veranderen",
            "Mens en organisatie",
            "Publieke waarde",
        ],
        start=1,
    ):
        expect(page.get_by_role("group", name=f"Stap {number} van 4: {name}")).to_be_visible()
        if number == 1:
            expect(
                page.get_by_text("Ik begin met een vraag, zoek de gegevens erbij")
            ).to_be_visible()
            check_accessibility(page)
        assert fits_the_screen(page)
        page.get_by_role("group", name="Waar staat de organisatie?").get_by_text("3.").click()
        page.get_by_role("group", name="Waar sta ik zelf?").get_by_text("3.").click()
        last = number == 4
        page.get_by_role(
            "button", name="Opslaan en afronden" if last else "Opslaan en verder"
        ).click()
    expect(page.get_by_text("Je antwoorden zijn opgeslagen.")).to_be_visible()
    check_accessibility(page)

    # Download everything stored about me.
    _menu(page, "Wie ziet mijn gegevens?")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download mijn gegevens").click()
    export = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert export["person"]["email"] == "participant1@demo.example"
    assert "participant2@demo.example" not in json.dumps(export)

    _log_out(page)


def test_coach_journey(page, demo):
    """Log in (with the second step), plan a monthly series, mark attendance, see who is quiet,
    approve a lesson for the toolkit."""
    log_in(page, "coach@demo.example")
    expect(page).to_have_url(f"{page.base_url}/p/{_demo_pilot_id()}/")
    expect(page.get_by_text("Wie doen er mee").first).to_be_visible()
    check_accessibility(page)

    # Mark attendance for a past session, from the home page's to-do list.
    expect(page.get_by_role("heading", name="Aanwezigheid nog invullen")).to_be_visible()
    page.locator("#coach-sessions-heading ~ ul").first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Aanwezigheid", exact=True)).to_be_visible()
    check_accessibility(page)
    page.get_by_role("group", name="Amira El Idrissi").get_by_label("te laat").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("Aanwezigheid opgeslagen.")).to_be_visible()
    check_accessibility(page)

    # Plan a monthly series of workshops.
    _menu(page, "Bijeenkomsten")
    page.get_by_role("link", name="Maandelijkse reeks plannen").first.click()
    check_accessibility(page)
    page.get_by_label("Workshop", exact=True).check()
    page.get_by_label("Titel").fill("Werken met dashboards")
    page.get_by_label("Welke week van de maand").select_option(label="eerste")
    page.get_by_label("Welke dag").select_option(label="woensdag")
    page.get_by_label("Vanaf").fill(date(timezone.localdate().year + 1, 2, 1).isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("11:30")
    page.get_by_label("Aantal bijeenkomsten").fill("3")
    page.get_by_label("Plaats", exact=True).fill("De Werkplaats, zaal 3")
    page.get_by_role("button", name="Reeks plannen").click()
    expect(page.get_by_text("Reeks gepland: 3 bijeenkomsten.")).to_be_visible()
    expect(page.get_by_role("link", name="Werken met dashboards")).to_have_count(3)
    check_accessibility(page)

    # See the participant who has gone quiet.
    _menu(page, "Deelnemers")
    quiet_rows = page.get_by_role("row").filter(has=page.locator(".badge.warn", has_text="stil"))
    expect(quiet_rows.first).to_be_visible()

    # Approve a draft lesson for the toolkit, after taking out what could identify someone.
    _menu(page, "Informatiepakket")
    page.get_by_role("link", name="Lessen beoordelen").click()
    check_accessibility(page)
    draft_row = page.get_by_role("row").filter(has_text="concept").first
    draft_row.get_by_role("link").first.click()
    check_accessibility(page)
    page.get_by_label("Tekst voor het informatiepakket").fill(
        "Spreek vooraf af welke gegevens je bewust niet verzamelt."
    )
    page.get_by_label("Veilig en ethisch").check()  # a theme other organisations search by
    page.get_by_role("button", name="Goedkeuren voor het informatiepakket").click()
    expect(page.get_by_text("De les staat in het informatiepakket.")).to_be_visible()
    check_accessibility(page)

    _log_out(page)


def test_director_journey(page, demo):
    """Log in (with the second step), open the overview, read the culture-change chart's text
    alternative, export the CSV, be refused a participant's personal page."""
    from proeftuin.models import Membership

    log_in(page, "director@demo.example")
    pilot_id = _demo_pilot_id()
    expect(page).to_have_url(re.compile(rf"/p/{pilot_id}/(overzicht/)?$"))  # the overview
    expect(page.get_by_text("Proeftuin datagedreven werken").first).to_be_visible()
    check_accessibility(page)

    # The overview: the culture-change chart and its table alternative.
    expect(page.get_by_role("heading", name="Overzicht van de proeftuin")).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("Analyse van gegevens: fases bij de nulmeting"))
    expect(chart).to_be_visible()
    page.get_by_text("Analyse van gegevens als tabel").click()
    table = page.get_by_role("table", name=re.compile("Analyse van gegevens: aantal deelnemers"))
    expect(table.get_by_role("columnheader", name="Nulmeting")).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Cijfers downloaden (CSV)").click()
    csv_text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Cultuurverandering" in csv_text
    assert "Amira" not in csv_text

    # A participant's personal page is the coach's; for the director it does not exist.
    participant = Membership.objects.get(user__email="participant1@demo.example")
    response = page.goto(f"{page.base_url}/p/{pilot_id}/deelnemers/{participant.pk}/")
    assert response.status == 404
    response = page.goto(f"{page.base_url}/p/{pilot_id}/deelnemers/")
    assert response.status == 404

    page.goto(f"{page.base_url}/p/{pilot_id}/")
    _log_out(page)


def test_a_wrong_password_is_announced_on_the_login_page(page, demo):
    log_in(page, "participant1@demo.example", password="verkeerd")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("e-mailadres")
    check_accessibility(page)

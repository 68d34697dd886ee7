"""A participant sets a goal and logs an activity from the dashboard, on desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import fits_the_screen, go_to, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_sets_a_goal_and_quick_logs_an_activity_from_the_dashboard(page, demo):
    log_in(page, "participant3@demo.example")
    expect(page).to_have_url(re.compile(r"/p/\d+/leerpad/$"))
    expect(page.get_by_role("heading", name="Mijn leerpad", level=1)).to_be_visible()
    assert fits_the_screen(page), f"dashboard scrolls sideways at {page.viewport_name}"

    page.get_by_role("link", name="Nieuw leerdoel").first.click()
    page.get_by_label("Vaardigheid").select_option(label="Gegevens visualiseren")
    page.get_by_label("Wat wil je kunnen?").fill("Een eerlijke grafiek maken voor het werkoverleg")
    page.get_by_role("group", name="Waar sta je nu?").get_by_label("1 · ").check()
    page.get_by_role("group", name="Waar wil je naartoe?").get_by_label("3 · ").check()
    page.get_by_role("button", name="Leerdoel opslaan").click()
    expect(page.get_by_text("Leerdoel opgeslagen.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Een eerlijke grafiek maken voor het werkoverleg")
    ).to_be_visible()

    page.get_by_role("link", name="Mijn leerpad").first.click()
    quick = page.locator("form", has=page.get_by_role("button", name="Vastleggen"))
    quick.get_by_label("Wat heb je gedaan?").fill("Draaitabel gemaakt van de klachtenlijst")
    quick.get_by_label("Leren van collega's").check()
    quick.get_by_label("Minuten").fill("45")
    assert fits_the_screen(page), f"quick-log form scrolls sideways at {page.viewport_name}"
    quick.get_by_role("button", name="Vastleggen").click()

    expect(page.get_by_text("Activiteit vastgelegd. Goed bezig!")).to_be_visible()
    expect(
        page.get_by_role("link", name="Draaitabel gemaakt van de klachtenlijst", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("Een eerlijke grafiek maken voor het werkoverleg")).to_be_visible()


def test_logging_an_activity_from_the_dashboard_takes_two_taps(page, demo):
    log_in(page, "participant7@demo.example")
    quick = page.get_by_role("region", name="Snel een activiteit vastleggen")
    taps = [
        quick.get_by_role("group", name="Soort").get_by_text("Lezen", exact=True),
        quick.get_by_role("button", name="Vastleggen"),
    ]
    for tap in taps:
        tap.click()
    expect(page.get_by_text("Activiteit vastgelegd. Goed bezig!")).to_be_visible()
    go_to(page, "Activiteiten")
    row = page.get_by_role("row").filter(has_text="Lezen").first
    expect(row).to_contain_text("30")


def test_a_quick_log_with_too_many_minutes_is_announced_and_kept(page, demo):
    log_in(page, "participant4@demo.example")
    quick = page.locator("form", has=page.get_by_role("button", name="Vastleggen"))
    quick.get_by_label("Wat heb je gedaan?").fill("Hele week cursus")
    quick.get_by_label("Minuten").fill("5000")
    quick.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("tussen 1 en 1440").first).to_be_visible()
    expect(page.get_by_label("Wat heb je gedaan?")).to_have_value("Hele week cursus")


def test_a_participant_adopts_a_goal_from_the_plan_without_leaving_the_plan(page, demo):
    log_in(page, "participant8@demo.example")
    pilot = re.search(r"/p/(\d+)/", page.url).group(1)
    page.goto(f"{page.base_url}/p/{pilot}/plan/")
    page.evaluate("window.samePage = true")
    adopt = page.get_by_role("button", name="Neem dit leerdoel over").first
    adopt.click()
    status = page.get_by_role("status").filter(
        has_text="Het leerdoel staat nu bij je eigen doelen."
    )
    expect(status).to_be_visible()
    expect(status).to_be_focused()
    assert page.evaluate("window.samePage") is True
    status.get_by_role("link", name="Bekijk het leerdoel").click()
    expect(page).to_have_url(re.compile(r"/doelen/\d+/$"))

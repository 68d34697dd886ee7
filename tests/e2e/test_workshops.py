import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import go_to, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coach_plans_a_monthly_series(page, demo):
    log_in(page, "coach@demo.example")
    go_to(page, "Bijeenkomsten")
    page.get_by_role("link", name="Maandelijkse reeks plannen").first.click()
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


def test_the_coach_marks_attendance_for_a_past_session(page, demo):
    log_in(page, "coach@demo.example")
    awaiting = page.get_by_role("heading", name="Aanwezigheid nog invullen")
    expect(awaiting).to_be_visible()
    page.locator("#coach-sessions-heading ~ ul").first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Aanwezigheid", exact=True)).to_be_visible()
    # One of four states per person; she came in after the start.
    page.get_by_role("group", name="Amira El Idrissi").get_by_label("te laat").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("Aanwezigheid opgeslagen.")).to_be_visible()


def test_a_participant_signs_up_for_a_session(page, demo):
    log_in(page, "participant1@demo.example")
    go_to(page, "Bijeenkomsten")
    expect(page).to_have_url(re.compile(r"/bijeenkomsten/$"))
    # The first one still open for answers: this month's workshop may be under way right now.
    card = (
        page.locator(".session-cards > li")
        .filter(has_text="Datagedreven werken")
        .filter(has=page.get_by_role("button", name="Ik kom", exact=True))
        .first
    )
    card.get_by_role("button", name="Ik kom", exact=True).click()
    expect(page.get_by_text("Opgeslagen: je komt naar Datagedreven werken op")).to_be_visible()
    expect(card.get_by_text("Je komt.")).to_be_visible()


def test_ik_kom_on_the_dashboard_is_one_tap_that_keeps_the_page_and_the_focus(page, demo):
    log_in(page, "participant2@demo.example")
    page.evaluate("window.samePage = true")
    card = (
        page.locator(".session-cards > li")
        .filter(has=page.get_by_role("button", name="Ik kom", exact=True))
        .first
    )
    title = card.locator("h3 a").inner_text()
    card.get_by_role("button", name="Ik kom", exact=True).click()
    expect(card.get_by_role("status")).to_contain_text(f"Opgeslagen: je komt naar {title} op")
    expect(card.get_by_text("Je komt.")).to_be_visible()
    # No page load: the page, its scroll position and the focus stayed where they were.
    assert page.evaluate("window.samePage") is True
    expect(card.get_by_role("button", name="Ik kom", exact=True)).to_be_focused()
    expect(card.get_by_role("button", name="Ik kom", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )


def test_the_session_pages_have_no_serious_accessibility_problems(page, demo):
    from axe_playwright_python.sync_playwright import Axe

    log_in(page, "participant2@demo.example")
    go_to(page, "Bijeenkomsten")
    problems = []

    def check():
        results = Axe().run(page)
        problems.extend(
            (page.url, v["id"], v["impact"])
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        )

    check()
    page.locator(".session-cards h3 a").first.click()
    expect(page.get_by_role("heading", name="Je antwoord")).to_be_visible()
    check()
    assert problems == []


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_a_participant_checks_in_on_a_phone_by_typing_the_code_without_a_page_load(page, demo):
    from datetime import timedelta

    from proeftuin.models import Membership
    from workshops import services
    from workshops.models import Attendance, Session

    membership = Membership.objects.get(user__email="participant1@demo.example")
    now = timezone.now()
    session = Session.objects.create(
        proeftuin=membership.proeftuin,
        kind="workshop",
        title="Inloop: werken met open data",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(minutes=55),
    )
    code = services.check_in_code(session=session)
    log_in(page, "participant1@demo.example")
    page.evaluate("window.samePage = true")
    card = page.locator(".check-in-card").filter(has_text="Inloop: werken met open data")
    field = card.get_by_label("Code op het scherm in de zaal")
    field.fill(code.lower())
    card.get_by_role("button", name="Inchecken").click()
    expect(card.get_by_role("status")).to_contain_text(
        "Je bent ingecheckt bij Inloop: werken met open data."
    )
    # No page load: the page and the focus stayed where the person was.
    assert page.evaluate("window.samePage") is True
    focused = page.evaluate("document.activeElement.closest('.check-in-area') !== null")
    assert focused, "the focus stays in the check-in part"
    expect(card.get_by_text("Je bent ingecheckt.", exact=True)).to_be_visible()
    assert Attendance.objects.get(session=session, membership=membership).state == "present"

"""A participant asks the coach to confirm a goal as achieved; the coach confirms it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learning.models import SkillGoal

from .conftest import fits_the_screen, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_asks_for_confirmation_and_the_coach_confirms(page, demo):
    goal = (
        SkillGoal.objects.filter(
            membership__user__email="participant3@demo.example",
            status__in=["open", "in_progress"],
        )
        .order_by("pk")
        .first()
    )
    url = page.base_url + reverse("learning:goal", args=[goal.membership.proeftuin_id, goal.pk])

    log_in(page, "participant3@demo.example")
    page.goto(url)
    expect(page.get_by_role("heading", name=goal.statement, level=1)).to_be_visible()
    page.get_by_label("Wat wil je de coach laten weten?").fill("Mijn grafiek staat in de teammap.")
    page.get_by_role("button", name="Vraag de coach om bevestiging").click()
    expect(page.get_by_text("Gevraagd: je coach kijkt ernaar")).to_be_visible()
    expect(page.get_by_text("wacht op de coach")).to_be_visible()
    assert fits_the_screen(page), f"goal page scrolls sideways at {page.viewport_name}"

    page.context.clear_cookies()
    log_in(page, "coach@demo.example")
    page.goto(url)
    expect(page.get_by_text("Mijn grafiek staat in de teammap.")).to_be_visible()
    page.get_by_label("Je toelichting").fill("Helder en eerlijk, mooi gedaan.")
    page.get_by_role("button", name="Bevestigen: behaald").click()
    expect(page.get_by_text("Bevestigd: dit doel telt als behaald")).to_be_visible()
    expect(page.get_by_text("De coach bevestigde op")).to_be_visible()
    assert fits_the_screen(page), f"goal page scrolls sideways at {page.viewport_name}"

"""The coach's inbox page, its menu count and its API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backlog.models import Question
from learning import services as learning
from tests import factories

pytestmark = pytest.mark.django_db


def _question(pilot, text: str = "Wanneer is het druk aan de balie?") -> Question:
    return Question.objects.create(
        proeftuin=pilot.proeftuin, text=text, asked_by="de balie", why="Dan plannen we beter."
    )


def _inbox(pilot) -> str:
    return f"/p/{pilot.proeftuin.pk}/postvak/"


def test_the_coach_sees_what_waits_with_counts_and_links(pilot, client_for):
    question = _question(pilot)
    goal = factories.GoalFactory(membership=pilot.participant, statement="Zelf een draaitabel")
    learning.ask_confirmation(goal=goal)
    response = client_for(pilot.coach).get(_inbox(pilot))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er wachten 2 dingen op je." in page
    assert "Nieuwe vragen in de vragenlijst" in page
    assert f'href="/p/{pilot.proeftuin.pk}/vragen/{question.pk}/"' in page
    assert f'href="/p/{pilot.proeftuin.pk}/doelen/{goal.pk}/"' in page
    assert pilot.participant.user.display_name in page
    assert "Lessen om te beoordelen" not in page  # an empty group is left out


def test_an_empty_inbox_says_so(pilot, client_for):
    page = client_for(pilot.coach).get(_inbox(pilot)).content.decode()
    assert "Er wacht niets op je." in page


def test_the_menu_shows_the_coach_how_much_waits(pilot, client_for):
    _question(pilot)
    _question(pilot, "Wie belt er op vrijdag?")
    page = client_for(pilot.coach).get(f"/p/{pilot.proeftuin.pk}/").content.decode()
    assert f'href="{_inbox(pilot)}">Postvak <span class="badge">2<' in page


@pytest.mark.parametrize("role", ["participant", "director"])
def test_nobody_but_the_coach_has_the_inbox_in_the_menu(pilot, client_for, role):
    _question(pilot)
    client = client_for(getattr(pilot, role))
    response = client.get(f"/p/{pilot.proeftuin.pk}/", follow=True)
    assert response.status_code == 200
    assert "Menu" in response.content.decode()
    assert "postvak/" not in response.content.decode()
    assert client.get(_inbox(pilot)).status_code == 404


def test_another_pilots_coach_gets_not_found(pilot, other_pilot, client_for):
    client = client_for(other_pilot.coach)
    assert client.get(_inbox(pilot)).status_code == 404
    assert client.get(f"/api/v1/pilots/{pilot.proeftuin.pk}/inbox/").status_code == 404


def test_the_api_gives_the_same_groups_with_absolute_links(pilot, client_for, settings):
    settings.SITE_URL = "https://x.test"
    question = _question(pilot)
    data = client_for(pilot.coach).get(f"/api/v1/pilots/{pilot.proeftuin.pk}/inbox/").json()
    assert data["total"] == 1
    groups = {group["kind"]: group for group in data["groups"]}
    assert list(groups) == [
        "confirmations",
        "lessons",
        "attendance",
        "ethics",
        "stories",
        "questions",
    ]
    assert groups["questions"]["count"] == 1
    assert groups["questions"]["items"][0]["title"] == question.text
    assert groups["questions"]["items"][0]["link"] == (
        f"https://x.test/p/{pilot.proeftuin.pk}/vragen/{question.pk}/"
    )


def test_the_page_takes_the_same_queries_for_one_or_many_waiting_items(pilot, client_for):
    client = client_for(pilot.coach)
    _question(pilot)
    lesson = factories.LessonFactory(
        experiment=factories.ExperimentFactory(owner=pilot.participant)
    )
    learning.ask_confirmation(goal=factories.GoalFactory(membership=pilot.participant))
    client.get(_inbox(pilot))  # the session's first request does more
    with CaptureQueriesContext(connection) as few:
        client.get(_inbox(pilot))
    for i in range(5):
        _question(pilot, f"Vraag {i}?")
        factories.LessonFactory(experiment=lesson.experiment)
        learning.ask_confirmation(goal=factories.GoalFactory(membership=pilot.participant))
    with CaptureQueriesContext(connection) as many:
        response = client.get(_inbox(pilot))
    assert "Er wachten 18 dingen op je." in response.content.decode()
    assert len(many) == len(few)

"""The first-run welcome: three sentences and the first action per role, until dismissed."""

import pytest
from django.urls import reverse

from tests.pages import shows

pytestmark = pytest.mark.django_db


def _home(pilot, who, client_for, name):
    return client_for(who).get(reverse(name, args=[pilot.proeftuin.pk])).content.decode()


def test_a_new_participant_is_welcomed_with_the_first_step_set_a_learning_goal(pilot, client_for):
    page = _home(pilot, pilot.participant, client_for, "learning:dashboard")
    assert "Welkom in de proeftuin" in page
    assert "nooit jouw naam" in page
    goal_create = reverse("learning:goal-create", args=[pilot.proeftuin.pk])
    assert f'<a class="button" href="{goal_create}">Stel je eerste leerdoel</a>' in page


def test_a_coach_is_welcomed_with_plan_the_first_session(pilot, client_for):
    page = _home(pilot, pilot.coach, client_for, "proeftuin:pilot-home")
    session_create = reverse("workshops:session-create", args=[pilot.proeftuin.pk])
    assert f'<a class="button" href="{session_create}">Plan je eerste bijeenkomst</a>' in page
    assert "Welkom in de proeftuin" not in page


def test_the_director_is_welcomed_on_the_overview_and_the_coach_is_not_welcomed_there(
    pilot, client_for
):
    assert "Welkom bij het overzicht" in _home(
        pilot, pilot.director, client_for, "proeftuin:overview"
    )
    assert "Welkom bij het overzicht" not in _home(
        pilot, pilot.coach, client_for, "proeftuin:overview"
    )


def test_a_dismissed_welcome_stays_away_and_the_person_lands_on_their_home(pilot, client_for):
    client = client_for(pilot.participant)
    response = client.post(reverse("proeftuin:welcome-dismiss", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])
    assert "Welkom in de proeftuin" not in _home(
        pilot, pilot.participant, client_for, "learning:dashboard"
    )
    # Another participant still gets theirs: one person's dismissal is their own.
    assert "Welkom in de proeftuin" in _home(
        pilot, pilot.other_participant, client_for, "learning:dashboard"
    )


def test_dismissing_needs_a_post(pilot, client_for):
    response = client_for(pilot.participant).get(
        reverse("proeftuin:welcome-dismiss", args=[pilot.proeftuin.pk])
    )
    assert response.status_code == 405
    assert "Welkom in de proeftuin" in _home(
        pilot, pilot.participant, client_for, "learning:dashboard"
    )


def test_the_welcome_speaks_english_to_an_english_reader(pilot, client_for):
    pilot.participant.user.language = "en"
    pilot.participant.user.save()
    page = _home(pilot, pilot.participant, client_for, "learning:dashboard")
    assert shows(page, "Set your first learning goal")
    assert shows(page, "Got it, don't show again")


def test_the_welcome_goes_once_the_first_step_it_names_is_taken(pilot, client_for):
    from tests import factories

    factories.GoalFactory(membership=pilot.participant)
    factories.SessionFactory(proeftuin=pilot.proeftuin)
    assert "Welkom in de proeftuin" not in _home(
        pilot, pilot.participant, client_for, "learning:dashboard"
    )
    assert "Plan je eerste bijeenkomst" not in _home(
        pilot, pilot.coach, client_for, "proeftuin:pilot-home"
    )

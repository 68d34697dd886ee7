"""Ambassadors, the steering group and outside experts, as the one access layer has them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from proeftuin.models import AMBASSADOR, Role
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


@pytest.fixture
def ambassador(pilot):
    pilot.participant.is_ambassador = True
    pilot.participant.save(update_fields=["is_ambassador"])
    return pilot.participant


@pytest.fixture
def lesson(pilot):
    experiment = factories.ExperimentFactory(owner=pilot.participant)
    return factories.LessonFactory(experiment=experiment, text="Vraag het de bezoekers zelf.")


def test_a_proposed_success_story_is_shown_only_after_the_coach_agrees(
    client_for, pilot, ambassador, lesson
):
    response = client_for(ambassador).post(_url("success-story-propose", pilot, lesson.pk))
    assert response.status_code == 302
    colleague = client_for(pilot.other_participant)
    assert "Vraag het de bezoekers zelf." not in colleague.get(_url("success-stories", pilot)).text
    coach_page = client_for(pilot.coach).get(_url("success-stories", pilot)).text
    assert "Vraag het de bezoekers zelf." in coach_page
    client_for(pilot.coach).post(_url("success-story-review", pilot, lesson.pk), {"show": "1"})
    colleague = client_for(pilot.other_participant)
    assert "Vraag het de bezoekers zelf." in colleague.get(_url("success-stories", pilot)).text


def test_a_story_the_coach_sends_back_is_not_shown(pilot, ambassador, lesson):
    services.propose_success_story(ambassador=ambassador, lesson=lesson)
    services.review_success_story(coach=pilot.coach, lesson=lesson, show=False)
    assert list(services.selectors.success_stories(pilot.other_participant)) == []


def test_only_a_participant_holds_the_ambassador_task(pilot):
    pilot.coach.is_ambassador = True
    assert AMBASSADOR not in pilot.coach.holds
    pilot.participant.is_ambassador = True
    assert AMBASSADOR in pilot.participant.holds


@pytest.fixture
def expert(pilot):
    return factories.MembershipFactory(proeftuin=pilot.proeftuin, role=Role.EXPERT)


def _waiting(pilot, title):
    return factories.EthicsReviewFactory(
        experiment=factories.ExperimentFactory(owner=pilot.participant, title=title),
        state="waiting",
        submitted_at=timezone.now(),
    )


def test_an_outside_expert_sees_the_review_they_are_invited_to_and_nothing_else(
    client_for, pilot, expert
):
    invited, other = _waiting(pilot, "Drukte bij de balie"), _waiting(pilot, "Verzuim per team")
    services.invite_expert(coach=pilot.coach, experiment=invited.experiment, expert=expert)
    client = client_for(expert)
    assert client.get(_url("ethics-decide", pilot, invited.experiment_id)).status_code == 200
    assert client.get(_url("ethics-decide", pilot, other.experiment_id)).status_code == 404
    inbox = client.get(_url("ethics-inbox", pilot)).text
    assert "Drukte bij de balie" in inbox and "Verzuim per team" not in inbox
    assert client.get(_url("experiment", pilot, invited.experiment_id)).status_code == 404
    assert client.get(_url("experiments", pilot)).status_code == 404
    home = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert home["Location"] == _url("ethics-inbox", pilot)


def test_an_outside_experts_advice_is_a_step_in_the_history_by_role(pilot, expert):
    review = _waiting(pilot, "Drukte bij de balie")
    services.invite_expert(coach=pilot.coach, experiment=review.experiment, expert=expert)
    services.decide_ethics_review(
        reviewer=expert,
        experiment=review.experiment,
        decision="changes_requested",
        comments={"automated_decisions": "Wie legt de score uit?"},
    )
    assert review.steps.get().actor_role == "expert"


def test_a_steering_group_member_sees_the_overview_and_no_one_by_name(client_for, pilot):
    member = factories.MembershipFactory(proeftuin=pilot.proeftuin, role=Role.STEERING)
    client = client_for(member)
    home = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert home["Location"] == reverse("proeftuin:overview", args=[pilot.proeftuin.pk])
    assert client.get(home["Location"]).status_code == 200
    assert client.get(_url("participants", pilot)).status_code == 404

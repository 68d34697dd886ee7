"""The ambition and the plan: setting them, their rules, adopting a goal, the progress."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import SkillGoal
from proeftuin.measurement import plan as plans
from proeftuin.models import Ambition, Commitment, MeasurementRound, PlanAction
from tests import factories

pytestmark = pytest.mark.django_db


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def ambition_form(**extra) -> dict:
    data = {
        "hours_per_participant_per_month": "4",
        "budget_euros": "2500",
        "data_analysis__target_stage": "3",
        "data_analysis__target_on": days(120).isoformat(),
        "data_analysis__why": "We willen onze wachttijden zelf kunnen verklaren.",
    }
    data.update(extra)
    return data


def action_form(pilot, **extra) -> dict:
    data = {
        "dimension": "data_analysis",
        "text": "Elke maand één vraag met gegevens onderzoeken",
        "owner_id": str(pilot.participant.pk),
        "due_on": days(30).isoformat(),
        "status": "open",
    }
    data.update(extra)
    return data


def test_the_director_sets_an_ambition_with_time_and_money(pilot, client_for):
    url = reverse("proeftuin:plan-ambition", args=[pilot.proeftuin.pk])
    response = client_for(pilot.director).post(url, ambition_form())
    assert response.status_code == 302
    ambition = Ambition.objects.get(proeftuin=pilot.proeftuin)
    assert (ambition.dimension, ambition.target_stage) == ("data_analysis", 3)
    commitment = Commitment.objects.get(proeftuin=pilot.proeftuin)
    assert commitment.hours_per_participant_per_month == Decimal("4.0")
    assert commitment.budget_euros == 2500


def test_a_target_date_before_the_pilot_is_refused_on_its_field_and_nothing_is_saved(
    pilot, client_for
):
    url = reverse("proeftuin:plan-ambition", args=[pilot.proeftuin.pk])
    before = (pilot.proeftuin.starts_on - timedelta(days=1)).isoformat()
    response = client_for(pilot.coach).post(
        url,
        ambition_form(
            learning_and_change__target_stage="4",
            learning_and_change__target_on=before,
            learning_and_change__why="Leren hoort bij het werk.",
        ),
    )
    assert response.status_code == 400
    assert "learning_and_change__target_on" in response.context["form"].errors
    assert not Ambition.objects.exists() and not Commitment.objects.exists()


def test_a_target_stage_outside_one_to_five_is_refused_by_the_service(pilot):
    with pytest.raises(plans.PlanInvalid) as refused:
        plans.save_ambition(
            proeftuin=pilot.proeftuin,
            targets=[plans.Target("public_value", 6, days(100), "Omdat het kan.")],
            hours_per_participant_per_month=2,
            budget_euros=0,
        )
    assert refused.value.errors == {
        "public_value__target_stage": "Kies een fase van 1 tot en met 5."
    }


def test_an_ambition_needs_a_sentence_of_why(pilot):
    with pytest.raises(plans.PlanInvalid) as refused:
        plans.save_ambition(
            proeftuin=pilot.proeftuin,
            targets=[plans.Target("public_value", 3, days(100), "  ")],
            hours_per_participant_per_month=2,
            budget_euros=0,
        )
    assert set(refused.value.errors) == {"public_value__why"}


def test_an_action_owned_by_someone_outside_the_pilot_is_refused_on_the_owner_field(
    pilot, other_pilot, client_for
):
    url = reverse("proeftuin:plan-action-create", args=[pilot.proeftuin.pk])
    response = client_for(pilot.coach).post(
        url, action_form(pilot, owner_id=str(other_pilot.participant.pk))
    )
    assert response.status_code == 400
    assert response.context["form"].errors["owner_id"] == [
        "Kies iemand die meedoet aan deze proeftuin."
    ]
    assert not PlanAction.objects.exists()


def test_an_action_without_an_owner_is_refused_on_the_owner_field(pilot):
    with pytest.raises(plans.PlanInvalid) as refused:
        plans.save_action(
            proeftuin=pilot.proeftuin,
            dimension="data_analysis",
            text="Iets doen",
            owner_id=None,
            due_on=days(10),
        )
    assert set(refused.value.errors) == {"owner"}


def test_an_action_carried_by_a_session_and_a_goal_at_once_is_refused(pilot):
    session = factories.SessionFactory(proeftuin=pilot.proeftuin)
    skill = factories.SkillFactory(organisation=pilot.proeftuin.organisation)
    with pytest.raises(plans.PlanInvalid) as refused:
        plans.save_action(
            proeftuin=pilot.proeftuin,
            dimension="data_analysis",
            text="Iets doen",
            owner_id=pilot.coach.pk,
            due_on=days(10),
            session_id=session.pk,
            skill_id=skill.pk,
        )
    assert set(refused.value.errors) == {"session"}


def test_an_action_marked_done_keeps_the_day_it_was_done(pilot):
    action = plans.save_action(
        proeftuin=pilot.proeftuin,
        dimension="public_value",
        text="AVG-lunchlezing",
        owner_id=pilot.coach.pk,
        due_on=days(10),
        status="done",
        today=days(-3),
    )
    plans.save_action(
        proeftuin=pilot.proeftuin,
        action=action,
        dimension="public_value",
        text="AVG-lunchlezing (met casus)",
        owner_id=pilot.coach.pk,
        due_on=days(10),
        status="done",
    )
    action.refresh_from_db()
    assert action.done_on == days(-3)


def test_an_action_from_the_advice_starts_with_its_text_and_skill(pilot, client_for):
    skill = factories.SkillFactory(organisation=pilot.proeftuin.organisation, key="onderzoeksvraag")
    url = reverse("proeftuin:plan-action-create", args=[pilot.proeftuin.pk])
    response = client_for(pilot.coach).get(url + "?dimension=data_analysis&stage=2&action=0")
    form = response.context["form"]
    assert form.initial["text"] == (
        "Spreek af dat het team elke maand één vraag met gegevens onderzoekt."
    )
    assert form.initial["skill_id"] == skill.pk


def test_a_participant_adopts_the_proposed_goal_in_one_step_and_twice_gives_one_goal(
    pilot, client_for
):
    skill = factories.SkillFactory(organisation=pilot.proeftuin.organisation)
    action = plans.save_action(
        proeftuin=pilot.proeftuin,
        dimension="data_analysis",
        text="Iedereen leert draaitabellen",
        owner_id=pilot.coach.pk,
        due_on=days(45),
        skill_id=skill.pk,
        goal_statement="Zelf een draaitabel maken",
    )
    client = client_for(pilot.participant)
    url = reverse("proeftuin:plan-action-adopt", args=[pilot.proeftuin.pk, action.pk])
    assert client.post(url).status_code == 302
    client.post(url)
    goal = SkillGoal.objects.get(membership=pilot.participant)
    assert (goal.skill, goal.statement, goal.due_on) == (
        skill,
        "Zelf een draaitabel maken",
        days(45),
    )


def test_adopting_by_htmx_answers_in_the_actions_place_with_a_link_to_the_new_goal(
    pilot, client_for
):
    skill = factories.SkillFactory(organisation=pilot.proeftuin.organisation)
    action = plans.save_action(
        proeftuin=pilot.proeftuin,
        dimension="data_analysis",
        text="Iedereen leert draaitabellen",
        owner_id=pilot.coach.pk,
        due_on=days(45),
        skill_id=skill.pk,
    )
    client = client_for(pilot.participant)
    plan_page = client.get(reverse("proeftuin:plan", args=[pilot.proeftuin.pk])).content.decode()
    assert f'hx-target="#adopt-{action.pk}"' in plan_page
    url = reverse("proeftuin:plan-action-adopt", args=[pilot.proeftuin.pk, action.pk])
    response = client.post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    goal = SkillGoal.objects.get(membership=pilot.participant)
    assert response.status_code == 200 and "<html" not in html
    assert f'<div id="adopt-{action.pk}">' in html
    assert "Het leerdoel staat nu bij je eigen doelen." in html
    assert reverse("learning:goal", args=[pilot.proeftuin.pk, goal.pk]) in html
    # Said in its place, so not again on the next page.
    next_page = client.get(reverse("proeftuin:plan", args=[pilot.proeftuin.pk]))
    assert "Het leerdoel staat nu bij je eigen doelen." not in next_page.content.decode()


def test_the_plan_shows_the_ambition_against_the_rounds_and_the_time_against_the_hours(
    pilot, client_for
):
    proeftuin = pilot.proeftuin
    closed = factories.MeasurementRoundFactory(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=days(-30),
        closes_on=days(-10),
    )
    for person in (pilot.participant, pilot.other_participant, pilot.third_participant):
        factories.MaturityAssessmentFactory(
            membership=person, round=closed, stages={"data_analysis": 2}
        )
        factories.ActivityFactory(membership=person, minutes=90, on=days(-5))
    plans.save_ambition(
        proeftuin=proeftuin,
        targets=[plans.Target("data_analysis", 3, days(100), "Omdat we het willen weten.")],
        hours_per_participant_per_month=2,
        budget_euros=1000,
    )
    progress = plans.ambition_progress(proeftuin)
    row = next(r for r in progress.rows if r.dimension == "data_analysis")
    assert row.latest.value == 2.0 and row.reached is False
    assert progress.hours_logged.value == 4.5
    assert progress.hours_committed == 2 * 3 * plans.months_begun(proeftuin, days(0))
    page = client_for(pilot.participant).get(reverse("proeftuin:plan", args=[proeftuin.pk]))
    assert "Gelogd: 4,5 uur." in page.content.decode()


def test_hours_logged_by_fewer_people_than_the_group_size_are_hidden(pilot):
    factories.ActivityFactory(membership=pilot.participant, minutes=60, on=days(-2))
    progress = plans.ambition_progress(pilot.proeftuin)
    assert progress.hours_logged.suppressed

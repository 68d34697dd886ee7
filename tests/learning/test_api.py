import json
from datetime import timedelta

import pytest
from django.utils import timezone

from learning.models import (
    EthicsReview,
    GoalCheckIn,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _api(pilot, path=""):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def _goal(for_skill, **overrides):
    return {
        "skill": for_skill.pk,
        "statement": "Zelf een draaitabel maken",
        "start_level": 1,
        "target_level": 3,
        "due_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
        **overrides,
    }


def _activity(**overrides):
    return {"kind": "lunch_lecture", "minutes": 45, "title": "Lunchlezing over de AVG", **overrides}


# --- goals ---------------------------------------------------------------------------------


def test_a_participant_sets_a_goal_through_the_api(client_for, pilot, skill):
    response = _post(client_for(pilot.participant), _api(pilot, "goals/"), _goal(skill))
    assert response.status_code == 201
    body = response.json()
    assert body["statement"] == "Zelf een draaitabel maken"
    assert body["current_level"] == 1
    assert body["check_ins"] == []
    assert SkillGoal.objects.get().membership == pilot.participant


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"target_level": 1}, "target_level"),
        ({"target_level": 7}, "target_level"),
        ({"start_level": 0}, "start_level"),
        ({"due_on": "2000-01-01"}, "due_on"),
        ({"due_on": "2999-01-01"}, "due_on"),
        ({"statement": ""}, "statement"),
        ({"skill": 999999}, "skill"),
    ],
)
def test_bad_goal_input_is_a_400_naming_the_field_and_writes_nothing(
    client_for, pilot, skill, overrides, field
):
    response = _post(
        client_for(pilot.participant), _api(pilot, "goals/"), _goal(skill, **overrides)
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not SkillGoal.objects.exists()


def test_a_goal_on_a_skill_of_another_organisation_is_a_400_on_skill(
    client_for, pilot, other_skill
):
    response = _post(client_for(pilot.participant), _api(pilot, "goals/"), _goal(other_skill))
    assert response.status_code == 400
    assert "skill" in response.json()
    assert not SkillGoal.objects.exists()


def test_a_check_in_through_the_api_shows_up_nested_in_the_goal(client_for, pilot, goal):
    client = client_for(pilot.participant)
    response = _post(
        client, _api(pilot, f"goals/{goal.pk}/check-ins/"), {"level": 2, "note": "Gelukt"}
    )
    assert response.status_code == 201
    body = client.get(_api(pilot, f"goals/{goal.pk}/")).json()
    assert body["current_level"] == 2
    assert body["status"] == "in_progress"
    assert [c["note"] for c in body["check_ins"]] == ["Gelukt"]


def test_a_check_in_in_the_future_is_a_400_on_on(client_for, pilot, goal):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _post(
        client_for(pilot.participant),
        _api(pilot, f"goals/{goal.pk}/check-ins/"),
        {"level": 2, "on": tomorrow},
    )
    assert response.status_code == 400
    assert "on" in response.json()
    assert not GoalCheckIn.objects.exists()


def test_closing_a_goal_with_another_status_is_a_400(client_for, pilot, goal):
    response = _post(
        client_for(pilot.participant), _api(pilot, f"goals/{goal.pk}/close/"), {"status": "open"}
    )
    assert response.status_code == 400
    assert "status" in response.json()


def test_a_partial_goal_update_keeps_the_rules(client_for, pilot, goal):
    client = client_for(pilot.participant)
    url = _api(pilot, f"goals/{goal.pk}/")
    bad = client.patch(url, data=json.dumps({"target_level": 1}), content_type="application/json")
    assert bad.status_code == 400 and "target_level" in bad.json()
    ok = client.patch(url, data=json.dumps({"target_level": 5}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["target_level"] == 5


def test_deleting_a_goal_through_the_api_keeps_its_activities(client_for, pilot, goal):
    activity = factories.ActivityFactory(membership=pilot.participant)
    activity.goals.add(goal)
    response = client_for(pilot.participant).delete(_api(pilot, f"goals/{goal.pk}/"))
    assert response.status_code == 204
    assert LearningActivity.objects.filter(pk=activity.pk).exists()


def test_the_coach_comments_through_the_api_and_the_comment_is_nested(client_for, pilot, goal):
    response = _post(
        client_for(pilot.coach), _api(pilot, f"goals/{goal.pk}/comments/"), {"text": "Top"}
    )
    assert response.status_code == 201
    assert [c["text"] for c in response.json()["comments"]] == ["Top"]


def test_the_coach_lists_goals_of_all_participants_and_filters_by_participant(
    client_for, pilot, goal
):
    factories.GoalFactory(membership=pilot.other_participant)
    client = client_for(pilot.coach)
    assert client.get(_api(pilot, "goals/")).json()["count"] == 2
    only = client.get(_api(pilot, f"goals/?participant={pilot.participant.pk}")).json()
    assert [g["id"] for g in only["results"]] == [goal.pk]


def test_goals_filter_by_status_and_skill(client_for, pilot, goal, skill):
    factories.GoalFactory(membership=pilot.participant, status="achieved")
    client = client_for(pilot.participant)
    assert client.get(_api(pilot, "goals/?status=achieved")).json()["count"] == 1
    assert client.get(_api(pilot, f"goals/?skill={skill.pk}")).json()["count"] == 1


# --- activities ----------------------------------------------------------------------------


def test_a_participant_logs_an_activity_through_the_api_dated_today_by_default(
    client_for, pilot, skill, goal
):
    response = _post(
        client_for(pilot.participant),
        _api(pilot, "activities/"),
        _activity(skills=[skill.pk], goals=[goal.pk]),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["on"] == timezone.localdate().isoformat()
    assert body["skills"] == [skill.pk] and body["goals"] == [goal.pk]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"on": "2999-01-01"}, "on"),
        ({"kind": "feest"}, "kind"),
        ({"title": ""}, "title"),
        ({"evidence_url": "geen link"}, "evidence_url"),
    ],
)
def test_bad_activity_input_is_a_400_naming_the_field_and_writes_nothing(
    client_for, pilot, overrides, field
):
    response = _post(
        client_for(pilot.participant), _api(pilot, "activities/"), _activity(**overrides)
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not LearningActivity.objects.exists()


def test_an_activity_cannot_link_another_organisations_skill_or_someone_elses_goal(
    client_for, pilot, other_skill
):
    other_goal = factories.GoalFactory(membership=pilot.other_participant)
    client = client_for(pilot.participant)
    response = _post(client, _api(pilot, "activities/"), _activity(skills=[other_skill.pk]))
    assert response.status_code == 400 and "skills" in response.json()
    response = _post(client, _api(pilot, "activities/"), _activity(goals=[other_goal.pk]))
    assert response.status_code == 400 and "goals" in response.json()
    assert not LearningActivity.objects.exists()


def test_activities_filter_by_date_range_kind_and_skill(client_for, pilot, skill):
    today = timezone.localdate()
    old = factories.ActivityFactory(membership=pilot.participant, on=today - timedelta(days=40))
    new = factories.ActivityFactory(membership=pilot.participant, on=today, kind="course")
    new.skills.add(skill)
    client = client_for(pilot.participant)

    def ids(query):
        return [a["id"] for a in client.get(_api(pilot, "activities/?" + query)).json()["results"]]

    since = (today - timedelta(days=7)).isoformat()
    assert ids(f"date_from={since}") == [new.pk]
    assert ids(f"date_to={since}") == [old.pk]
    assert ids("kind=course") == [new.pk]
    assert ids(f"skill={skill.pk}") == [new.pk]


def test_the_activity_list_is_paginated(client_for, pilot):
    factories.ActivityFactory.create_batch(55, membership=pilot.participant)
    body = client_for(pilot.participant).get(_api(pilot, "activities/")).json()
    assert body["count"] == 55
    assert len(body["results"]) == 50
    assert body["next"]


def test_a_partial_activity_update_keeps_its_links(client_for, pilot, skill):
    activity = factories.ActivityFactory(membership=pilot.participant)
    activity.skills.add(skill)
    response = client_for(pilot.participant).patch(
        _api(pilot, f"activities/{activity.pk}/"),
        data=json.dumps({"minutes": 90}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["minutes"] == 90
    assert response.json()["skills"] == [skill.pk]


# --- experiments ---------------------------------------------------------------------------


def _experiment(**overrides):
    today = timezone.localdate().isoformat()
    return {
        "title": "Wachttijd aan de balie",
        "question": "Drukker op maandag?",
        "planned_start": today,
        "planned_end": today,
        **overrides,
    }


def test_an_experiment_with_an_approved_review_runs_and_takes_lessons(client_for, pilot):
    client = client_for(pilot.participant)
    response = _post(
        client,
        _api(pilot, "experiments/"),
        _experiment(status="planned", co_members=[pilot.other_participant.pk]),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["ethics_review"] == {"state": "draft", "approved": False}
    assert body["co_members"] == [pilot.other_participant.pk]
    EthicsReview.objects.filter(experiment_id=body["id"]).update(state="approved")
    started = client.patch(
        _api(pilot, f"experiments/{body['id']}/"),
        data=json.dumps({"status": "running"}),
        content_type="application/json",
    )
    assert started.status_code == 200
    assert started.json()["ethics_review"]["approved"] is True
    lesson = _post(
        client,
        _api(pilot, f"experiments/{body['id']}/lessons/"),
        {"kind": "good_practice", "dimension": "public_value", "text": "Vraag eerst toestemming"},
    )
    assert lesson.status_code == 201
    assert Lesson.objects.get().proeftuin == pilot.proeftuin


def test_an_experiment_ending_before_it_starts_is_a_400_on_planned_end(client_for, pilot):
    response = _post(
        client_for(pilot.participant),
        _api(pilot, "experiments/"),
        _experiment(planned_end="2000-01-01"),
    )
    assert response.status_code == 400 and "planned_end" in response.json()


def test_experiments_filter_by_status(client_for, pilot, experiment):
    factories.ExperimentFactory(owner=pilot.participant, status="done")
    body = client_for(pilot.participant).get(_api(pilot, "experiments/?status=done")).json()
    assert body["count"] == 1 and body["results"][0]["status"] == "done"


# --- skills --------------------------------------------------------------------------------


def test_the_coach_adds_and_retires_a_skill_through_the_api(client_for, pilot):
    client = client_for(pilot.coach)
    response = _post(
        client, _api(pilot, "skills/"), {"dimension": "public_value", "name": "Open data"}
    )
    assert response.status_code == 201
    skill_id = response.json()["id"]
    client.patch(
        _api(pilot, f"skills/{skill_id}/"),
        data=json.dumps({"is_active": False}),
        content_type="application/json",
    )
    assert not Skill.objects.get(pk=skill_id).is_active


def test_a_skill_with_an_unknown_dimension_is_a_400(client_for, pilot):
    response = _post(
        client_for(pilot.coach), _api(pilot, "skills/"), {"dimension": "x", "name": "Y"}
    )
    assert response.status_code == 400 and "dimension" in response.json()
    assert not Skill.objects.exists()


def test_the_skill_list_shows_only_the_organisations_skills(client_for, pilot, skill, other_skill):
    body = client_for(pilot.participant).get(_api(pilot, "skills/")).json()
    assert [s["id"] for s in body["results"]] == [skill.pk]


# --- schema --------------------------------------------------------------------------------


def test_the_openapi_schema_documents_the_learning_endpoints_with_examples(client_for, pilot):
    response = client_for(pilot.coach).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = schema["paths"]
    for path in ("skills/", "goals/", "goals/{id}/check-ins/", "activities/", "experiments/"):
        assert f"/api/v1/pilots/{{pilot}}/{path}" in paths
    create = paths["/api/v1/pilots/{pilot}/activities/"]["post"]
    assert "examples" in create["requestBody"]["content"]["application/json"]
    listing = paths["/api/v1/pilots/{pilot}/activities/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"date_from", "date_to", "kind", "skill", "page"} <= names


@pytest.mark.parametrize("bad", ["ja", "-5", ""])
def test_a_yes_no_filter_takes_only_true_or_false(client_for, pilot, skill, bad):
    client = client_for(pilot.participant)
    assert client.get(_api(pilot, "skills/"), {"is_active": "false"}).status_code == 200
    response = client.get(_api(pilot, "skills/"), {"is_active": bad})
    assert response.status_code == 400
    assert response.json() == {"is_active": ["Gebruik true of false."]}


def test_an_empty_page_number_is_not_page_one(client_for, pilot):
    client = client_for(pilot.participant)
    assert client.get(_api(pilot, "activities/"), {"page": "1"}).status_code == 200
    assert client.get(_api(pilot, "activities/"), {"page": ""}).status_code == 404

"""The permission matrix of every learning API endpoint."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

WHO = ["owner", "other_participant", "coach", "director", "outsider_participant", "outsider_coach"]
BASE = "/api/v1/pilots/{pilot}/"


def _person(who, pilot, other_pilot):
    return {
        "owner": pilot.participant,
        "other_participant": pilot.other_participant,
        "coach": pilot.coach,
        "director": pilot.director,
        "outsider_participant": other_pilot.participant,
        "outsider_coach": other_pilot.coach,
    }[who]


def _bodies(skill):
    today = timezone.localdate().isoformat()
    return {
        "skill": {"dimension": "data_analysis", "name": "Open data"},
        "goal": {
            "skill": skill.pk,
            "statement": "Draaitabellen",
            "start_level": 1,
            "target_level": 2,
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
        "activity": {"kind": "reading", "minutes": 20, "title": "Artikel gelezen", "on": today},
        "experiment": {
            "title": "Balie",
            "question": "Drukker op maandag?",
            "planned_start": today,
            "planned_end": today,
        },
        "check_in": {"level": 2, "note": "beter"},
        "close": {"status": "achieved"},
        "comment": {"text": "Goed bezig"},
        "lesson": {"kind": "pitfall", "dimension": "data_analysis", "text": "Te kort gemeten"},
        "none": None,
    }


READ_ALL_MEMBERS = {"owner": 200, "other_participant": 200, "coach": 200}
OWNER_AND_COACH = {"owner": 200, "coach": 200}
PARTICIPANT_WRITES = {"owner": 201, "other_participant": 201, "coach": 403}
OWNER_WRITES = {"owner": 200, "coach": 403}
OWNER_DELETES = {"owner": 204, "coach": 403}
OWNER_ADDS = {"owner": 201, "coach": 403}
COACH_EDITS = {"coach": 200, "owner": 403, "other_participant": 403}

ENDPOINTS = [
    ("get", "skills/", "none", READ_ALL_MEMBERS),
    ("get", "skills/{skill}/", "none", READ_ALL_MEMBERS),
    ("post", "skills/", "skill", {"coach": 201, "owner": 403, "other_participant": 403}),
    ("patch", "skills/{skill}/", "skill", COACH_EDITS),
    ("get", "goals/", "none", READ_ALL_MEMBERS),
    ("get", "goals/{goal}/", "none", OWNER_AND_COACH),
    ("post", "goals/", "goal", PARTICIPANT_WRITES),
    ("patch", "goals/{goal}/", "goal", OWNER_WRITES),
    ("delete", "goals/{goal}/", "none", OWNER_DELETES),
    ("post", "goals/{goal}/check-ins/", "check_in", OWNER_ADDS),
    ("post", "goals/{goal}/close/", "close", OWNER_WRITES),
    (
        "post",
        "goals/{goal}/comments/",
        "comment",
        {"coach": 201, "owner": 403, "other_participant": 403},
    ),
    ("get", "activities/", "none", READ_ALL_MEMBERS),
    ("get", "activities/{activity}/", "none", OWNER_AND_COACH),
    ("post", "activities/", "activity", PARTICIPANT_WRITES),
    ("patch", "activities/{activity}/", "activity", OWNER_WRITES),
    ("delete", "activities/{activity}/", "none", OWNER_DELETES),
    ("get", "experiments/", "none", READ_ALL_MEMBERS),
    ("get", "experiments/{experiment}/", "none", OWNER_AND_COACH),
    ("post", "experiments/", "experiment", PARTICIPANT_WRITES),
    ("patch", "experiments/{experiment}/", "experiment", OWNER_WRITES),
    ("delete", "experiments/{experiment}/", "none", OWNER_DELETES),
    ("post", "experiments/{experiment}/lessons/", "lesson", OWNER_ADDS),
]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"),
    ENDPOINTS,
    ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS],
)
def test_each_learning_endpoint_answers_only_the_people_allowed(
    client_for,
    pilot,
    other_pilot,
    skill,
    goal,
    activity,
    experiment,
    who,
    method,
    path,
    body,
    allowed,
):
    url = (BASE + path).format(
        pilot=pilot.proeftuin.pk,
        skill=skill.pk,
        goal=goal.pk,
        activity=activity.pk,
        experiment=experiment.pk,
    )
    client = client_for(_person(who, pilot, other_pilot))
    data = _bodies(skill)[body]
    kwargs = {"content_type": "application/json"}
    if data is not None:
        kwargs["data"] = json.dumps(data)
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == allowed.get(who, 404), response.content[:300]


def test_an_anonymous_caller_gets_no_data(client, pilot, goal):
    response = client.get(BASE.format(pilot=pilot.proeftuin.pk) + "goals/")
    assert response.status_code in (401, 403)


def test_an_outsider_asking_through_their_own_pilot_cannot_reach_our_objects(
    client_for, pilot, other_pilot, goal, activity, experiment
):
    client = client_for(other_pilot.coach)
    base = BASE.format(pilot=other_pilot.proeftuin.pk)
    for path in (
        f"goals/{goal.pk}/",
        f"activities/{activity.pk}/",
        f"experiments/{experiment.pk}/",
    ):
        assert client.get(base + path).status_code == 404
    assert client.get(base + "goals/").json()["count"] == 0


def test_a_shared_experiment_is_readable_but_not_writable_by_the_colleague(
    client_for, pilot, experiment
):
    experiment.co_members.add(pilot.other_participant)
    client = client_for(pilot.other_participant)
    url = BASE.format(pilot=pilot.proeftuin.pk) + f"experiments/{experiment.pk}/"
    assert client.get(url).status_code == 200
    response = client.patch(url, data=json.dumps({"title": "X"}), content_type="application/json")
    assert response.status_code == 404

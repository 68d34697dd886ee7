"""The measurement API: rounds, my answers, the round report and the plan, with the pages' rules."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from proeftuin.models import AssessmentDraft, MaturityAssessment, MeasurementRound, PlanAction
from tests import factories
from tests.conftest import make_pilot
from tests.proeftuin.measurement.known_pilot import DATA, answer, days

pytestmark = pytest.mark.django_db


def _api(pilot, path=""):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


def _send(client, method, url, data):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def open_round(pilot):
    return factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin, kind=MeasurementRound.Kind.BASELINE
    )


def test_the_rounds_of_the_pilot_are_listed_with_whether_they_are_open(
    pilot, open_round, client_for
):
    rows = client_for(pilot.participant).get(_api(pilot, "rounds/")).json()
    assert [(r["id"], r["is_open"]) for r in rows] == [(open_round.pk, True)]


def test_a_participant_answers_a_dimension_and_reads_it_back(pilot, open_round, client_for):
    client = client_for(pilot.participant)
    url = _api(pilot, f"rounds/{open_round.pk}/answers/")
    row = {"dimension": DATA, "organisation": 3, "self": 2, "note": "Meer tabellen"}
    response = _send(client, "put", url, {"answers": [row]})
    assert response.status_code == 200
    assert response.json() == {"complete": False, "answers": [row]}
    assert client.get(url).json()["answers"] == [row]
    assert not MaturityAssessment.objects.exists()  # three dimensions to go


@pytest.mark.parametrize("method", ["post", "delete", "patch", "options"])
def test_a_method_the_answers_lack_is_a_405_to_the_participant_and_a_404_to_others(
    pilot, open_round, client_for, method
):
    url = _api(pilot, f"rounds/{open_round.pk}/answers/")
    expected = 200 if method == "options" else 405
    assert _send(client_for(pilot.participant), method, url, {}).status_code == expected
    assert _send(client_for(pilot.director), method, url, {}).status_code == 404
    assert not MaturityAssessment.objects.exists()


def test_answering_all_four_dimensions_through_the_api_completes_the_round(
    pilot, open_round, client_for
):
    rows = [
        {"dimension": d, "organisation": 2, "self": 2}
        for d in ("data_analysis", "learning_and_change", "people_and_organisation")
    ] + [{"dimension": "public_value", "organisation": 4, "self": 4}]
    response = _send(
        client_for(pilot.participant),
        "put",
        _api(pilot, f"rounds/{open_round.pk}/answers/"),
        {"answers": rows},
    )
    assert response.json()["complete"] is True
    assert MaturityAssessment.objects.get(membership=pilot.participant).answers.count() == 8


def test_answering_a_closed_round_is_a_400_and_nothing_is_saved(pilot, client_for):
    closed = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=days(-20),
        closes_on=days(-1),
    )
    response = _send(
        client_for(pilot.participant),
        "put",
        _api(pilot, f"rounds/{closed.pk}/answers/"),
        {"answers": [{"dimension": DATA, "organisation": 3, "self": 3}]},
    )
    assert response.status_code == 400
    assert "gesloten" in json.dumps(response.json(), ensure_ascii=False)
    assert not AssessmentDraft.objects.exists()


def test_a_stage_out_of_range_is_a_400_naming_the_field(pilot, open_round, client_for):
    response = _send(
        client_for(pilot.participant),
        "put",
        _api(pilot, f"rounds/{open_round.pk}/answers/"),
        {"answers": [{"dimension": DATA, "organisation": 3, "self": 9}]},
    )
    assert response.status_code == 400
    assert "self" in response.json()["answers"][0]


def test_the_report_hides_what_the_page_hides(client_for):
    pilot = make_pilot(min_group_size=3)
    closed = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=days(-20),
        closes_on=days(-1),
    )
    answer(pilot.participant, closed, {DATA: 4})
    answer(pilot.other_participant, closed, {DATA: 4})
    body = client_for(pilot.director).get(_api(pilot, f"rounds/{closed.pk}/report/")).json()
    assert body["respondents"]["value"] is None
    assert body["respondents"]["people"] is None
    data = next(d for d in body["dimensions"] if d["dimension"] == DATA)
    assert all(cell["value"] is None and cell["reason"] for cell in data["organisation"])
    assert data["median_organisation"]["value"] is None


def test_the_report_shows_the_medians_of_a_known_pilot(known, client_for):
    pilot, _baseline, follow_up = known
    body = client_for(pilot.coach).get(_api(pilot, f"rounds/{follow_up.pk}/report/")).json()
    data = next(d for d in body["dimensions"] if d["dimension"] == DATA)
    assert data["median_organisation"]["value"] == 3


def test_the_report_of_an_open_round_is_not_found(pilot, open_round, client_for):
    answer(pilot.participant, open_round, {})
    url = _api(pilot, f"rounds/{open_round.pk}/report/")
    assert client_for(pilot.coach).get(url).status_code == 404


def test_the_coach_closes_a_round_through_the_api_and_its_report_is_there(
    pilot, open_round, client_for
):
    answer(pilot.participant, open_round, {})
    AssessmentDraft.objects.create(round=open_round, membership=pilot.other_participant)
    client = client_for(pilot.coach)
    response = client.post(_api(pilot, f"rounds/{open_round.pk}/close/"))
    assert response.status_code == 200
    assert response.json()["is_open"] is False
    assert response.json()["closes_on"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert not AssessmentDraft.objects.exists()  # unfinished steps cannot become an answer
    assert client.get(_api(pilot, f"rounds/{open_round.pk}/report/")).status_code == 200


def test_closing_a_closed_round_through_the_api_is_a_400_that_says_why(
    pilot, open_round, client_for
):
    client = client_for(pilot.coach)
    client.post(_api(pilot, f"rounds/{open_round.pk}/close/"))
    response = client.post(_api(pilot, f"rounds/{open_round.pk}/close/"))
    assert response.status_code == 400
    assert "Alleen een open meetronde kan worden gesloten." in json.dumps(
        response.json(), ensure_ascii=False
    )


def _action(w, **overrides):
    return {
        "dimension": DATA,
        "text": "Elke maand een vraag",
        "owner_id": w.participant.pk,
        "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **overrides,
    }


def test_the_director_adds_an_action_to_the_plan_and_members_read_it(pilot, client_for):
    response = _send(
        client_for(pilot.director), "post", _api(pilot, "plan/actions/"), _action(pilot)
    )
    assert response.status_code == 201
    plan = client_for(pilot.participant).get(_api(pilot, "plan/")).json()
    assert [a["text"] for a in plan["actions"]] == ["Elke maand een vraag"]


def test_an_action_owned_outside_the_pilot_is_a_400_naming_the_owner(
    pilot, other_pilot, client_for
):
    response = _send(
        client_for(pilot.coach),
        "post",
        _api(pilot, "plan/actions/"),
        _action(pilot, owner_id=other_pilot.participant.pk),
    )
    assert response.status_code == 400
    assert "owner" in response.json()
    assert not PlanAction.objects.exists()


def test_a_participant_cannot_add_an_action(pilot, client_for):
    response = _send(
        client_for(pilot.participant), "post", _api(pilot, "plan/actions/"), _action(pilot)
    )
    assert response.status_code == 404


def _ambition(**overrides):
    return {
        "ambitions": [
            {
                "dimension": DATA,
                "target_stage": 4,
                "target_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
                "why": "Zelf onze wachttijden verklaren",
            }
        ],
        "hours_per_participant_per_month": "4.0",
        "budget_euros": 2500,
        **overrides,
    }


def test_the_director_sets_the_ambition_through_the_api(pilot, client_for):
    response = _send(client_for(pilot.director), "put", _api(pilot, "plan/"), _ambition())
    assert response.status_code == 200
    body = response.json()
    assert [(a["dimension"], a["target_stage"]) for a in body["ambitions"]] == [(DATA, 4)]
    assert body["budget_euros"] == 2500


def test_an_ambition_date_before_the_pilot_is_a_400_naming_the_field(pilot, client_for):
    late = (pilot.proeftuin.starts_on - timedelta(days=1)).isoformat()
    data = _ambition()
    data["ambitions"][0]["target_on"] = late
    response = _send(client_for(pilot.coach), "put", _api(pilot, "plan/"), data)
    assert response.status_code == 400
    assert f"{DATA}__target_on" in response.json()

"""Another organisation's id and an id that exists nowhere get the same answer, everywhere.

For each input that takes an id (form fields, API fields, query filters, URL parts), the
answer to a foreign id and to a missing id is byte for byte the same once the id itself and
the per-response tokens (CSRF, CSP nonce) are blanked out; otherwise the difference tells the
asker which ids exist in other organisations.
"""

import json
import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from tests import factories
from tests.conftest import make_pilot
from tests.permission_matrix import (
    activity_data,
    experiment_data,
    goal_data,
    series_api_data,
    series_page_data,
    session_api_data,
    session_page_data,
)
from workshops.models import SessionSeries

pytestmark = pytest.mark.django_db

FOREIGN, MISSING = 900001, 900002  # large, so no other number on a page looks like them


@dataclass(frozen=True)
class Input:
    """One id-taking input: `data(world, id)` builds the request around the id."""

    who: str  # "owner" or "coach"
    method: str
    path: str
    data: object = None
    api: bool = True


def _with(build, **fields):
    return lambda world, id_: {**build(world), **{k: v(id_) for k, v in fields.items()}}


def _one(id_):
    return [id_]


def _same(id_):
    return id_


INPUTS = {
    # --- API fields
    "api goal skill": Input(
        "owner", "post", "/api/v1/pilots/{pilot}/goals/", _with(goal_data, skill=_same)
    ),
    "api goal skill (change)": Input(
        "owner", "patch", "/api/v1/pilots/{pilot}/goals/{goal}/", lambda w, id_: {"skill": id_}
    ),
    "api activity skills": Input(
        "owner", "post", "/api/v1/pilots/{pilot}/activities/", _with(activity_data, skills=_one)
    ),
    "api activity goals": Input(
        "owner", "post", "/api/v1/pilots/{pilot}/activities/", _with(activity_data, goals=_one)
    ),
    "api experiment co-members": Input(
        "owner",
        "post",
        "/api/v1/pilots/{pilot}/experiments/",
        _with(experiment_data, co_members=_one),
    ),
    "api session skills": Input(
        "coach", "post", "/api/v1/pilots/{pilot}/sessions/", _with(session_api_data, skills=_one)
    ),
    "api series skills": Input(
        "coach",
        "post",
        "/api/v1/pilots/{pilot}/sessions/series/",
        _with(series_api_data, skills=_one),
    ),
    "api session skills (change)": Input(
        "coach",
        "put",
        "/api/v1/pilots/{pilot}/sessions/{session}/",
        _with(session_api_data, skills=_one),
    ),
    "api attendance": Input(
        "coach",
        "put",
        "/api/v1/pilots/{pilot}/sessions/{past_session}/attendance/",
        lambda w, id_: {"present": [id_]},
    ),
    # --- API query filters
    "api ?series=": Input("coach", "get", "/api/v1/pilots/{pilot}/sessions/?series={id}"),
    "api goals ?skill=": Input("coach", "get", "/api/v1/pilots/{pilot}/goals/?skill={id}"),
    "api goals ?participant=": Input(
        "coach", "get", "/api/v1/pilots/{pilot}/goals/?participant={id}"
    ),
    "api activities ?skill=": Input(
        "coach", "get", "/api/v1/pilots/{pilot}/activities/?skill={id}"
    ),
    "api activities ?goal=": Input("coach", "get", "/api/v1/pilots/{pilot}/activities/?goal={id}"),
    "api experiments ?participant=": Input(
        "coach", "get", "/api/v1/pilots/{pilot}/experiments/?participant={id}"
    ),
    # --- API paths
    "api goal": Input("coach", "get", "/api/v1/pilots/{pilot}/goals/{id}/"),
    "api session": Input("coach", "get", "/api/v1/pilots/{pilot}/sessions/{id}/"),
    "api pilot": Input("coach", "get", "/api/v1/pilots/{id}/goals/"),
    # --- page forms
    "page goal skill": Input(
        "owner", "post", "/p/{pilot}/doelen/nieuw/", _with(goal_data, skill=_same), api=False
    ),
    "page activity skills": Input(
        "owner",
        "post",
        "/p/{pilot}/activiteiten/nieuw/",
        _with(activity_data, skills=_one),
        api=False,
    ),
    "page activity goals": Input(
        "owner",
        "post",
        "/p/{pilot}/activiteiten/nieuw/",
        _with(activity_data, goals=_one),
        api=False,
    ),
    "page experiment co-members": Input(
        "owner",
        "post",
        "/p/{pilot}/experimenten/nieuw/",
        _with(experiment_data, co_members=_one),
        api=False,
    ),
    "page session skills": Input(
        "coach",
        "post",
        "/p/{pilot}/bijeenkomsten/nieuw/",
        _with(session_page_data, skills=_one),
        api=False,
    ),
    "page series skills": Input(
        "coach",
        "post",
        "/p/{pilot}/bijeenkomsten/reeks/",
        _with(series_page_data, skills=_one),
        api=False,
    ),
    "page attendance": Input(
        "coach",
        "post",
        "/p/{pilot}/bijeenkomsten/{past_session}/aanwezigheid/",
        lambda w, id_: {"present": [id_]},
        api=False,
    ),
    # --- page paths
    "page goal": Input("coach", "get", "/p/{pilot}/doelen/{id}/", api=False),
    "page session": Input("coach", "get", "/p/{pilot}/bijeenkomsten/{id}/", api=False),
    "page participant": Input("coach", "get", "/p/{pilot}/deelnemers/{id}/", api=False),
}


@pytest.fixture
def world(db):
    pilot, other = make_pilot(), make_pilot()
    skill = factories.SkillFactory(organisation=pilot.proeftuin.organisation)
    goal = factories.GoalFactory(membership=pilot.participant, skill=skill)
    session = factories.SessionFactory(proeftuin=pilot.proeftuin)
    past_session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    # The foreign objects, one of each kind, all with the same large id.
    foreign_org = other.proeftuin.organisation
    foreign_skill = factories.SkillFactory(pk=FOREIGN, organisation=foreign_org)
    factories.GoalFactory(pk=FOREIGN, membership=other.participant, skill=foreign_skill)
    factories.ParticipantFactory(pk=FOREIGN, proeftuin=other.proeftuin)
    SessionSeries.objects.create(pk=FOREIGN, proeftuin=other.proeftuin, title="R", rule="r")
    factories.SessionFactory(pk=FOREIGN, proeftuin=other.proeftuin)
    factories.ProeftuinFactory(pk=FOREIGN, organisation=foreign_org)
    ids = {
        "pilot": pilot.proeftuin.pk,
        "skill": skill.pk,
        "goal": goal.pk,
        "session": session.pk,
        "past_session": past_session.pk,
    }
    return SimpleNamespace(pilot=pilot, ids=ids)


def _answer(client, spec: Input, world, id_) -> tuple[int, str]:
    path = spec.path.format(id=id_, **world.ids)
    data = spec.data(world, id_) if spec.data else None
    send = getattr(client, spec.method)
    if spec.api:
        body = json.dumps(data) if data is not None else None
        response = send(path, data=body, content_type="application/json")
    else:
        response = send(path, data=data or {})
    text = response.content.decode()
    text = text.replace(str(id_), "<id>")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", text)
    text = re.sub(r'nonce="[^"]+"', "nonce", text)
    return response.status_code, text


@pytest.mark.parametrize("name", list(INPUTS))
def test_a_foreign_id_and_a_missing_id_get_the_same_answer(world, client_for, name):
    spec = INPUTS[name]
    client = client_for(getattr(world.pilot, "participant" if spec.who == "owner" else "coach"))
    foreign = _answer(client, spec, world, FOREIGN)
    missing = _answer(client, spec, world, MISSING)
    assert foreign[0] == missing[0], (foreign[0], missing[0], foreign[1][:300], missing[1][:300])
    assert foreign[1] == missing[1]
    assert foreign[0] < 500


def test_a_foreign_series_filters_the_sessions_to_none_as_an_unknown_one_does(world, client_for):
    client = client_for(world.pilot.coach)
    base = f"/api/v1/pilots/{world.ids['pilot']}/sessions/"
    for series in (FOREIGN, MISSING):
        response = client.get(base, {"series": series})
        assert response.status_code == 200
        assert response.json()["count"] == 0


def test_a_coach_cannot_put_another_organisations_skill_on_a_session(world, client_for):
    client = client_for(world.pilot.coach)
    response = client.post(
        f"/api/v1/pilots/{world.ids['pilot']}/sessions/",
        data=json.dumps({**session_api_data(None), "skills": [FOREIGN]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"skills": ["Onbekende vaardigheid."]}

"""xAPI statements from a learning platform become course activities of the pilot's participants.

The platform's side is the `tincan` library (the ADL's Python xAPI client) against the live
server, and plain requests shaped as tincan sends them for the answers tincan does not expose.
"""

import base64
import json
import uuid
from datetime import timedelta

import pytest
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    LanguageMap,
    RemoteLRS,
    Result,
    Statement,
    Verb,
)

from integrations import xapi
from integrations.models import XapiStatement
from learning.models import LearningActivity

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
URL = "/xapi/statements"


@pytest.fixture
def integration(pilot):
    return xapi.make_integration(proeftuin=pilot.proeftuin, name="Moodle", created_by=None)


def _statement(email, *, verb=COMPLETED, minutes=90, statement_id=None, name="AVG voor beginners"):
    return Statement(
        id=statement_id or uuid.uuid4(),
        actor=Agent(name="Deelnemer", mbox=f"mailto:{email}"),
        verb=Verb(id=verb, display=LanguageMap({"en-US": verb.rsplit("/", 1)[-1]})),
        object=Activity(
            id="https://leren.example.org/cursus/avg",
            definition=ActivityDefinition(name=LanguageMap({"en-US": "GDPR", "nl-NL": name})),
        ),
        result=Result(duration=timedelta(minutes=minutes)) if minutes else None,
    )


def _headers(integration, version="1.0.3"):
    key, secret = integration[0].key, integration[1]
    basic = base64.b64encode(f"{key}:{secret}".encode()).decode()
    headers = {"HTTP_AUTHORIZATION": f"Basic {basic}"}
    if version:
        headers["HTTP_X_EXPERIENCE_API_VERSION"] = version
    return headers


def _post(client, integration, body, **extra):
    return client.post(
        URL,
        data=json.dumps(body),
        content_type="application/json",
        **_headers(integration, **extra),
    )


@pytest.mark.django_db(transaction=True)
def test_a_course_completed_on_a_platform_appears_as_an_activity_after_one_statement(
    pilot, integration, live_server
):
    lrs = RemoteLRS(
        version="1.0.3",
        endpoint=live_server.url + "/xapi/",
        username=integration[0].key,
        password=integration[1],
    )
    response = lrs.save_statement(_statement(pilot.participant.user.email.upper()))
    assert response.success, response.data
    activity = LearningActivity.objects.get(membership=pilot.participant)
    assert (activity.kind, activity.minutes, activity.title) == ("course", 90, "AVG voor beginners")
    assert activity.evidence_url == "https://leren.example.org/cursus/avg"
    assert activity.xapi_statement.integration.name == "Moodle"


@pytest.mark.django_db(transaction=True)
def test_a_list_of_statements_sent_by_tincan_is_taken_whole(pilot, integration, live_server):
    lrs = RemoteLRS(
        version="1.0.3",
        endpoint=live_server.url + "/xapi/",
        username=integration[0].key,
        password=integration[1],
    )
    response = lrs.save_statements(
        [_statement(pilot.participant.user.email), _statement(pilot.other_participant.user.email)]
    )
    assert response.success, response.data
    assert LearningActivity.objects.filter(kind="course").count() == 2


@pytest.mark.django_db
def test_sending_the_same_statement_twice_makes_one_activity(pilot, integration, client):
    body = json.loads(_statement(pilot.participant.user.email).to_json("1.0.3"))
    assert _post(client, integration, body).status_code == 200
    again = _post(client, integration, body)
    assert again.status_code == 200
    assert again.json() == [body["id"]]
    assert LearningActivity.objects.filter(membership=pilot.participant).count() == 1


@pytest.mark.django_db
def test_a_different_statement_under_a_used_id_is_a_conflict(pilot, integration, client):
    statement_id = uuid.uuid4()
    first = json.loads(
        _statement(pilot.participant.user.email, statement_id=statement_id).to_json("1.0.3")
    )
    second = json.loads(
        _statement(pilot.participant.user.email, statement_id=statement_id, minutes=30).to_json(
            "1.0.3"
        )
    )
    assert _post(client, integration, first).status_code == 200
    assert _post(client, integration, second).status_code == 409
    assert LearningActivity.objects.get().minutes == 90


@pytest.mark.django_db
def test_an_activity_the_participant_deleted_is_not_brought_back_by_a_resent_statement(
    pilot, integration, client, client_for
):
    body = json.loads(_statement(pilot.participant.user.email).to_json("1.0.3"))
    _post(client, integration, body)
    activity = LearningActivity.objects.get()
    participant = client_for(pilot.participant)
    listed = participant.get(f"/p/{pilot.proeftuin.pk}/activiteiten/").content.decode()
    assert "gemeld door Moodle" in listed
    deleted = participant.post(f"/p/{pilot.proeftuin.pk}/activiteiten/{activity.pk}/verwijderen/")
    assert deleted.status_code == 302
    client.logout()
    assert _post(client, integration, body).status_code == 200
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_an_unknown_actor_is_accepted_recorded_for_the_coach_and_makes_nothing(
    pilot, other_pilot, integration, client, client_for
):
    outsider = other_pilot.participant.user.email
    body = json.loads(_statement(outsider).to_json("1.0.3"))
    assert _post(client, integration, body).status_code == 200
    assert not LearningActivity.objects.exists()
    row = XapiStatement.objects.get()
    assert (row.outcome, row.detail) == ("unknown_actor", outsider)
    page = client_for(pilot.coach).get(f"/p/{pilot.proeftuin.pk}/koppelingen/")
    assert "onbekende deelnemer" in page.content.decode()


@pytest.mark.django_db
def test_a_verb_we_do_not_record_is_accepted_and_recorded(pilot, integration, client):
    verb = "http://adlnet.gov/expapi/verbs/launched"
    body = json.loads(_statement(pilot.participant.user.email, verb=verb).to_json("1.0.3"))
    assert _post(client, integration, body).status_code == 200
    assert XapiStatement.objects.get().outcome == "unknown_verb"
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_a_statement_without_duration_makes_no_activity(pilot, integration, client):
    body = json.loads(_statement(pilot.participant.user.email, minutes=0).to_json("1.0.3"))
    assert _post(client, integration, body).status_code == 200
    assert XapiStatement.objects.get().outcome == "no_duration"
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_a_malformed_statement_is_a_400_stores_nothing_of_its_list_and_is_recorded(
    pilot, integration, client
):
    good = json.loads(_statement(pilot.participant.user.email).to_json("1.0.3"))
    response = _post(client, integration, [good, {"actor": {"mbox": "mailto:x@y"}}])
    assert response.status_code == 400
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert not LearningActivity.objects.exists()
    assert list(XapiStatement.objects.values_list("outcome", flat=True)) == ["malformed"]


@pytest.mark.django_db
def test_a_body_nested_too_deep_is_a_400_not_a_server_error(pilot, integration, client):
    response = client.post(
        URL,
        data="[" * 5000 + "]" * 5000,
        content_type="application/json",
        **_headers(integration),
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["error"]
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_a_statement_without_the_version_header_is_a_400(pilot, integration, client):
    body = json.loads(_statement(pilot.participant.user.email).to_json("1.0.3"))
    assert _post(client, integration, body, version=None).status_code == 400
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_a_wrong_or_revoked_key_is_a_401(pilot, integration, client, client_for):
    body = json.loads(_statement(pilot.participant.user.email).to_json("1.0.3"))
    wrong = (integration[0], integration[1] + "x")
    assert _post(client, wrong, body).status_code == 401
    coach = client_for(pilot.coach)
    revoked = coach.post(f"/p/{pilot.proeftuin.pk}/koppelingen/{integration[0].pk}/intrekken/")
    assert revoked.status_code == 302
    coach.logout()
    assert _post(client, integration, body).status_code == 401
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_the_coach_makes_a_key_and_sees_its_secret_once(pilot, client_for):
    client = client_for(pilot.coach)
    page = client.post(f"/p/{pilot.proeftuin.pk}/koppelingen/", {"name": "GoodHabitz"})
    secret = page.context["created"]["secret"]
    assert secret in page.content.decode()
    assert secret not in client.get(f"/p/{pilot.proeftuin.pk}/koppelingen/").content.decode()


def test_a_key_past_its_rate_gets_429_with_retry_after_and_another_key_still_gets_in(
    pilot, integration, client, monkeypatch
):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"xapi": "2/minute"})
    body = _statement(pilot.participant.user.email).as_version("1.0.3")
    for _request in range(2):
        assert _post(client, integration, [body]).status_code == 200
    refused = _post(client, integration, [body])
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused["X-Experience-API-Version"] == "1.0.3"
    other = xapi.make_integration(proeftuin=pilot.proeftuin, name="Canvas", created_by=None)
    assert _post(client, other, [body]).status_code == 200


def test_the_api_schema_describes_the_statements_endpoint_with_its_errors(pilot, client_for):
    schema = client_for(pilot.coach).get("/api/schema/", {"format": "json"}).json()
    operations = schema["paths"]["/xapi/statements"]
    assert set(operations) >= {"post", "put"}
    assert {"400", "401", "409", "429"} <= set(operations["post"]["responses"])
    assert schema["components"]["securitySchemes"]["xapiBasic"]["scheme"] == "basic"

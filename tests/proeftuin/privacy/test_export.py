import json

import pytest
from django.urls import reverse

from proeftuin import privacy
from proeftuin.models import AuditEvent
from tests.pages import shows
from tests.proeftuin.privacy.people import seed_person, share_experiment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(pilot):
    """The participant and a colleague, each with one of every kind of data."""
    mine = seed_person(pilot.participant, "mijntekst", coach=pilot.coach)
    theirs = seed_person(pilot.other_participant, "huntekst", coach=pilot.coach)
    share_experiment(pilot.other_participant, pilot.participant)
    return mine, theirs


def _export(client) -> dict:
    response = client.post(reverse("proeftuin:privacy-export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    return json.loads(response.content)


def test_the_export_contains_every_kind_of_personal_data(pilot, seeded, client_for):
    data = _export(client_for(pilot.participant))["data"]
    exported = {label for label, entry in privacy.REGISTRY.items() if entry.export is not None}
    empty = sorted(label for label in exported if not data[label]["records"])
    assert not empty, f"nothing exported for {empty}"
    text = json.dumps(data)
    for expected in seeded[0].texts:
        assert expected in text, f"{expected} missing from the export"


def test_the_export_has_profile_consents_and_both_owned_and_shared_experiments(
    pilot, seeded, client_for
):
    export = _export(client_for(pilot.participant))
    assert export["person"]["email"] == pilot.participant.user.email
    assert export["data"]["proeftuin.consentrecord"]["records"][0]["given"] is True
    roles = {r["my_role"] for r in export["data"]["learning.experiment"]["records"]}
    assert roles == {"owner", "co_member"}


def test_the_export_says_nothing_about_other_people(pilot, seeded, client_for):
    text = json.dumps(_export(client_for(pilot.participant)))
    for other in (pilot.other_participant, pilot.coach, pilot.director, pilot.third_participant):
        assert not shows(text, other.user.full_name)
        assert other.user.email not in text
    # The shared experiment is in it; the colleague's own goals, reflections, notes are not.
    for private in ("huntekst-goal", "huntekst-reflection", "huntekst-note", "huntekst-feedback"):
        assert private not in text


def test_a_coachs_comment_and_view_of_my_goals_name_the_coach_by_role_only(
    pilot, seeded, client_for
):
    data = _export(client_for(pilot.participant))["data"]
    assert data["learning.goalcomment"]["records"][0]["author__role"] == "coach"
    viewed = [e for e in data["proeftuin.auditevent"]["records"] if e["action"] == "viewed"]
    assert viewed[0]["by"] == "coach"


def test_the_calendar_feed_is_exported_without_its_secret_token(pilot, seeded, client_for):
    feed = pilot.participant.user.calendar_feeds.get()
    text = json.dumps(_export(client_for(pilot.participant)))
    assert feed.token not in text


def test_an_export_is_recorded_in_the_audit_log(pilot, seeded, client_for):
    _export(client_for(pilot.participant))
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert event.subject == pilot.participant.user
    assert event.actor == pilot.participant.user


def test_the_api_gives_the_same_export_and_records_it(pilot, seeded, client_for):
    response = client_for(pilot.participant).get("/api/v1/me/export/")
    assert response.status_code == 200
    body = response.json()
    assert body["format"] == privacy.EXPORT_FORMAT
    assert body["data"]["learning.skillgoal"]["records"][0]["statement"] == "mijntekst-goal"
    assert "huntekst-goal" not in json.dumps(body)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORTED, subject=pilot.participant.user
    ).exists()


def test_the_export_needs_a_login(client):
    assert client.get("/api/v1/me/export/").status_code in (401, 403)
    response = client.post(reverse("proeftuin:privacy-export"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_export_page_cannot_be_fetched_with_get(pilot, client_for):
    assert client_for(pilot.participant).get(reverse("proeftuin:privacy-export")).status_code == 405


def test_the_export_query_count_does_not_grow_with_the_amount_of_data(
    pilot, client_for, django_assert_max_num_queries
):
    seed_person(pilot.participant, "een", coach=pilot.coach)
    client = client_for(pilot.participant)
    # One query per kind of personal data in the registry, plus the person and the pilots.
    with django_assert_max_num_queries(42) as few:
        client.post(reverse("proeftuin:privacy-export"))
    seed_person(pilot.participant, "twee", coach=pilot.coach)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.post(reverse("proeftuin:privacy-export"))

"""The caller's pilots and the coach's invitations through the API."""

import json

import pytest
from django.core import mail

from tests import factories
from tests.integrations.helpers import bearer, make_token

pytestmark = pytest.mark.django_db


def test_the_pilot_list_shows_each_pilot_with_my_role_there(pilot, other_pilot, client_for):
    factories.CoachFactory(user=pilot.participant.user, proeftuin=other_pilot.proeftuin)
    body = client_for(pilot.participant).get("/api/v1/pilots/").json()
    roles = {row["id"]: row["role"] for row in body["results"]}
    assert roles == {pilot.proeftuin.pk: "participant", other_pilot.proeftuin.pk: "coach"}


def test_a_token_for_one_pilot_lists_only_that_pilot(pilot, other_pilot, client):
    factories.ParticipantFactory(user=pilot.participant.user, proeftuin=other_pilot.proeftuin)
    secret = make_token(pilot.participant, proeftuin=pilot.proeftuin)
    body = client.get("/api/v1/pilots/", **bearer(secret)).json()
    assert [row["id"] for row in body["results"]] == [pilot.proeftuin.pk]


def test_the_coach_invites_through_the_api_and_the_link_is_mailed(
    pilot, client_for, django_capture_on_commit_callbacks
):
    url = f"/api/v1/pilots/{pilot.proeftuin.pk}/invitations/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(pilot.coach).post(
            url,
            data=json.dumps({"email": "Nina@Example.org", "role": "participant"}),
            content_type="application/json",
        )
    assert response.status_code == 201
    assert response.json()["state"] == "open"
    assert mail.outbox[0].to == ["nina@example.org"]
    listed = client_for(pilot.coach).get(url).json()
    assert [row["email"] for row in listed] == ["nina@example.org"]


def test_inviting_a_member_again_is_a_400_naming_the_email(pilot, client_for):
    response = client_for(pilot.coach).post(
        f"/api/v1/pilots/{pilot.proeftuin.pk}/invitations/",
        data=json.dumps({"email": pilot.participant.user.email}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "email" in response.json()

"""Personal access tokens: made and revoked on the security page, checked on every API call."""

import json
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from integrations import tokens
from integrations.models import AccessToken
from proeftuin.accounts import second_factor
from proeftuin.errors import DomainError
from tests import factories
from tests.login_flow import current_code, log_in

from .helpers import bearer, make_token

pytestmark = pytest.mark.django_db

CREATE = "/account/beveiliging/sleutels/nieuw/"


def _activities(pilot):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/activities/"


def _refused_as_unknown(response) -> bool:
    # DRF answers 403 rather than 401 because session authentication comes first.
    return response.status_code in (401, 403) and "werkt niet" in response.json()["detail"]


def _activity():
    return json.dumps(
        {
            "kind": "reading",
            "on": timezone.localdate().isoformat(),
            "minutes": 20,
            "title": "Artikel gelezen",
        }
    )


def test_a_new_token_is_shown_once_and_only_its_digest_is_stored(pilot, client_for):
    client = client_for(pilot.participant)
    response = client.post(
        CREATE, {"name": "Power BI", "proeftuin": "", "access": "read", "days": "90"}
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("pt_") and secret in response.content.decode()
    token = AccessToken.objects.get(user=pilot.participant.user)
    assert secret not in {token.lookup, token.secret_digest}
    security = client.get(reverse("proeftuin:account-security")).content.decode()
    assert "Power BI" in security
    assert secret not in security


def test_a_token_expires_after_ninety_days_unless_chosen_otherwise(pilot, client_for):
    client_for(pilot.participant).post(CREATE, {"name": "Excel", "access": "read", "days": "90"})
    token = AccessToken.objects.get(user=pilot.participant.user)
    assert (token.expires_at - timezone.now()).days == 89


def test_a_token_without_a_name_is_refused_and_nothing_is_made(pilot, client_for):
    response = client_for(pilot.participant).post(
        CREATE, {"name": " ", "access": "read", "days": "90"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not AccessToken.objects.exists()


def test_a_token_for_a_pilot_one_is_not_in_is_refused(pilot, other_pilot, client_for):
    response = client_for(pilot.participant).post(
        CREATE, {"name": "X", "proeftuin": other_pilot.proeftuin.pk, "access": "read", "days": "90"}
    )
    assert response.context["form"].errors["proeftuin"]
    assert not AccessToken.objects.exists()


def test_a_coach_gives_the_code_again_before_making_a_token(pilot, client):
    coach = pilot.coach.user
    device = TOTPDevice.objects.create(user=coach, name="app", confirmed=True)
    log_in(client, coach, device=device)
    session = client.session
    session[second_factor.PASSED_AT_SESSION_KEY] = int(time.time()) - 3600
    session.save()

    refused = client.post(CREATE, {"name": "Rapport", "access": "read", "days": "90"})
    assert refused.status_code == 302
    assert refused.url.startswith(reverse("proeftuin:two-factor-verify") + "?opnieuw=1")
    assert not AccessToken.objects.exists()
    asked = client.get(refused.url)
    assert "nog een keer de code" in asked.content.decode()

    assert client.post(refused.url, {"code": current_code(device)}).status_code == 302
    made = client.post(CREATE, {"name": "Rapport", "access": "read", "days": "90"})
    assert made.status_code == 200
    assert AccessToken.objects.filter(user=coach, name="Rapport").exists()


def test_a_participant_revokes_a_token_and_it_stops_working(pilot, client_for):
    secret = make_token(pilot.participant)
    token = AccessToken.objects.get()
    client = client_for(pilot.participant)
    assert client.post(f"/account/beveiliging/sleutels/{token.pk}/intrekken/").status_code == 302
    client.logout()
    assert _refused_as_unknown(client.get(_activities(pilot), **bearer(secret)))


def test_nobody_revokes_someone_elses_token(pilot, client_for):
    make_token(pilot.participant)
    token = AccessToken.objects.get()
    response = client_for(pilot.other_participant).post(
        f"/account/beveiliging/sleutels/{token.pk}/intrekken/"
    )
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_read_token_reads_and_every_use_updates_last_used(pilot, client):
    secret = make_token(pilot.participant)
    assert client.get(_activities(pilot), **bearer(secret)).status_code == 200
    first = AccessToken.objects.get().last_used_at
    assert first is not None
    assert client.get(_activities(pilot), **bearer(secret)).status_code == 200
    assert AccessToken.objects.get().last_used_at > first


def test_a_read_token_cannot_write_and_says_why(pilot, client):
    secret = make_token(pilot.participant)
    response = client.post(
        _activities(pilot), data=_activity(), content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 403
    assert "alleen lezen" in response.json()["detail"]
    assert not pilot.participant.activities.exists()


def test_a_read_and_write_token_writes(pilot, client):
    secret = make_token(pilot.participant, can_write=True)
    response = client.post(
        _activities(pilot), data=_activity(), content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 201


def test_a_token_for_one_pilot_finds_nothing_in_another(pilot, client):
    second = factories.ParticipantFactory(user=pilot.participant.user)
    secret = make_token(pilot.participant, proeftuin=pilot.proeftuin)
    assert client.get(_activities(pilot), **bearer(secret)).status_code == 200
    other = f"/api/v1/pilots/{second.proeftuin_id}/activities/"
    assert client.get(other, **bearer(secret)).status_code == 404
    assert client.get("/api/v1/me/export/", **bearer(secret)).status_code == 404


def test_a_token_for_all_pilots_reaches_each_of_them(pilot, client):
    second = factories.ParticipantFactory(user=pilot.participant.user)
    secret = make_token(pilot.participant)
    other = f"/api/v1/pilots/{second.proeftuin_id}/activities/"
    assert client.get(other, **bearer(secret)).status_code == 200


def test_a_token_carries_no_more_than_its_persons_role(pilot, client):
    secret = make_token(pilot.participant, can_write=True)
    skills = f"/api/v1/pilots/{pilot.proeftuin.pk}/skills/"
    response = client.post(
        skills,
        data=json.dumps({"name": "X", "dimension": "data_analysis"}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 404


def test_an_expired_token_is_refused(pilot, client):
    secret = make_token(pilot.participant)
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _refused_as_unknown(client.get(_activities(pilot), **bearer(secret)))


def test_a_made_up_token_is_refused(pilot, client):
    secret = make_token(pilot.participant)
    assert _refused_as_unknown(client.get(_activities(pilot), **bearer(secret[:-2] + "xx")))


def test_a_token_an_admin_issued_before_keeps_working(pilot, client):
    token = Token.objects.create(user=pilot.participant.user)
    response = client.get(_activities(pilot), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_the_service_refuses_a_token_for_a_pilot_one_is_not_in(pilot, other_pilot):
    request = SimpleNamespace(user=pilot.participant.user)
    with pytest.raises(DomainError) as refused:
        tokens.create_token(
            request=request, name="X", proeftuin=other_pilot.proeftuin, can_write=False
        )
    assert "proeftuin" in refused.value.errors
    assert not AccessToken.objects.exists()

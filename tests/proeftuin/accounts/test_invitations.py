from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from proeftuin.accounts import services
from proeftuin.models import Invitation, Membership, Role, User
from tests.factories import PASSWORD, UserFactory
from tests.login_flow import mark_session_past_second_factor

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Zonnebloem-Lantaarn-93"


def _invite(pilot, email="nieuw@example.org", role=Role.PARTICIPANT):
    invitation, token = services.invite(
        proeftuin=pilot.proeftuin, email=email, role=role, invited_by=pilot.coach.user
    )
    return invitation, token


def test_the_coach_invites_someone_and_they_receive_a_link(
    pilot, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(pilot.coach).post(
            reverse("proeftuin:invite", args=[pilot.proeftuin.pk]),
            {"email": "Nieuw@Example.org", "full_name": "Nina Nieuw", "role": "participant"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@example.org"]
    assert pilot.proeftuin.name in message.subject
    assert "/uitnodiging/" in message.body
    assert message.alternatives and "/uitnodiging/" in message.alternatives[0][0]


def test_accepting_an_invitation_sets_the_password_once_and_logs_in(pilot, client):
    _invitation, token = _invite(pilot)
    url = reverse("proeftuin:invitation-accept", args=[token])
    response = client.post(
        url, {"full_name": "Nina Nieuw", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.check_password(GOOD_PASSWORD)
    assert Membership.objects.get(user=user).role == Role.PARTICIPANT
    assert (
        client.get(
            reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]), follow=True
        ).status_code
        == 200
    )


def test_a_used_invitation_cannot_be_used_again(pilot, client):
    _invitation, token = _invite(pilot)
    url = reverse("proeftuin:invitation-accept", args=[token])
    client.post(url, {"full_name": "N", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    client.logout()
    again = client.post(
        url,
        {
            "full_name": "Indringer",
            "password1": "Ander-Wachtwoord-77",
            "password2": "Ander-Wachtwoord-77",
        },
    )
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert User.objects.get(email="nieuw@example.org").check_password(GOOD_PASSWORD)


def test_an_expired_invitation_says_so_and_creates_nothing(pilot, client):
    invitation, token = _invite(pilot)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(
        reverse("proeftuin:invitation-accept", args=[token]),
        {"full_name": "N", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_an_unknown_token_is_refused(client):
    response = client.get(reverse("proeftuin:invitation-accept", args=["niet-bestaand"]))
    assert response.status_code == 410


def test_a_weak_password_is_refused_with_a_message_and_nothing_is_created(pilot, client):
    _invitation, token = _invite(pilot)
    response = client.post(
        reverse("proeftuin:invitation-accept", args=[token]),
        {"full_name": "N", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_mismatched_passwords_are_named_on_the_form(pilot, client):
    _invitation, token = _invite(pilot)
    response = client.post(
        reverse("proeftuin:invitation-accept", args=[token]),
        {"full_name": "N", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "x"},
    )
    assert "niet gelijk" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_inviting_someone_who_already_takes_part_gives_a_clear_error(pilot, client_for):
    response = client_for(pilot.coach).post(
        reverse("proeftuin:invite", args=[pilot.proeftuin.pk]),
        {"email": pilot.participant.user.email.upper(), "role": "participant"},
    )
    assert response.status_code == 200
    assert "doet al mee" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_existing_account_joins_after_logging_in(pilot, other_pilot, client_for):
    person = other_pilot.participant.user
    _invitation, token = _invite(pilot, email=person.email)
    client = client_for(person)
    response = client.post(reverse("proeftuin:invitation-accept", args=[token]))
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, proeftuin=pilot.proeftuin).exists()
    assert person.check_password(PASSWORD)


def test_a_new_invitation_replaces_the_earlier_link(pilot, client):
    _first, first_token = _invite(pilot)
    _second, _second_token = _invite(pilot)
    response = client.get(reverse("proeftuin:invitation-accept", args=[first_token]))
    assert response.status_code == 410


def test_invited_coach_can_open_the_admin(pilot, client):
    _invitation, token = _invite(pilot, email="coach2@example.org", role=Role.COACH)
    client.post(
        reverse("proeftuin:invitation-accept", args=[token]),
        {"full_name": "C", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    # Coaches must set up a second factor first (tests/test_security_auth.py); then the admin opens.
    assert client.get(reverse("admin:index")).url.startswith(reverse("proeftuin:two-factor-setup"))
    mark_session_past_second_factor(client.session, User.objects.get(email="coach2@example.org"))
    assert client.get(reverse("admin:index")).status_code == 200


def test_login_with_a_wrong_password_says_so(pilot, client):
    response = client.post(
        reverse("login"), {"username": pilot.participant.user.email, "password": "fout"}
    )
    assert response.status_code == 200
    assert "form-errors" in response.content.decode() or "login-errors" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_case_insensitive_for_the_email_address(client):
    user = UserFactory(email="hoofdletters@example.org")
    response = client.post(
        reverse("login"), {"username": "HoofdLetters@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

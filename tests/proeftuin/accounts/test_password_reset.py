import re

import pytest
from django.core import mail
from django.urls import reverse

from proeftuin.models import Invitation

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Regenboog-Fietspad-58"


def _reset_link(client, email):
    client.post(reverse("password_reset"), {"email": email})
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/\s]+(/account/reset/\S+/)", mail.outbox[0].body).group(1)


def test_a_password_reset_mail_lets_the_person_choose_a_new_password(pilot, client):
    user = pilot.participant.user
    link = _reset_link(client, user.email)
    form_page = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_password_reset_link_works_only_once(pilot, client):
    user = pilot.participant.user
    link = _reset_link(client, user.email)
    first = client.get(link, follow=True)
    client.post(
        first.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(link, follow=True)
    assert "werkt niet meer" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_administrator_invites_through_the_admin_and_the_link_is_mailed(
    pilot, client, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory
    from tests.login_flow import mark_session_past_second_factor

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    mark_session_past_second_factor(client.session, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:proeftuin_invitation_add"),
            {
                "email": "via-admin@example.org",
                "full_name": "",
                "proeftuin": pilot.proeftuin.pk,
                "role": "director",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="via-admin@example.org")
    assert invitation.role == "director"
    assert len(mail.outbox) == 1 and "/uitnodiging/" in mail.outbox[0].body

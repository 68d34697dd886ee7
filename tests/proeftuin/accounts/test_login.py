"""The login page as a person on a phone meets it."""

from django.urls import reverse

from tests.factories import PASSWORD


def test_the_e_mail_field_brings_up_the_e_mail_keyboard(client, db):
    page = client.get(reverse("login")).content.decode()
    assert 'type="email" name="username"' in page
    assert 'autocomplete="email"' in page


def test_a_wrong_password_says_what_to_do_and_claims_no_case_sensitivity(client, pilot):
    user = pilot.participant.user
    page = client.post(reverse("login"), {"username": user.email, "password": "fout"})
    text = page.content.decode()
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in text
    assert "hoofdlettergevoelig" not in text


def test_the_e_mail_address_may_be_typed_in_capitals(client, pilot):
    user = pilot.participant.user
    response = client.post(reverse("login"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302

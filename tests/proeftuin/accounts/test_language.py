"""Dutch unless a person chooses otherwise; the choice follows them to other devices and mails."""

from django.test import Client
from django.urls import reverse

from notifications import emails
from proeftuin.models import User
from tests import factories

ENGLISH_SUBJECT = "How is your learning going? We'd love to know"


def _choose(client, code, next_url="/"):
    return client.post(reverse("set_language"), {"language": code, "next": next_url})


def _login_page(client, **headers):
    return client.get(reverse("login"), **headers).content.decode()


def test_the_pages_are_dutch_even_when_the_browser_asks_for_english(client):
    page = _login_page(client, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "<h1>Inloggen</h1>" in page
    assert '<html lang="nl"' in page


def test_a_visitor_can_choose_english_on_this_device(client):
    response = _choose(client, "en", next_url=reverse("login"))
    assert response.status_code == 302
    page = _login_page(client)
    assert "<h1>Log in</h1>" in page
    assert '<html lang="en"' in page


def test_a_signed_in_persons_choice_is_kept_on_their_account_for_every_device(client_for, pilot):
    user = pilot.participant.user
    _choose(client_for(user), "en")
    assert User.objects.get(pk=user.pk).language == "en"
    other_device = Client()
    other_device.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = other_device.get(reverse("proeftuin:accessibility")).content.decode()
    assert '<html lang="en"' in page


def test_a_choice_made_on_the_login_page_carries_over_to_the_account(client, pilot):
    user = pilot.participant.user
    _choose(client, "en", next_url=reverse("login"))
    client.post(reverse("login"), {"username": user.email, "password": factories.PASSWORD})
    assert User.objects.get(pk=user.pk).language == "en"
    assert '<html lang="en"' in client.get(reverse("proeftuin:accessibility")).content.decode()


def test_reminders_follow_the_language_chosen_in_the_app(client_for, pilot):
    user = pilot.participant.user
    _choose(client_for(user), "en")
    in_english = factories.ReminderFactory(recipient=User.objects.get(pk=user.pk))
    in_dutch = factories.ReminderFactory(recipient=pilot.other_participant.user)
    assert emails.build(in_dutch).subject == "Hoe gaat het met leren? We zijn benieuwd"
    assert emails.build(in_english).subject == ENGLISH_SUBJECT


def test_an_unknown_language_changes_nothing(client_for, pilot):
    user = pilot.participant.user
    _choose(client_for(user), "xx")
    assert User.objects.get(pk=user.pk).language == "nl"


def test_the_api_follows_accept_language_for_integrations(client_for, pilot):
    client = client_for(pilot.participant)
    url = f"/api/v1/pilots/{pilot.proeftuin.pk}/activities/"
    response = client.post(url, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Language"] == "en"

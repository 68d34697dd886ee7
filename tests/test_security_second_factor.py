"""Changing the second factor: only a session that passed it may, and the owner is told."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from proeftuin.accounts import second_factor as security
from proeftuin.web.middleware import OTPMiddleware

from .login_flow import current_code, log_in, pass_second_factor, password_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_with_app(pilot):
    """A coach whose authenticator app is set up and confirmed."""
    user = pilot.coach.user
    return user, TOTPDevice.objects.create(user=user, name="Eigen telefoon", confirmed=True)


def pilot_home(pilot) -> str:
    return reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])


def session_id(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def set_up_app(client, *, next_url=""):
    """Open the set-up page and confirm the key it shows with the app's first code."""
    page = client.get(reverse("proeftuin:two-factor-setup"))
    assert page.status_code == 200
    pending = TOTPDevice.objects.get(pk=client.session[security.PENDING_DEVICE_SESSION_KEY])
    return client.post(
        reverse("proeftuin:two-factor-setup"), {"code": current_code(pending), "next": next_url}
    )


# --- a password alone ----------------------------------------------------------------------


def test_a_password_alone_does_not_open_the_set_up_page_of_a_coach_with_an_app(
    client, coach_with_app
):
    user, _app = coach_with_app
    password_login(client, user)
    response = client.get(reverse("proeftuin:two-factor-setup"))
    assert response.status_code == 302
    assert response.url == reverse("proeftuin:two-factor-verify") + "?next=/account/2fa/instellen/"
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_the_code_page_shows_no_menu_and_no_name_before_the_second_factor(
    client, pilot, coach_with_app
):
    user, app = coach_with_app
    password_login(client, user)
    page = client.get(reverse("proeftuin:two-factor-verify")).content.decode()
    assert 'aria-label="Hoofdmenu"' not in page
    assert "Ingelogd als" not in page
    assert "Uitloggen" in page  # leaving stays possible

    pass_second_factor(client, app)
    page = client.get(pilot_home(pilot), follow=True).content.decode()
    assert 'aria-label="Hoofdmenu"' in page
    assert "Ingelogd als" in page


def test_a_password_alone_cannot_link_a_new_app_or_lock_the_owners_app_out(
    client, pilot, coach_with_app
):
    user, app = coach_with_app
    password_login(client, user)
    client.get(reverse("proeftuin:two-factor-setup"))
    # Whatever key the page might have shown, its code is what an attacker would post.
    shown = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    client.post(
        reverse("proeftuin:two-factor-setup"), {"code": current_code(shown) if shown else "123456"}
    )

    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [app]
    assert client.get(pilot_home(pilot)).url.startswith(reverse("proeftuin:two-factor-verify"))
    assert mail.outbox == []


def test_a_session_that_has_not_passed_the_second_factor_may_not_make_backup_codes(
    coach_with_app,
):
    user, _app = coach_with_app
    request = RequestFactory().post(reverse("proeftuin:new-backup-codes"))
    request.user, request.session = user, Client().session
    OTPMiddleware(lambda request: None)(request)  # marks request.user verified or not

    with pytest.raises(security.SecondFactorNeeded):
        security.replace_backup_codes(request=request)
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_a_session_that_has_not_passed_the_second_factor_may_not_confirm_a_new_app(
    coach_with_app,
):
    user, app = coach_with_app
    # A key handed out before the owner's app existed, kept in a session that never passed it.
    pending = TOTPDevice.objects.create(user=user, name="Ander", confirmed=False)
    request = RequestFactory().post(reverse("proeftuin:two-factor-setup"))
    request.user, request.session = user, Client().session
    request.session[security.PENDING_DEVICE_SESSION_KEY] = pending.pk
    OTPMiddleware(lambda request: None)(request)

    with pytest.raises(security.SecondFactorNeeded):
        security.confirm_totp_device(request=request, device=pending, code=current_code(pending))
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [app]


def test_a_session_that_has_not_passed_the_second_factor_may_not_turn_it_off(pilot):
    user = pilot.participant.user
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    request = RequestFactory().post(reverse("proeftuin:two-factor-off"))
    request.user, request.session = user, Client().session
    OTPMiddleware(lambda request: None)(request)

    with pytest.raises(security.SecondFactorNeeded):
        security.turn_off_two_factor(request=request)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_key_shown_to_one_session_is_never_offered_to_another(pilot):
    user = pilot.coach.user  # no app yet: whoever has the password may set one up
    first, second = Client(), Client()
    password_login(first, user)
    password_login(second, user)
    first.get(reverse("proeftuin:two-factor-setup"))
    shown_to_first = TOTPDevice.objects.get(pk=first.session[security.PENDING_DEVICE_SESSION_KEY])

    page = second.get(reverse("proeftuin:two-factor-setup"))
    assert security.readable_secret(shown_to_first) not in page.content.decode()
    refused = second.post(
        reverse("proeftuin:two-factor-setup"), {"code": current_code(shown_to_first)}
    )
    assert "klopt niet" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- a verified session --------------------------------------------------------------------


def test_after_the_code_the_owner_links_another_app_and_the_old_one_stops_working(
    client, pilot, coach_with_app, django_capture_on_commit_callbacks
):
    user, old_app = coach_with_app
    log_in(client, user, device=old_app)
    page = client.get(reverse("proeftuin:two-factor-setup"))
    assert "werkt je huidige app niet meer" in page.content.decode()

    old_code = current_code(old_app)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = set_up_app(client)

    assert "Reservecodes" in confirmed.content.decode()
    assert not TOTPDevice.objects.filter(pk=old_app.pk).exists()
    [message] = mail.outbox
    assert message.subject == "Nieuwe authenticator-app gekoppeld aan je account"
    assert message.to == [user.email]
    assert "Was jij dit niet?" in message.body
    client.post(reverse("logout"))
    password_login(client, user)
    refused = client.post(reverse("proeftuin:two-factor-verify"), {"code": old_code})
    assert "klopt niet" in refused.content.decode()


def test_a_backup_code_lets_the_owner_of_a_lost_phone_link_a_new_app(
    client, pilot, coach_with_app, django_capture_on_commit_callbacks
):
    user, _lost = coach_with_app
    code = security._issue_backup_codes(user)[0]
    password_login(client, user)
    client.post(reverse("proeftuin:two-factor-verify"), {"code": code})
    with django_capture_on_commit_callbacks(execute=True):
        set_up_app(client)
    assert TOTPDevice.objects.get(user=user).name == "Authenticator-app"
    assert [m.subject for m in mail.outbox] == ["Nieuwe authenticator-app gekoppeld aan je account"]


def test_setting_up_the_first_app_is_mailed_to_the_owner(
    client, pilot, django_capture_on_commit_callbacks
):
    user = pilot.director.user
    password_login(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        set_up_app(client)
    assert [m.subject for m in mail.outbox] == ["Nieuwe authenticator-app gekoppeld aan je account"]


def test_new_backup_codes_are_mailed_to_the_owner_in_their_language(
    client, pilot, coach_with_app, django_capture_on_commit_callbacks
):
    user, app = coach_with_app
    user.language = "en"
    user.save(update_fields=["language"])
    log_in(client, user, device=app)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("proeftuin:new-backup-codes"))
    assert page.status_code == 200
    [message] = mail.outbox
    assert message.subject == "New backup codes for your account"
    assert "The old codes no longer work." in message.body


def test_turning_the_second_factor_off_is_mailed_to_the_participant(
    client, pilot, django_capture_on_commit_callbacks
):
    user = pilot.participant.user
    app = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, user, device=app)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("proeftuin:two-factor-off"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert [m.subject for m in mail.outbox] == ["Tweestapsverificatie uitgezet voor je account"]


# --- the session id ------------------------------------------------------------------------


def test_passing_the_second_factor_gives_the_session_a_new_id(client, pilot, coach_with_app):
    user, app = coach_with_app
    password_login(client, user)
    client.get(reverse("proeftuin:two-factor-verify"))
    seen_before_the_code = session_id(client)
    csrf_before_the_code = client.cookies[settings.CSRF_COOKIE_NAME].value

    pass_second_factor(client, app)

    assert session_id(client) != seen_before_the_code
    assert client.cookies[settings.CSRF_COOKIE_NAME].value != csrf_before_the_code
    assert client.get(pilot_home(pilot)).status_code == 200
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = seen_before_the_code
    assert stolen.get(pilot_home(pilot)).url.startswith(reverse("login"))


def test_setting_up_the_first_app_gives_the_session_a_new_id(client, pilot):
    password_login(client, pilot.coach.user)
    seen_before_the_code = session_id(client)

    set_up_app(client)

    assert session_id(client) != seen_before_the_code
    assert client.get(pilot_home(pilot)).status_code == 200
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = seen_before_the_code
    assert stolen.get(pilot_home(pilot)).url.startswith(reverse("login"))

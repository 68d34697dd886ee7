"""Logging in: two factors, brute-force lockout, sessions, reset tokens, no-store caching."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.throttling import SimpleRateThrottle

from proeftuin.models import User
from tests.pages import shows

from . import factories

pytestmark = pytest.mark.django_db

PASSWORD = factories.PASSWORD


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


def password_login(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.email, "password": password}, **extra)


# --- two factors ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coach", "director"])
def test_a_coach_or_director_without_a_device_must_set_one_up_before_anything_else(
    client, pilot, role
):
    user = getattr(pilot, role).user
    password_login(client, user)
    response = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("proeftuin:two-factor-setup"))
    setup = client.get(response.url)
    assert b"<svg" in setup.content
    assert "verplicht" in setup.content.decode()


def test_an_admin_without_a_second_factor_cannot_open_the_admin_site(client):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    password_login(client, admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("proeftuin:two-factor-setup"))


def test_an_unverified_coach_gets_a_403_from_the_api_with_a_session(client, pilot):
    password_login(client, pilot.coach.user)
    response = client.get("/api/schema/")
    assert response.status_code == 403


def test_confirming_the_setup_with_a_code_lets_the_coach_in_and_shows_backup_codes(client, pilot):
    user = pilot.coach.user
    password_login(client, user)
    client.get(reverse("proeftuin:two-factor-setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(reverse("proeftuin:two-factor-setup"), {"code": "000000"})
    assert "klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows the next try down by a second or more
    confirmed = client.post(reverse("proeftuin:two-factor-setup"), {"code": code_for(device)})

    assert confirmed.status_code == 200
    codes = re.findall(r"<code>([0-9a-f]{8})</code>", confirmed.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    home = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert home.status_code == 200


def test_a_coach_with_a_device_must_enter_a_code_after_the_password(client, pilot):
    user = pilot.coach.user
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    password_login(client, user)
    home_url = reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])

    refused = client.get(home_url)
    assert refused.url.startswith(reverse("proeftuin:two-factor-verify"))

    wrong = client.post(
        reverse("proeftuin:two-factor-verify"), {"code": "123456", "next": home_url}
    )
    assert wrong.status_code == 200
    assert "klopt niet" in wrong.content.decode()

    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows the next try down by a second or more
    right = client.post(
        reverse("proeftuin:two-factor-verify"), {"code": code_for(device), "next": home_url}
    )
    assert right.status_code == 302
    assert right.url == home_url
    assert client.get(home_url).status_code == 200


def test_a_backup_code_works_once(client, pilot):
    user = pilot.director.user
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="Reservecodes", confirmed=True)
    code = backup.token_set.create(token="0a1b2c3d").token
    password_login(client, user)
    assert client.post(reverse("proeftuin:two-factor-verify"), {"code": code}).status_code == 302
    assert not StaticToken.objects.filter(token=code).exists()

    client.post(reverse("logout"))
    password_login(client, user)
    again = client.post(reverse("proeftuin:two-factor-verify"), {"code": code})
    assert again.status_code == 200
    assert "klopt niet" in again.content.decode()


def test_a_participant_may_work_without_a_second_factor(client, pilot):
    password_login(client, pilot.participant.user)
    response = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]), follow=True)
    assert response.status_code == 200
    assert not any("/account/" in url for url, _status in response.redirect_chain)


def test_a_participant_who_switched_two_factors_on_is_asked_for_a_code(client, pilot):
    user = pilot.participant.user
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    password_login(client, user)
    response = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert response.url.startswith(reverse("proeftuin:two-factor-verify"))


def test_a_participant_can_turn_two_factors_off_but_a_coach_cannot(client_for, pilot):
    participant = pilot.participant.user
    TOTPDevice.objects.create(user=participant, name="app", confirmed=True)
    client = client_for(participant)
    client.post(reverse("proeftuin:two-factor-off"))
    assert not TOTPDevice.objects.filter(user=participant).exists()

    coach_client = client_for(pilot.coach)
    response = coach_client.post(reverse("proeftuin:two-factor-off"), follow=True)
    assert "verplicht" in response.content.decode()
    assert TOTPDevice.objects.filter(user=pilot.coach.user).exists()


def test_the_demo_code_hint_appears_only_for_the_published_demo_key(client, pilot, settings):
    settings.DEMO_2FA_HINTS = True
    TOTPDevice.objects.create(user=pilot.coach.user, key=settings.DEMO_TOTP_KEY, confirmed=True)
    TOTPDevice.objects.create(user=pilot.director.user, confirmed=True)
    password_login(client, pilot.coach.user)
    assert "Demo-account" in client.get(reverse("proeftuin:two-factor-verify")).content.decode()
    client.post(reverse("logout"))
    password_login(client, pilot.director.user)
    assert "Demo-account" not in client.get(reverse("proeftuin:two-factor-verify")).content.decode()


def test_the_demo_code_shown_works_for_a_second_login_within_the_same_30_seconds(pilot, settings):
    import re

    from django.test import Client

    settings.DEMO_2FA_HINTS = True
    TOTPDevice.objects.create(user=pilot.coach.user, key=settings.DEMO_TOTP_KEY, confirmed=True)
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC), tick=False):
        for _attempt in range(2):
            client = Client()
            password_login(client, pilot.coach.user)
            page = client.get(reverse("proeftuin:two-factor-verify")).content.decode()
            code = re.search(r"de code is nu (\d{6})", page)[1]
            passed = client.post(reverse("proeftuin:two-factor-verify"), {"code": code})
            assert passed.status_code == 302, "the code the page showed was refused"


def test_the_demo_code_hint_is_off_outside_debug(client, pilot, settings):
    settings.DEMO_2FA_HINTS = False
    TOTPDevice.objects.create(user=pilot.coach.user, key=settings.DEMO_TOTP_KEY, confirmed=True)
    password_login(client, pilot.coach.user)
    assert "Demo-account" not in client.get(reverse("proeftuin:two-factor-verify")).content.decode()


def test_the_verify_step_does_not_redirect_to_another_site(client, pilot):
    device = TOTPDevice.objects.create(user=pilot.coach.user, confirmed=True)
    password_login(client, pilot.coach.user)
    response = client.post(
        reverse("proeftuin:two-factor-verify"),
        {"code": code_for(device), "next": "https://evil.example/"},
    )
    assert response.url == reverse("proeftuin:home")


# --- brute force ---------------------------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    assert settings.AXES_ENABLED  # as in production, for every test (tests/conftest.py)
    settings.AXES_FAILURE_LIMIT = 3
    yield
    from axes.utils import reset

    reset()


def test_after_too_many_failures_the_name_and_address_pair_is_locked(client, pilot, axes_on):
    user = pilot.participant.user
    for _attempt in range(3):
        password_login(client, user, password="fout", REMOTE_ADDR="10.0.0.1")
    locked = password_login(client, user, REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_a_lockout_from_one_address_does_not_lock_the_user_out_elsewhere(client, pilot, axes_on):
    user = pilot.participant.user
    for _attempt in range(4):
        password_login(client, user, password="fout", REMOTE_ADDR="10.0.0.1")
    elsewhere = password_login(client, user, REMOTE_ADDR="10.0.0.2")
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_forged_forwarded_for_header_does_not_give_fresh_tries(client, pilot, axes_on):
    user = pilot.participant.user
    for attempt in range(3):
        password_login(
            client,
            user,
            password="fout",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    locked = password_login(
        client, user, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert locked.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_behind_a_trusted_proxy_each_client_is_locked_out_on_its_own(
    client, pilot, axes_on, settings
):
    settings.TRUSTED_PROXIES = 1
    user, proxy = pilot.participant.user, "10.0.0.1"
    for _attempt in range(3):
        password_login(
            client, user, password="fout", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5"
        )
    # What the client put in front of the proxy's entry is not trusted.
    forged = "198.51.100.7, 203.0.113.5"
    assert (
        password_login(client, user, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forged).status_code
        == 429
    )

    other_client = password_login(
        client, user, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6"
    )
    assert other_client.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_api_client_that_asks_too_often_gets_a_429(client_for, pilot, monkeypatch):
    cache.clear()
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"user": "2/minute", "anon": "2/minute"}
    )
    client = client_for(pilot.participant)
    statuses = [client.get("/api/schema/").status_code for _i in range(3)]
    cache.clear()
    assert statuses == [200, 200, 429]


# --- sessions ------------------------------------------------------------------------------


def test_logging_in_issues_a_new_session_key(client, pilot):
    client.get(reverse("login"))
    session = client.session
    session["before"] = "login"
    session.save()
    before = session.session_key
    password_login(client, pilot.participant.user)
    assert client.session.session_key != before


def _session_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_session_ends_after_two_hours_without_a_request_and_each_visit_extends_it(pilot, client):
    home = reverse("proeftuin:accessibility")  # any page; the footer shows who is signed in
    name = pilot.participant.user.display_name
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        password_login(client, pilot.participant.user)
        clock.shift(timedelta(hours=1, minutes=50))
        assert name in client.get(home).content.decode()
        clock.shift(timedelta(hours=1, minutes=50))  # 3 h 40 after logging in, 1 h 50 idle
        assert name in client.get(home).content.decode()
        clock.shift(timedelta(hours=2, minutes=1))
        assert name not in client.get(home).content.decode()


def test_the_session_is_written_at_most_once_per_refresh_interval(pilot, client, settings):
    settings.SESSION_REFRESH_SECONDS = 300
    home = reverse("proeftuin:accessibility")
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        password_login(client, pilot.participant.user)
        written = _session_expiry(client)
        clock.shift(timedelta(minutes=4))
        client.get(home)
        assert _session_expiry(client) == written
        clock.shift(timedelta(minutes=2))
        client.get(home)
        assert _session_expiry(client) == written + timedelta(minutes=6)


def test_a_user_can_end_their_other_sessions_and_stays_signed_in_here(pilot):
    from django.test import Client

    user = pilot.participant.user
    here, there = Client(), Client()
    password_login(here, user)
    password_login(there, user)
    home = reverse("proeftuin:accessibility")  # any page; the footer shows who is signed in
    assert shows(there.get(home).content.decode(), user.display_name)

    page = here.get(reverse("proeftuin:account-security"))
    assert "Uitloggen op alle andere apparaten" in page.content.decode()
    here.post(reverse("proeftuin:end-other-sessions"))

    assert shows(here.get(home).content.decode(), user.display_name)
    assert not shows(there.get(home).content.decode(), user.display_name)
    assert User.objects.get(pk=user.pk).sessions_epoch == 1


def test_pages_for_a_signed_in_person_are_not_stored_by_the_browser(client_for, pilot):
    response = client_for(pilot.participant).get(
        reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_public_login_page_may_be_cached_normally(client):
    response = client.get(reverse("proeftuin:accessibility"))
    assert "no-store" not in response.get("Cache-Control", "")


# --- passwords -----------------------------------------------------------------------------


def test_a_password_reset_link_works_only_once(client, pilot):
    user = pilot.participant.user
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/account/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    new = {"new_password1": "een-ander-wachtwoord-77", "new_password2": "een-ander-wachtwoord-77"}
    done = client.post(form_page.redirect_chain[-1][0], new)
    assert done.status_code == 302

    again = client.get(link, follow=True)
    assert "al gebruikt of verlopen" in again.content.decode()
    replay = client.post(
        link.replace(link.rsplit("/", 2)[1], "set-password"),
        {"new_password1": "nog-een-wachtwoord-88", "new_password2": "nog-een-wachtwoord-88"},
    )
    assert replay.status_code == 200
    user.refresh_from_db()
    assert user.check_password("een-ander-wachtwoord-77")


def test_a_reset_token_made_before_a_password_change_is_refused(client, pilot):
    user = pilot.participant.user
    token = default_token_generator.make_token(user)
    user.set_password("gewijzigd-wachtwoord-123")
    user.save()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/account/reset/{uid}/{token}/", follow=True)
    assert "al gebruikt of verlopen" in response.content.decode()


def test_a_weak_password_is_refused_by_the_validators(client_for, pilot):
    client = client_for(pilot.participant)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    pilot.participant.user.refresh_from_db()
    assert pilot.participant.user.check_password(PASSWORD)


def test_an_id_too_large_for_the_database_is_a_404_not_a_500(client_for, pilot):
    client = client_for(pilot.participant)
    response = client.get(f"/p/{2**64}/")
    assert response.status_code == 404

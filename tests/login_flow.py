"""Logging in over the test client the way a person does: the login page, then the second step."""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from proeftuin.accounts import second_factor

from .factories import PASSWORD


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for this device (never one already used)."""
    device.refresh_from_db()
    return second_factor.next_usable_code(device)


def password_login(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.email, "password": password}, **extra)


def pass_second_factor(client, device: TOTPDevice, **extra):
    return client.post(
        reverse("proeftuin:two-factor-verify"), {"code": current_code(device)}, **extra
    )


def log_in(client, user, *, device: TOTPDevice | None = None):
    """The password, then the code of `device` (the user's confirmed app) if the account has one."""
    response = password_login(client, user)
    assert response.status_code == 302, "the password was refused"
    device = device or TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        assert pass_second_factor(client, device).status_code == 302, "the code was refused"
    return client


def mark_session_past_second_factor(session, user) -> None:
    """A session in which `user` has completed (or does not need) the second step."""
    if second_factor.owes_second_factor(user):
        device = second_factor.confirmed_totp_device(user) or TOTPDevice.objects.create(
            user=user, name="Test", confirmed=True
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    else:
        session[second_factor.NOT_NEEDED_SESSION_KEY] = user.pk
    session.save()

"""Two-factor authentication: who must use it, setting up a device, checking a code.

Who must use a second factor: anyone who is a coach or director in an active pilot, and every
staff (admin) account. Anyone else may switch it on; once they have a confirmed device they are
asked for a code at every login too.
"""

import base64
import io
import secrets
import time
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.middleware.csrf import rotate_token
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..errors import DomainError
from ..models import Membership, Role, User
from . import emails

BACKUP_CODE_COUNT = 10
ISSUER = "Proeftuin"

# Paths an unverified user may still reach: the second-factor pages themselves, logging out,
# switching language, static files and the public pages.
OPEN_PATH_PREFIXES = (
    "/account/2fa/",
    "/account/logout/",
    "/account/login/",
    "/account/password_reset/",
    "/account/reset/",
    "/i18n/",
    "/static/",
    "/healthz",
    "/toegankelijkheid",
)


class InvalidCode(DomainError):
    """The code does not match the device; the form shows this message."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message or _("Deze code klopt niet. Probeer de code die nu in je app staat.")
        )


def requires_two_factor(user: User) -> bool:
    """Coaches, directors, the steering group and admins must use a second factor."""
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, is_active=True, role__in=[Role.COACH, Role.DIRECTOR, Role.STEERING]
    ).exists()


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_confirmed_device(user: User) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def owes_second_factor(user: User) -> bool:
    """One query: does this user need a code (required role, admin, or an own device)?"""
    if user.is_staff or user.is_superuser:
        return True
    return User.objects.filter(
        Q(
            memberships__is_active=True,
            memberships__role__in=[Role.COACH, Role.DIRECTOR, Role.STEERING],
        )
        | Q(totpdevice__confirmed=True)
        | Q(staticdevice__confirmed=True),
        pk=user.pk,
    ).exists()


# The session remembers that its user owes no second factor, so most requests cost no query.
# A participant promoted to coach is asked for two factors from their next login on.
NOT_NEEDED_SESSION_KEY = "two_factor_not_needed_for"


def must_verify(request, *, remember: bool = True) -> bool:
    """True when the signed-in user of this request still owes us a second factor.

    `remember=False` asks without noting "not needed" in the session (for showing the menu: a
    page view must not write the session on every request).
    """
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    session = request.session
    if session.get(NOT_NEEDED_SESSION_KEY) == user.pk:
        return False
    if owes_second_factor(user):
        return True
    if remember:
        session[NOT_NEEDED_SESSION_KEY] = user.pk
    return False


# --- setting up a device -----------------------------------------------------------------
#
# A password alone opens a session that may only pass the second factor: verify a device, or use
# a backup code. Adding, replacing or removing a device and making new backup codes needs a session
# that has passed it (or an account with no device yet, which has nothing to pass), and the owner
# is told by e-mail of every such change.

PENDING_DEVICE_SESSION_KEY = "two_factor_pending_device"


class SecondFactorNeeded(Exception):
    """This session has not passed the second factor: it may verify a device, not change one."""


def may_change_second_factor(request) -> bool:
    """Devices and backup codes change only in a session that passed the second factor."""
    user = request.user
    return user.is_verified() or not has_confirmed_device(user)


def _require_change_allowed(request) -> None:
    if not may_change_second_factor(request):
        raise SecondFactorNeeded()


def pending_totp_device(*, request) -> TOTPDevice:
    """The unconfirmed device this session is setting up (created once; reused on reload).

    Kept per session: a key shown to one session (perhaps someone with only the password) is
    never offered to another.
    """
    _require_change_allowed(request)
    device = TOTPDevice.objects.filter(
        pk=request.session.get(PENDING_DEVICE_SESSION_KEY), user=request.user, confirmed=False
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator-app"), confirmed=False
        )
        request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def otpauth_url(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    label = quote(f"{ISSUER}:{device.user.email}")
    return f"otpauth://totp/{label}?secret={secret}&issuer={ISSUER}&digits={device.digits}"


def readable_secret(device: TOTPDevice) -> str:
    """The key in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(data: str) -> str:
    """An inline SVG QR code (rendered on the server: no script, no external service)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration so the SVG can sit inside HTML.
    return svg[svg.index("<svg") :]


@transaction.atomic
def confirm_totp_device(*, request, device: TOTPDevice, code: str) -> list[str]:
    """Confirm this session's new device with its first code; returns fresh backup codes."""
    _require_change_allowed(request)
    user = request.user
    if device.user_id != user.pk or device.pk != request.session.get(PENDING_DEVICE_SESSION_KEY):
        raise InvalidCode()
    if not device.verify_token(_clean(code)):
        raise InvalidCode()
    # The new app replaces the old one and every other session's unfinished set-up.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    del request.session[PENDING_DEVICE_SESSION_KEY]
    _pass_second_factor(request, device)
    codes = _issue_backup_codes(user)
    _tell_owner(user, emails.Change.DEVICE)
    return codes


@transaction.atomic
def replace_backup_codes(*, request) -> list[str]:
    """New backup codes for the signed-in user; the old ones stop working."""
    # Stricter than the other changes: backup codes stand in for an app, so without one there is
    # nothing they could stand in for (and codes alone would switch the second factor on).
    if not request.user.is_verified():
        raise SecondFactorNeeded()
    codes = _issue_backup_codes(request.user)
    _tell_owner(request.user, emails.Change.BACKUP_CODES)
    return codes


def _issue_backup_codes(user: User) -> list[str]:
    """Replace the backup codes: each works once, for when the phone is lost."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Reservecodes"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(*, request, code: str) -> None:
    """Check a code against all confirmed devices (app or backup code) and mark the session."""
    code = _clean(code)
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(code):
            _pass_second_factor(request, device)
            return
    raise InvalidCode()


def _pass_second_factor(request, device) -> None:
    """Mark the session verified under a new session id, as logging in does.

    Passing the second factor raises the session's privilege: an id seen before the code was
    entered (a shared computer, a leaked log) must not carry the verified session.
    """
    otp_login(request, device)
    request.session.cycle_key()
    request.session[PASSED_AT_SESSION_KEY] = int(time.time())
    rotate_token(request)


def pass_second_factor_elsewhere(request, device) -> None:
    """The organisation's provider asked the second factor at this login: it counts as ours."""
    _pass_second_factor(request, device)


# Handing rights to another program (a personal access token) asks for the code again unless
# it was given this recently: a session left open must not be enough.
RECENT_SECONDS = 15 * 60
PASSED_AT_SESSION_KEY = "two_factor_passed_at"


def passed_recently(request) -> bool:
    """True when this session passed the second factor within RECENT_SECONDS."""
    if not request.user.is_verified():
        return False
    passed_at = request.session.get(PASSED_AT_SESSION_KEY) or 0
    return time.time() - passed_at < RECENT_SECONDS


@transaction.atomic
def turn_off_two_factor(*, request) -> None:
    """Remove every device; not allowed for those who must use two factors."""
    _require_change_allowed(request)
    user = request.user
    if requires_two_factor(user):
        raise InvalidCode(_("Voor jouw rol is tweestapsverificatie verplicht."))
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    if devices:
        _tell_owner(user, emails.Change.TURNED_OFF)


def _tell_owner(user: User, change: "emails.Change") -> None:
    # After commit: a change that rolls back must not be announced.
    transaction.on_commit(lambda: emails.send_change_notice(user=user, change=change))


def _clean(code: str) -> str:
    return "".join((code or "").split()).lower()


def next_usable_code(device: TOTPDevice) -> str:
    """The code the device accepts now: a code is accepted once, so after one was used in this
    30-second step it is the next step's (which the device accepts within its tolerance)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = totp.t()
    if device.last_t is not None and device.last_t >= step:
        step = device.last_t + 1
    totp.time = device.t0 + (step - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def demo_hint_code(user: User) -> str | None:
    """The code to type for a demo account whose key is published in the docs (DEBUG demos only)."""
    if not getattr(settings, "DEMO_2FA_HINTS", False):
        return None
    device = confirmed_totp_device(user)
    if device is None or device.key != settings.DEMO_TOTP_KEY:
        return None
    return next_usable_code(device)

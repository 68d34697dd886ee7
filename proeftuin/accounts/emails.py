"""The e-mail that tells a person their second factor changed, in their own language."""

import enum

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from ..models import User
from .language import language_of


class Change(enum.Enum):
    DEVICE = "device"
    BACKUP_CODES = "backup_codes"
    TURNED_OFF = "turned_off"


SUBJECTS = {
    Change.DEVICE: _("Nieuwe authenticator-app gekoppeld aan je account"),
    Change.BACKUP_CODES: _("Nieuwe reservecodes voor je account"),
    Change.TURNED_OFF: _("Tweestapsverificatie uitgezet voor je account"),
}
WHAT_HAPPENED = {
    Change.DEVICE: _(
        "Er is een nieuwe authenticator-app aan je account gekoppeld. "
        "Een app die je eerder gebruikte, werkt niet meer."
    ),
    Change.BACKUP_CODES: _(
        "Er zijn nieuwe reservecodes voor je account gemaakt. De oude codes werken niet meer."
    ),
    Change.TURNED_OFF: _(
        "Tweestapsverificatie is uitgezet: je logt nu in met alleen je wachtwoord."
    ),
}


def compose(*, user: User, change: Change) -> EmailMessage:
    with translation.override(language_of(user)):
        context = {
            "name": user.display_name,
            "what_happened": str(WHAT_HAPPENED[change]),
            "when": formats.date_format(timezone.localtime(), "DATETIME_FORMAT"),
            "reset_url": settings.SITE_URL + reverse("password_reset"),
            "security_url": settings.SITE_URL + reverse("proeftuin:account-security"),
        }
        return EmailMessage(
            subject=str(SUBJECTS[change]),
            body=render_to_string("proeftuin/accounts/email/second_factor_changed.txt", context),
            to=[user.email],
        )


def send_change_notice(*, user: User, change: Change) -> None:
    compose(user=user, change=change).send()

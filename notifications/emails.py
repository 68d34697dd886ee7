"""Composition of a reminder e-mail: templates by rule name, in the recipient's language."""

import html
import logging
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime

from proeftuin.accounts.language import language_of

from . import registry
from .models import Reminder, Rule

logger = logging.getLogger(__name__)


def message_id(reminder: Reminder) -> str:
    """The same Message-ID for every try of one reminder, so mail clients can merge copies."""
    domain = urlparse(settings.SITE_URL).hostname or "proeftuin.invalid"
    return f"<reminder-{reminder.pk}.{reminder.rule}@{domain}>"


def template_names(rule: str, suffix: str) -> list[str]:
    return [f"notifications/email/{rule}{suffix}", f"notifications/email/default{suffix}"]


def _typed(key: str, value):
    """Context values are JSON; by convention `*_at` holds a moment and `*_on` a date."""
    if isinstance(value, str) and key.endswith("_at"):
        return parse_datetime(value) or value
    if isinstance(value, str) and key.endswith("_on"):
        return parse_date(value) or value
    return value


def link_of(reminder: Reminder) -> str:
    """The reminder's page: its context `url` made absolute with SITE_URL, or ""."""
    link = reminder.context.get("url", "")
    return f"{settings.SITE_URL}{link}" if link.startswith("/") else link


def addressee(reminder: Reminder):
    """Who the mail is to: the user, or the guest (both have display_name and email)."""
    return reminder.guest if reminder.guest_id is not None else reminder.recipient


def context_for(reminder: Reminder) -> dict:
    site = settings.SITE_URL
    return {
        **{key: _typed(key, value) for key, value in reminder.context.items()},
        "reminder": reminder,
        "recipient": addressee(reminder),
        "guest": reminder.guest if reminder.guest_id is not None else None,
        "site_url": site,
        "link": link_of(reminder),
        "notifications_url": f"{site}{reverse('notifications:list')}",
        "settings_url": f"{site}{reverse('notifications:settings')}",
    }


def subject_of(reminder: Reminder) -> str:
    """The one-line subject, in the active language (also the title in the in-app list)."""
    template = select_template(template_names(reminder.rule, "_subject.txt"))
    # Templates autoescape; a subject is plain text (the list page escapes it again).
    return html.unescape(" ".join(template.render(context_for(reminder)).split()))


def title_of(reminder: Reminder) -> str:
    """The subject as a title in a list; a reminder whose subject cannot be composed (a context
    from an older version, say) shows its rule's name instead of breaking the whole list."""
    try:
        return subject_of(reminder)
    except Exception:
        logger.exception("could not compose the subject of reminder %s", reminder.pk)
        return str(Rule(reminder.rule).label)


def build(reminder: Reminder) -> EmailMultiAlternatives:
    """The e-mail (plain text and HTML) of a reminder, in the recipient's language."""
    language = (
        reminder.guest.language
        if reminder.guest_id is not None
        else language_of(reminder.recipient)
    )
    with translation.override(language):
        context = context_for(reminder)
        figures = registry.hook(registry.EMAIL_CONTEXT, reminder.rule)
        if figures:
            context.update(figures(reminder))
        subject = subject_of(reminder)
        text = select_template(template_names(reminder.rule, ".txt")).render(context)
        html = select_template(template_names(reminder.rule, ".html")).render(context)
    mail = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[addressee(reminder).email],
        headers={"Message-ID": message_id(reminder), "Auto-Submitted": "auto-generated"},
    )
    mail.attach_alternative(html, "text/html")
    attachments = registry.hook(registry.ATTACHMENTS, reminder.rule)
    for filename, content, mimetype in attachments(reminder) if attachments else []:
        mail.attach(filename, content, mimetype)
    return mail

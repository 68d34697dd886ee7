"""The messages of the workshops app: which facts of a session each reminder carries.

The wording has one home, the rule's templates (notifications/email/session_changed* and
session_feedback*), rendered when the message is sent, in the recipient's language. The context
here holds facts only, never words: a prefix such as "Gaat niet door:" stored with the reminder
would be written a second time by the subject template ("Geannuleerd: Gaat niet door: ...").
"""

from django.conf import settings
from django.urls import reverse

from . import tokens
from .models import Guest, Session, WaitingOffer

CANCELLED = "cancelled"
MOVED = "moved"
MOVED_UP = "moved_up"
FEEDBACK = "feedback"
OFFERED = "offered"
GUEST = "guest"


def session_url(session: Session) -> str:
    return f"{settings.SITE_URL}/p/{session.proeftuin_id}/bijeenkomsten/{session.pk}/"


def session_context(session: Session, change: str) -> dict:
    """The context of a reminder about a session: `change` is one of the constants above."""
    context = {
        "change": change,
        "session_id": session.pk,
        "title": session.title,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "location": session.location,
        "online_url": session.online_url,
        "status": session.status,
        "url": session_url(session),
    }
    if change == FEEDBACK:
        context["feedback_url"] = f"{session_url(session)}feedback/"
    return context


def offer_url(offer: WaitingOffer, action: str) -> str:
    token = tokens.offer_token(offer.pk, action)
    return f"{settings.SITE_URL}{reverse('workshops:offer', kwargs={'token': token})}"


def offer_context(session: Session, offer: WaitingOffer) -> dict:
    """A seat on offer: the session, until when, and the two signed answer links."""
    return {
        **session_context(session, OFFERED),
        "offer_id": offer.pk,
        "expires_at": offer.expires_at.isoformat(),
        "accept_url": offer_url(offer, tokens.ACCEPT),
        "decline_url": offer_url(offer, tokens.DECLINE),
    }


def guest_url(guest: Guest) -> str:
    """A guest's own page (their sign-up: confirm, calendar file, cancel)."""
    token = tokens.guest_token(guest.pk)
    return f"{settings.SITE_URL}{reverse('workshops:guest', kwargs={'token': token})}"


def sign_up_url(session: Session) -> str:
    token = tokens.sign_up_token(session.pk)
    return f"{settings.SITE_URL}{reverse('workshops:guest-sign-up', kwargs={'token': token})}"


def guest_context(session: Session, guest: Guest) -> dict:
    """A mail to a guest: the session's facts and their own page (never the pilot's pages)."""
    context = session_context(session, GUEST)
    context["url"] = context["guest_url"] = guest_url(guest)
    return context

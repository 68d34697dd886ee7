"""iCalendar output: one session as a download or attachment, a user's sessions as a feed."""

from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from proeftuin import validation

from .models import Session

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Proeftuin datagedreven werken//workshops//NL"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "proeftuin.local"


def session_uid(session: Session) -> str:
    """Stable across changes, so calendar clients update an event instead of duplicating it."""
    return f"session-{session.pk}@{_host()}"


def session_url(session: Session) -> str:
    return f"{settings.SITE_URL}/p/{session.proeftuin_id}/bijeenkomsten/{session.pk}/"


def _event(session: Session) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", session.updated_at)
    event.add("created", session.created_at)
    event.add("sequence", session.sequence)
    event.add("summary", session.title)
    event.add("dtstart", timezone.localtime(session.starts_at, AMSTERDAM))
    event.add("dtend", timezone.localtime(session.ends_at, AMSTERDAM))
    description = session.description
    if session.facilitator:
        description = f"{_('Begeleiding')}: {session.facilitator}\n\n{description}"
    if session.online_url:
        description = f"{description}\n\n{_('Online')}: {session.online_url}"
    event.add("description", description.strip())
    location = session.location or session.online_url
    if location:
        event.add("location", location)
    event.add("url", session_url(session))
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", session.title)
        alarm.add("trigger", timedelta(minutes=-30))
        event.add_component(alarm)
    return event


def _in_date_window(session: Session) -> bool:
    try:
        validation.validate_date(session.starts_at)
        validation.validate_date(session.ends_at)
    except ValidationError:
        return False
    return True


def _calendar(sessions: Iterable[Session], *, name: str, method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    # A session stored before dates were bounded may lie near the year 9999, where time zone
    # arithmetic overflows: it is left out rather than breaking the whole feed.
    sessions = [session for session in sessions if _in_date_window(session)]
    for session in sessions:
        calendar.add_component(_event(session))
    # VTIMEZONE for Europe/Amsterdam, with the DST changes of the years the events span.
    years = [s.starts_at.year for s in sessions] or [timezone.now().year]
    calendar.add_missing_timezones(
        first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
    )
    # Time zone definitions first: some clients read the file in one pass.
    calendar.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
    return calendar


def session_ics(session: Session) -> bytes:
    """One session as an .ics file (download, and attachment of reminder e-mails)."""
    method = "CANCEL" if session.is_cancelled else "PUBLISH"
    return _calendar([session], name=session.title, method=method).to_ical()


def feed_ics(sessions: Iterable[Session]) -> bytes:
    """A user's private feed: their sessions, cancelled ones marked so clients remove them."""
    return _calendar(sessions, name=_("Bijeenkomsten proeftuin")).to_ical()

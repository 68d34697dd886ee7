"""Writes of the workshops app: planning, sign-ups, attendance, feedback and calendar feeds."""

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, rrule, weekday
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.models import LearningActivity, Skill
from notifications import services as notifications
from notifications.models import Rule
from proeftuin.errors import DomainError
from proeftuin.models import Membership, Proeftuin, Role, User
from proeftuin.validation import check_link, check_shown_name

from . import emails, selectors
from .models import (
    Attendance,
    CalendarFeed,
    Guest,
    Registration,
    Session,
    SessionFeedback,
    SessionMaterial,
    SessionSeries,
    WaitingOffer,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_SERIES_SESSIONS = 24
FEEDBACK_WINDOW = timedelta(days=7)


class WorkshopError(DomainError):
    """A rule of the workshops app was broken; `field` names the input at fault, if any."""


class InvalidSchedule(WorkshopError):
    """Start after end, or a start in the past."""


class CapacityTooLow(WorkshopError):
    """Fewer seats than people already going."""


class SessionClosed(WorkshopError):
    """The session was cancelled or has already started."""


class NotInPilot(WorkshopError):
    """Someone outside the pilot (or not a participant of it)."""


class NotYetHappened(WorkshopError):
    """Attendance or feedback for a session that has not started."""


@dataclass(frozen=True)
class SessionDetails:
    """What a coach fills in for one session (or for every session of a series)."""

    kind: str
    title: str
    description: str = ""
    facilitator: str = ""
    location: str = ""
    online_url: str = ""
    capacity: int | None = None


# ---------------------------------------------------------------------------------------------
# Planning


def local_datetime(day: date, at: time) -> datetime:
    """The aware moment of a wall-clock time in Amsterdam on that day (DST-correct)."""
    return datetime.combine(day, at).replace(tzinfo=AMSTERDAM)


def monthly_dates(
    *, first_on: date, week_of_month: int, weekday_index: int, count: int
) -> list[date]:
    """Dates of e.g. "the first Tuesday of the month" from `first_on` on, `count` of them."""
    rule = rrule(
        MONTHLY,
        dtstart=datetime.combine(first_on, time()),
        byweekday=weekday(weekday_index, week_of_month),
        count=count,
    )
    return [moment.date() for moment in rule]


def _check_schedule(starts_at: datetime, ends_at: datetime, *, now: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidSchedule(_("Het einde moet na het begin liggen."), field="ends_at")
    if starts_at <= now:
        raise InvalidSchedule(
            _("Een bijeenkomst kan niet in het verleden beginnen."), field="starts_at"
        )


def _check_skills(proeftuin: Proeftuin, skills: Iterable[Skill]) -> list[Skill]:
    skills = list(skills)
    if any(skill.organisation_id != proeftuin.organisation_id for skill in skills):
        raise WorkshopError(
            _("Kies vaardigheden uit de catalogus van je organisatie."), field="skills"
        )
    return skills


def _check_place(details: SessionDetails) -> None:
    if details.capacity is not None and details.capacity < 1:
        raise CapacityTooLow(_("Er moet minstens één plaats zijn."), field="capacity")
    if details.kind not in Session.Kind.values:
        raise WorkshopError(_("Kies een soort bijeenkomst."), field="kind")


@transaction.atomic
def plan_session(
    *,
    proeftuin: Proeftuin,
    details: SessionDetails,
    starts_at: datetime,
    ends_at: datetime,
    skills: Iterable[Skill] = (),
    series: SessionSeries | None = None,
) -> Session:
    """Plan one session in the future."""
    _check_schedule(starts_at, ends_at, now=timezone.now())
    _check_place(details)
    skills = _check_skills(proeftuin, skills)
    session = Session.objects.create(
        proeftuin=proeftuin,
        series=series,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=details.kind,
        title=details.title,
        description=details.description,
        facilitator=details.facilitator,
        location=details.location,
        online_url=details.online_url,
        capacity=details.capacity,
    )
    session.skills.set(skills)
    return session


@transaction.atomic
def plan_series(
    *,
    proeftuin: Proeftuin,
    details: SessionDetails,
    first_on: date,
    week_of_month: int,
    weekday_index: int,
    starts_time: time,
    ends_time: time,
    count: int,
    skills: Iterable[Skill] = (),
) -> SessionSeries:
    """Plan e.g. "first Tuesday of the month, 12:00-13:00, six times" in one step, or nothing."""
    if not 1 <= count <= MAX_SERIES_SESSIONS:
        raise WorkshopError(
            _("Een reeks heeft 1 tot %(max)s bijeenkomsten.") % {"max": MAX_SERIES_SESSIONS},
            field="count",
        )
    if ends_time <= starts_time:
        raise InvalidSchedule(_("Het einde moet na het begin liggen."), field="ends_time")
    skills = _check_skills(proeftuin, skills)
    days = monthly_dates(
        first_on=first_on, week_of_month=week_of_month, weekday_index=weekday_index, count=count
    )
    if local_datetime(days[0], starts_time) <= timezone.now():
        raise InvalidSchedule(
            _("De eerste bijeenkomst van de reeks ligt in het verleden."), field="first_on"
        )
    series = SessionSeries.objects.create(
        proeftuin=proeftuin,
        title=details.title,
        rule=str(
            rrule(
                MONTHLY,
                dtstart=datetime.combine(days[0], starts_time),
                byweekday=weekday(weekday_index, week_of_month),
                count=count,
            )
        ).splitlines()[-1],
    )
    for day in days:
        # Wall-clock times in Amsterdam, so 12:00 stays 12:00 in summer and in winter.
        plan_session(
            proeftuin=proeftuin,
            details=details,
            starts_at=local_datetime(day, starts_time),
            ends_at=local_datetime(day, ends_time),
            skills=skills,
            series=series,
        )
    return series


def _going_count(session: Session) -> int:
    return session.registrations.filter(
        response=Registration.Response.GOING, waiting_since__isnull=True
    ).count()


def _taken_seats(session: Session) -> int:
    """Seats taken by participants going and by confirmed guests."""
    guests = session.guests.filter(confirmed_at__isnull=False, cancelled_at__isnull=True)
    return _going_count(session) + guests.count()


@transaction.atomic
def update_session(
    *,
    session: Session,
    details: SessionDetails,
    starts_at: datetime,
    ends_at: datetime,
    skills: Iterable[Skill] | None = None,
) -> Session:
    """Change (or move) one session; registrants hear about a new time or place."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise SessionClosed(_("Deze bijeenkomst is geannuleerd."))
    now = timezone.now()
    moved = starts_at != session.starts_at or ends_at != session.ends_at
    if moved:
        _check_schedule(starts_at, ends_at, now=now)
    elif session.has_started:
        raise SessionClosed(_("Deze bijeenkomst is al begonnen; je kunt hem niet meer wijzigen."))
    _check_place(details)
    going = _taken_seats(session)
    if details.capacity is not None and details.capacity < going:
        raise CapacityTooLow(
            _("Er komen al %(n)s mensen; kies minstens zoveel plaatsen.") % {"n": going},
            field="capacity",
        )
    place_changed = (details.location, details.online_url) != (
        session.location,
        session.online_url,
    )
    for field in ("kind", "title", "description", "facilitator", "location", "online_url"):
        setattr(session, field, getattr(details, field))
    session.capacity = details.capacity
    session.starts_at, session.ends_at = starts_at, ends_at
    session.sequence += 1
    session.save()
    if skills is not None:
        session.skills.set(_check_skills(session.proeftuin, skills))
    _offer_free_seats(session)
    if moved or place_changed:
        _notify_registrants(session, change=emails.MOVED)
    return session


@transaction.atomic
def cancel_session(*, session: Session) -> Session:
    """Cancel one session; everyone going or maybe gets a message, calendars show it cancelled."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        return session  # already cancelled: nothing changes, nobody is told twice
    if session.has_started:
        raise SessionClosed(_("Deze bijeenkomst is al begonnen; annuleren kan niet meer."))
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.save(update_fields=["status", "sequence", "updated_at"])
    _notify_registrants(session, change=emails.CANCELLED)
    return session


def _notify_registrants(session: Session, *, change: str) -> None:
    registrations = session.registrations.filter(
        response__in=[Registration.Response.GOING, Registration.Response.MAYBE],
        membership__is_active=True,
    ).select_related("membership__user")
    context = emails.session_context(session, change)
    for registration in registrations:
        _tell_about_session(session, registration, period=f"seq{session.sequence}", context=context)
    # Guests hear it too, with their own page as the link (they cannot open the pilot's).
    for guest in session.guests.filter(confirmed_at__isnull=False, cancelled_at__isnull=True):
        notifications.schedule(
            rule=Rule.SESSION_CHANGED,
            guest=guest,
            subject_key=f"session:{session.pk}",
            period=f"seq{session.sequence}",
            due_at=timezone.now(),
            context={**emails.guest_context(session, guest), "change": change},
        )


def _tell_about_session(
    session: Session, registration: Registration, *, period: str, context: dict
) -> None:
    """One message about a change to the session, once per registrant and period."""
    notifications.schedule(
        rule=Rule.SESSION_CHANGED,
        recipient=registration.membership.user,
        subject_key=f"session:{session.pk}",
        period=period,
        due_at=timezone.now(),
        context=context,
        proeftuin=session.proeftuin,
    )


# ---------------------------------------------------------------------------------------------
# Sign-ups and the waiting list


def _check_participant(session: Session, membership: Membership) -> None:
    if (
        membership.proeftuin_id != session.proeftuin_id
        or membership.role != Role.PARTICIPANT
        or not membership.is_active
    ):
        raise NotInPilot(_("Alleen deelnemers van deze proeftuin kunnen zich aanmelden."))


@transaction.atomic
def register(*, session: Session, membership: Membership, response: str) -> Registration:
    """Record a participant's answer; a full session puts "going" on the waiting list."""
    # Lock the session row: concurrent sign-ups count the free seats one after another.
    session = Session.objects.select_for_update().get(pk=session.pk)
    _check_participant(session, membership)
    if session.is_cancelled:
        raise SessionClosed(_("Deze bijeenkomst is geannuleerd."))
    if session.has_started:
        raise SessionClosed(_("Deze bijeenkomst is al begonnen."))
    if response not in Registration.Response.values:
        raise WorkshopError(_("Kies ik kom, misschien of ik kom niet."), field="response")

    registration = Registration.objects.filter(session=session, membership=membership).first()
    if registration is not None and registration.response == response:
        return registration  # the same answer again changes nothing (and keeps a waiting place)

    had_seat = (
        registration is not None
        and registration.response == Registration.Response.GOING
        and registration.waiting_since is None
    )
    full = (
        session.capacity is not None
        and _taken_seats(session) + _open_offers(session).count() >= session.capacity
    )
    waiting_since = timezone.now() if response == Registration.Response.GOING and full else None
    if registration is None:
        registration = Registration.objects.create(
            session=session, membership=membership, response=response, waiting_since=waiting_since
        )
    else:
        registration.response = response
        registration.waiting_since = waiting_since
        registration.save(update_fields=["response", "waiting_since", "updated_at"])
    # Leaving the list with a seat on offer declines it, so the seat passes on at once.
    left_offer = registration.offers.filter(state=WaitingOffer.State.OPEN).update(
        state=WaitingOffer.State.DECLINED, answered_at=timezone.now()
    )
    if had_seat or left_offer:
        _offer_free_seats(session)
    return registration


OFFER_HOURS = 24


class OfferClosed(WorkshopError):
    """The offer was answered already, has expired, or its seat is gone; nothing changed."""


def _open_offers(session: Session):
    return WaitingOffer.objects.filter(registration__session=session, state=WaitingOffer.State.OPEN)


def _offer_free_seats(session: Session, *, now: datetime | None = None) -> list[WaitingOffer]:
    """Offer each free seat to the next person waiting; the seat is theirs until the offer ends.

    The caller holds the session's row lock. Without a capacity nobody waits for a seat, so
    everyone waiting moves up at once.
    """
    now = now or timezone.now()
    if not session.open_for_answers:
        return []
    waiting = session.registrations.filter(
        response=Registration.Response.GOING, waiting_since__isnull=False
    ).select_related("membership__user")
    if session.capacity is None:
        for registration in waiting:
            registration.waiting_since = None
            registration.save(update_fields=["waiting_since", "updated_at"])
        return []
    # An open offer holds its seat, so it counts as taken until it is answered or expires.
    free = session.capacity - _going_count(session) - _open_offers(session).count()
    if free <= 0:
        return []
    candidates = waiting.exclude(offers__state=WaitingOffer.State.OPEN).order_by(
        "waiting_since", "pk"
    )[:free]
    expires_at = min(now + timedelta(hours=OFFER_HOURS), session.starts_at)
    offers = []
    for registration in candidates:
        offer = WaitingOffer.objects.create(
            registration=registration, created_at=now, expires_at=expires_at
        )
        offers.append(offer)
        notifications.schedule(
            rule=Rule.SESSION_OFFER,
            recipient=registration.membership.user,
            subject_key=f"session:{session.pk}",
            period=f"offer-{offer.pk}",
            due_at=now,
            context=emails.offer_context(session, offer),
            proeftuin=session.proeftuin,
        )
    return offers


def _locked_offer(offer_id: int) -> tuple[WaitingOffer, Session]:
    offer = WaitingOffer.objects.select_related("registration").filter(pk=offer_id).first()
    if offer is None:
        raise OfferClosed(_("Dit aanbod bestaat niet (meer)."))
    # The session row first, as register does: accepting and signing up count seats in turn.
    session = Session.objects.select_for_update().get(pk=offer.registration.session_id)
    offer = (
        WaitingOffer.objects.select_for_update()
        .select_related("registration__membership__user")
        .get(pk=offer_id)
    )
    return offer, session


def offer_closed_reason(offer: WaitingOffer, now: datetime | None = None) -> str:
    """Why an offer can no longer be answered, in words for its page; "" while it is open."""
    now = now or timezone.now()
    session = offer.registration.session
    if offer.state == WaitingOffer.State.ACCEPTED:
        return _("Je hebt deze plek al aangenomen; je staat aangemeld.")
    if offer.state == WaitingOffer.State.DECLINED:
        return _("Je hebt dit aanbod al afgeslagen; de plek is doorgegeven.")
    if offer.state == WaitingOffer.State.EXPIRED or offer.expires_at <= now:
        return _("Dit aanbod is verlopen; de plek is doorgegeven aan de volgende.")
    if not session.open_for_answers:
        return _("Deze bijeenkomst is geannuleerd of al begonnen.")
    return ""


def _check_offer_open(offer: WaitingOffer, session: Session, now: datetime) -> None:
    offer.registration.session = session
    reason = offer_closed_reason(offer, now)
    if reason:
        raise OfferClosed(reason)


@transaction.atomic
def accept_offer(*, offer_id: int, membership: Membership | None = None) -> Registration:
    """Take the offered seat once; a second answer or one after expiry raises OfferClosed.

    `membership`, when given (an answer on the session page), must be the offer's own.
    """
    now = timezone.now()
    offer, session = _locked_offer(offer_id)
    registration = offer.registration
    if membership is not None and registration.membership_id != membership.pk:
        raise OfferClosed(_("Dit aanbod bestaat niet (meer)."))
    _check_offer_open(offer, session, now)
    if registration.response != Registration.Response.GOING or not registration.waiting:
        raise OfferClosed(_("Je staat niet meer op de wachtlijst voor deze bijeenkomst."))
    if session.capacity is not None and _taken_seats(session) >= session.capacity:
        raise OfferClosed(_("Deze plek is intussen niet meer vrij."))
    offer.state = WaitingOffer.State.ACCEPTED
    offer.answered_at = now
    offer.save(update_fields=["state", "answered_at"])
    registration.waiting_since = None
    registration.save(update_fields=["waiting_since", "updated_at"])
    return registration


@transaction.atomic
def decline_offer(*, offer_id: int, membership: Membership | None = None) -> WaitingOffer:
    """Say no to the seat: it goes to the next person waiting, and you leave the list."""
    now = timezone.now()
    offer, session = _locked_offer(offer_id)
    registration = offer.registration
    if membership is not None and registration.membership_id != membership.pk:
        raise OfferClosed(_("Dit aanbod bestaat niet (meer)."))
    _check_offer_open(offer, session, now)
    offer.state = WaitingOffer.State.DECLINED
    offer.answered_at = now
    offer.save(update_fields=["state", "answered_at"])
    registration.response = Registration.Response.NOT_GOING
    registration.waiting_since = None
    registration.save(update_fields=["response", "waiting_since", "updated_at"])
    _offer_free_seats(session, now=now)
    return offer


def expire_offers(*, now: datetime) -> int:
    """Close the offers past their time and pass each seat on; a second run finds none.

    Run by the reminder sweep (notifications/registry.py), so beat drives it every few minutes.
    """
    expired = 0
    due = WaitingOffer.objects.filter(state=WaitingOffer.State.OPEN, expires_at__lte=now)
    for session_id in set(due.values_list("registration__session_id", flat=True)):
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            # Claimed by a conditional UPDATE under the session lock: of two sweeps at once
            # only one moves these rows, and only that one passes the seats on.
            ids = list(
                due.filter(registration__session_id=session_id).values_list(
                    "registration_id", flat=True
                )
            )
            count = due.filter(registration__session_id=session_id).update(
                state=WaitingOffer.State.EXPIRED
            )
            if not count:
                continue
            expired += count
            # Who let the offer pass leaves the list; they can sign up again at its end.
            Registration.objects.filter(pk__in=ids, waiting_since__isnull=False).update(
                response=Registration.Response.NOT_GOING, waiting_since=None, updated_at=now
            )
            _offer_free_seats(session, now=now)
    return expired


# ---------------------------------------------------------------------------------------------
# Guests: colleagues outside the pilot at a session open to the organisation

GUEST_RETENTION = timedelta(days=30)


class GuestNotFound(WorkshopError):
    """A guest link of a sign-up that was erased, or never was."""


@transaction.atomic
def set_open_to_colleagues(*, session: Session, is_open: bool) -> Session:
    """The coach opens a session to the whole organisation (or closes it to new guests)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if is_open and not session.open_for_answers:
        raise SessionClosed(_("Deze bijeenkomst is geannuleerd of al begonnen."))
    session.open_to_colleagues = is_open
    session.save(update_fields=["open_to_colleagues", "updated_at"])
    return session


def _check_guest_input(name: str, email: str) -> tuple[str, str]:
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise WorkshopError(_("Vul je naam in."), field="name")
    if len(name) > 150:
        raise WorkshopError(_("Je naam mag hoogstens 150 tekens hebben."), field="name")
    check_shown_name(name, field="name")
    try:
        validate_email(email)
    except ValidationError:
        raise WorkshopError(
            _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl."), field="email"
        ) from None
    return name, email


def _check_guest_seat(session: Session) -> None:
    if not session.open_to_colleagues:
        raise SessionClosed(_("Aanmelden als gast kan voor deze bijeenkomst niet (meer)."))
    if not session.open_for_answers:
        raise SessionClosed(_("Deze bijeenkomst is geannuleerd of al begonnen."))
    taken = _taken_seats(session) + _open_offers(session).count()
    if session.capacity is not None and taken >= session.capacity:
        raise SessionClosed(_("Deze bijeenkomst is vol. Aanmelden als gast kan niet meer."))


@transaction.atomic
def sign_up_guest(*, session_id: int, name: str, email: str, language: str = "nl") -> Guest:
    """A colleague signs up; the seat is theirs once they confirm by the mail's link."""
    session = Session.objects.select_for_update().get(pk=session_id)
    name, email = _check_guest_input(name, email)
    _check_guest_seat(session)
    existing = session.guests.filter(email__iexact=email, cancelled_at__isnull=True).first()
    if existing is not None:
        # The page answers as for a new sign-up: whoever holds the coach's link must not learn
        # whether an address signed up. The address's owner gets their own link again, at most
        # once a day (the ledger's key), so the form cannot be used to flood their mailbox.
        _send_guest_link(session, existing, again=True)
        return existing
    guest = Guest.objects.create(
        session=session, name=name, email=email, language=language if language == "en" else "nl"
    )
    _send_guest_link(session, guest, again=False)
    return guest


def _send_guest_link(session: Session, guest: Guest, *, again: bool) -> None:
    """The mail with the guest's own link: the first one, or the link asked for again today."""
    notifications.schedule(
        rule=Rule.GUEST_CONFIRM,
        guest=guest,
        subject_key=f"session:{session.pk}",
        period=f"again:{timezone.localdate().isoformat()}" if again else "confirm",
        due_at=timezone.now(),
        context={**emails.guest_context(session, guest), "again": again},
    )


def _locked_guest(guest_id: int) -> tuple[Guest, Session]:
    guest = Guest.objects.filter(pk=guest_id).first()
    if guest is None:
        raise GuestNotFound(_("Deze aanmelding bestaat niet (meer)."))
    session = Session.objects.select_for_update().get(pk=guest.session_id)
    return Guest.objects.select_for_update().get(pk=guest_id), session


@transaction.atomic
def confirm_guest(*, guest_id: int) -> Guest:
    """The guest's link confirms the sign-up and takes the seat; a second time changes nothing."""
    guest, session = _locked_guest(guest_id)
    if guest.cancelled_at is not None:
        raise SessionClosed(_("Je hebt je afgemeld. Meld je opnieuw aan via de link van de coach."))
    if guest.confirmed_at is not None:
        return guest
    _check_guest_seat(session)
    guest.confirmed_at = timezone.now()
    guest.save(update_fields=["confirmed_at"])
    return guest


@transaction.atomic
def cancel_guest(*, guest_id: int) -> Guest:
    """The guest cancels by their link; a seat they held goes to the waiting list."""
    guest, session = _locked_guest(guest_id)
    if guest.cancelled_at is not None:
        return guest
    if session.has_started:
        raise SessionClosed(_("Deze bijeenkomst is al begonnen."))
    held = guest.holds_seat
    guest.cancelled_at = timezone.now()
    guest.save(update_fields=["cancelled_at"])
    if held:
        _offer_free_seats(session)
    return guest


@transaction.atomic
def mark_guests_present(*, session: Session, present: Iterable[int]) -> int:
    """The coach marks which confirmed guests came; the others are marked absent."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.has_started:
        raise NotYetHappened(_("Aanwezigheid kun je pas na het begin van de bijeenkomst invullen."))
    guests = session.guests.filter(confirmed_at__isnull=False, cancelled_at__isnull=True)
    present = set(present)
    if present - set(guests.values_list("pk", flat=True)):
        raise NotInPilot(_("Kies gasten van deze bijeenkomst."), field="guests")
    guests.filter(pk__in=present).update(present=True)
    guests.exclude(pk__in=present).update(present=False)
    session.guests_present = len(present)
    session.save(update_fields=["guests_present", "updated_at"])
    return len(present)


def erase_past_guests(*, now: datetime | None = None) -> int:
    """Delete guests (and their mails) 30 days after their session; a second run finds none."""
    now = now or timezone.now()
    _total, per_model = Guest.objects.filter(session__ends_at__lt=now - GUEST_RETENTION).delete()
    return per_model.get(Guest._meta.label, 0)


# ---------------------------------------------------------------------------------------------
# Attendance


class AlreadyLogged(WorkshopError):
    """The participant's own activity for the session exists already; a second would double."""


State = Attendance.State
REASON_MAX = 300


@transaction.atomic
def set_attendance(
    *,
    session: Session,
    present: Iterable[int] = (),
    absent: Iterable[int] = (),
    late: Iterable[int] = (),
    excused: Iterable[int] = (),
    reasons: Mapping[int, str] | None = None,
) -> list[Attendance]:
    """Mark each person's state (membership ids); each present or late person has one activity.

    Their own logged activity for the session is linked when there is one (see
    `selectors.session_activities`), otherwise one is created; marking excused or absent deletes
    only an activity that marking created, and unlinks their own (keeping what they wrote).
    `reasons` go with excused marks; a reason given in advance stays when the coach gives none.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise SessionClosed(_("Deze bijeenkomst is geannuleerd."))
    if not session.has_started:
        raise NotYetHappened(_("Aanwezigheid kun je pas na het begin van de bijeenkomst invullen."))
    states: dict[int, str] = {}
    for state, ids in ((State.PRESENT, present), (State.LATE, late), (State.EXCUSED, excused)):
        for pk in ids:
            if pk in states:
                raise WorkshopError(_("Kies voor iedereen één mogelijkheid."), field="present")
            states[pk] = state
    for pk in absent:
        states.setdefault(pk, State.ABSENT)
    reasons = {pk: _clean_reason(text) for pk, text in (reasons or {}).items()}
    return _apply_marks(session, states, reasons)


def _apply_marks(
    session: Session, states: dict[int, str], reasons: Mapping[int, str]
) -> list[Attendance]:
    """Write the marks of a locked session: one row and at most one activity per person."""
    members = {
        m.pk: m
        for m in Membership.objects.filter(
            pk__in=states, proeftuin_id=session.proeftuin_id, role=Role.PARTICIPANT
        ).select_related("user")
    }
    if set(members) != set(states):
        raise NotInPilot(
            _("Je kunt alleen deelnemers van deze proeftuin aanwezig melden."), field="present"
        )
    existing = {a.membership_id: a for a in session.attendances.filter(membership_id__in=states)}
    activities = selectors.session_activities(session, states)
    skills = list(session.skills.all())
    marked = []
    now = timezone.now()
    for membership_id in sorted(states):
        attendance = existing.get(membership_id) or Attendance(
            session=session, membership_id=membership_id
        )
        _mark(attendance, states[membership_id], reasons.get(membership_id), now=now)
        _record_learning(
            session, members[membership_id], attendance, activities[membership_id], skills, now
        )
        attendance.save()
        marked.append(attendance)
    return marked


def _clean_reason(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > REASON_MAX:
        raise WorkshopError(
            _("Houd de reden kort: hoogstens %(n)s tekens.") % {"n": REASON_MAX}, field="reason"
        )
    return text


def _mark(attendance: Attendance, state: str, reason: str | None, *, now: datetime) -> None:
    if attendance.pk is None or attendance.state != state:
        attendance.state = state
        attendance.marked_at = now
    if state != State.EXCUSED:
        attendance.reason = ""
    elif reason:
        attendance.reason = reason


def _record_learning(
    session: Session,
    membership: Membership,
    attendance: Attendance,
    activity: selectors.SessionActivity,
    skills: list[Skill],
    now: datetime,
) -> None:
    """Present and late count as learning (one activity); excused and absent do not."""
    if attendance.counts:
        attendance.created_activity = _link_or_create_activity(
            session, membership, activity, skills
        )
        _ask_for_feedback(session, membership, now=now)
    else:
        _drop_activity(activity)
        attendance.created_activity = False


def _link_or_create_activity(
    session: Session,
    membership: Membership,
    activity: selectors.SessionActivity,
    skills: list[Skill],
) -> bool:
    """Give the present person their one activity of the session; True when it was created."""
    if activity.linked is not None:
        return activity.created_by_attendance
    if activity.own_unlinked is not None:
        activity.own_unlinked.session = session
        activity.own_unlinked.save(update_fields=["session"])
        return False
    created = LearningActivity.objects.create(
        membership=membership,
        session=session,
        kind=session.kind,
        on=selectors.session_day(session),
        minutes=selectors.activity_minutes(session),
        title=session.title[:200],
    )
    created.skills.set(skills)
    return True


def _drop_activity(activity: selectors.SessionActivity) -> None:
    if activity.linked is None:
        return
    if activity.created_by_attendance:
        activity.linked.delete()
    else:
        activity.linked.session = None
        activity.linked.save(update_fields=["session"])


@transaction.atomic
def count_logged_activity_once(*, activity: LearningActivity) -> None:
    """A participant's own log of a session they were marked present at counts it once.

    Their activity takes the place of the one marking created (their words and minutes win,
    as when they log first and are marked after); when their own activity for that session is
    linked already, a second is refused with AlreadyLogged. Editing the activity linked to a
    session makes it theirs, so unmarking keeps it.
    """
    if activity.session_id is not None:
        Attendance.objects.filter(
            session_id=activity.session_id, membership_id=activity.membership_id
        ).update(created_activity=False)
        return
    # Locked like set_attendance locks them, so logging and marking at once still count once.
    sessions = list(
        Session.objects.select_for_update(of=("self",))
        .filter(
            proeftuin_id=activity.membership.proeftuin_id,
            status=Session.Status.PLANNED,
            kind=activity.kind,
            starts_at__gte=local_datetime(activity.on, time()),
            starts_at__lt=local_datetime(activity.on + timedelta(days=1), time()),
            attendances__membership_id=activity.membership_id,
            attendances__state__in=Attendance.COUNTED,
        )
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        found = selectors.session_activities(session, [activity.membership_id])
        linked = found[activity.membership_id].linked
        if linked is not None and not found[activity.membership_id].created_by_attendance:
            continue  # their own activity of this session is linked already
        if linked is not None:
            linked.delete()
        activity.session = session
        activity.save(update_fields=["session"])
        if not activity.skills.exists():
            activity.skills.set(session.skills.all())
        session.attendances.filter(membership_id=activity.membership_id).update(
            created_activity=False
        )
        return
    if sessions:
        own = LearningActivity.objects.get(session=sessions[0], membership=activity.membership)
        raise AlreadyLogged(
            _(
                "Je hebt “%(title)s” van %(day)s al gelogd. Vul die activiteit aan in plaats "
                "van een tweede te maken."
            )
            % {"title": own.title, "day": date_format(own.on, "j F Y")}
        )


def _ask_for_feedback(session: Session, membership: Membership, *, now: datetime) -> None:
    # Only while the session is fresh in memory: marking old sessions sends no requests.
    if session.ends_at < now - FEEDBACK_WINDOW or not membership.is_active:
        return
    notifications.schedule(
        rule=Rule.SESSION_FEEDBACK,
        recipient=membership.user,
        subject_key=f"session:{session.pk}",
        period="feedback",
        due_at=max(now, session.ends_at),
        context=emails.session_context(session, emails.FEEDBACK),
        proeftuin=session.proeftuin,
    )


# ---------------------------------------------------------------------------------------------
# Self check-in and excuses in advance

# No 0/O, 1/I/L or 5/S: the code is read off a projector and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
CODE_LENGTH = 6


class CheckInClosed(WorkshopError):
    """Outside the check-in window of the session (or it was cancelled)."""


class WrongCode(WorkshopError):
    """The code is not this session's: mistyped, of another session, or of another pilot."""


def normalise_code(text: str) -> str:
    """What people type, as the code is shown: capitals, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def _check_in_window(session: Session) -> None:
    if session.is_cancelled:
        raise CheckInClosed(_("%(title)s gaat niet door.") % {"title": session.title})
    if not session.check_in_open:
        raise CheckInClosed(
            _(
                "Inchecken voor %(title)s kan van een half uur voor het begin tot het einde "
                "van de bijeenkomst."
            )
            % {"title": session.title}
        )


@transaction.atomic
def check_in_code(*, session: Session) -> str:
    """The session's code for the room, made the first time the coach shows it."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _check_in_window(session)
    if not session.check_in_code:
        session.check_in_code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        # Not updated_at or sequence: a code is not a change calendars need to hear about.
        session.save(update_fields=["check_in_code"])
    return session.check_in_code


@transaction.atomic
def check_in(*, session: Session, membership: Membership, code: str) -> Attendance:
    """Mark a participant present with the code shown in the room; a second time changes nothing.

    Records the learning activity once, as the coach's marking does (their own log is linked).
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    _check_participant(session, membership)
    _check_in_window(session)
    typed = normalise_code(code)
    if not session.check_in_code or not secrets.compare_digest(
        typed.encode(), session.check_in_code.encode()
    ):
        raise WrongCode(
            _(
                "Deze code hoort niet bij %(title)s. Kijk nog eens op het scherm in de zaal en "
                "typ de zes tekens over."
            )
            % {"title": session.title},
            field="code",
        )
    attendance = session.attendances.filter(membership=membership).first()
    if attendance is not None and attendance.counts:
        return attendance
    (attendance,) = _apply_marks(session, {membership.pk: State.PRESENT}, {})
    attendance.checked_in_at = timezone.now()
    attendance.save(update_fields=["checked_in_at"])
    return attendance


@transaction.atomic
def excuse(*, session: Session, membership: Membership, reason: str) -> Attendance:
    """A participant who cannot come says so in advance, with a reason for the coach.

    It also answers "ik kom niet", so a seat they held goes to the waiting list.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    _check_participant(session, membership)
    if session.is_cancelled or session.has_started:
        raise SessionClosed(
            _("Afmelden kan tot het begin; daarna vult de coach de aanwezigheid in."),
            field="reason",
        )
    reason = _clean_reason(reason)
    if not reason:
        raise WorkshopError(_("Schrijf kort waarom je er niet bij kunt zijn."), field="reason")
    register(session=session, membership=membership, response=Registration.Response.NOT_GOING)
    (attendance,) = _apply_marks(session, {membership.pk: State.EXCUSED}, {membership.pk: reason})
    return attendance


@transaction.atomic
def withdraw_excuse(*, session: Session, membership: Membership) -> None:
    """Take back an excuse before the session starts (the answer stays as it is)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.has_started:
        raise SessionClosed(_("Deze bijeenkomst is al begonnen."))
    session.attendances.filter(membership=membership, state=State.EXCUSED).delete()


# ---------------------------------------------------------------------------------------------
# Materials and minutes


@transaction.atomic
def add_material(*, session: Session, title: str, url: str) -> SessionMaterial:
    """A link to slides or other material (http or https only: no files are stored)."""
    check_link(url, field="url")
    title = " ".join((title or "").split())
    if not url:
        raise WorkshopError(_("Vul een link in."), field="url")
    if not title:
        raise WorkshopError(_("Geef het materiaal een naam."), field="title")
    return SessionMaterial.objects.create(session=session, title=title[:200], url=url)


def remove_material(*, session: Session, material_id: int) -> None:
    SessionMaterial.objects.filter(session=session, pk=material_id).delete()


def set_summary(*, session: Session, summary: str) -> Session:
    """The short summary people read afterwards (what was discussed, what to try)."""
    summary = (summary or "").strip()
    if len(summary) > 2000:
        raise WorkshopError(_("Houd de samenvatting kort: hoogstens 2000 tekens."), field="summary")
    session.summary = summary
    session.save(update_fields=["summary", "updated_at"])
    return session


# ---------------------------------------------------------------------------------------------
# Feedback


def may_give_feedback(session: Session, membership: Membership) -> bool:
    """Attendees of a session that has ended (present, or going while nobody marked them)."""
    if session.is_cancelled or session.ends_at > timezone.now():
        return False
    if membership.proeftuin_id != session.proeftuin_id or membership.role != Role.PARTICIPANT:
        return False
    attendance = session.attendances.filter(membership=membership).first()
    if attendance is not None:
        return attendance.counts
    return session.registrations.filter(
        membership=membership, response=Registration.Response.GOING, waiting_since__isnull=True
    ).exists()


@transaction.atomic
def give_feedback(
    *, session: Session, membership: Membership, usefulness: int, improvement: str = ""
) -> SessionFeedback:
    """Store (or replace) one attendee's two answers."""
    if not may_give_feedback(session, membership):
        raise NotYetHappened(_("Feedback geven kan na afloop, als je erbij was."))
    if not 1 <= usefulness <= 5:
        raise WorkshopError(_("Kies een cijfer van 1 tot 5."), field="usefulness")
    feedback, _created = SessionFeedback.objects.update_or_create(
        session=session,
        membership=membership,
        defaults={"usefulness": usefulness, "improvement": improvement.strip()[:500]},
    )
    return feedback


# ---------------------------------------------------------------------------------------------
# Calendar feeds


@transaction.atomic
def create_calendar_feed(*, user: User) -> CalendarFeed:
    """A fresh private feed URL; older ones of the user stop working."""
    revoke_calendar_feeds(user=user)
    return CalendarFeed.objects.create(user=user)


def revoke_calendar_feeds(*, user: User) -> int:
    """Stop every feed URL of the user; returns how many were active."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )

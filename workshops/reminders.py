"""Reminder rules of the workshops app: sessions coming up, and the coach's next month.

Timing constants are at the top; moments are computed in Europe/Amsterdam and stored in UTC.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Case, CharField, DateField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils import timezone

from notifications import pilot_timing
from notifications import services as notifications
from notifications.models import Reminder, Rule
from notifications.paths import PathPattern
from notifications.services import Planned, not_in_ledger, schedule_many, without_opt_outs
from notifications.timing import DaysAfter, UtcStamp, at_local, local_date, local_zone, utc_stamp
from proeftuin.models import Membership, Proeftuin, Role
from proeftuin.months import first_of_next_month

from . import emails, services
from .calendar import session_ics
from .models import Guest, Registration, Session, WaitingOffer

# Session reminder: 09:00 the pilot's `session_days_before` days before (two unless the coach
# chose otherwise), and 07:30 on the day (or an hour before an earlier start).
DAYS_BEFORE = pilot_timing.default("session_days_before")
# The planner's window reaches as far ahead as the highest value a coach may choose.
MAX_DAYS_BEFORE = pilot_timing.bounds("session_days_before")[1]
DAYS_BEFORE_AT = time(9, 0)
MORNING_AT = time(7, 30)
MORNING_LEAD = timedelta(hours=1)
# The coach: on the 15th at 09:00 when next month has no session yet.
COACH_DAY_OF_MONTH = 15
COACH_AT = time(9, 0)

WANTED_RESPONSES = [Registration.Response.GOING, Registration.Response.MAYBE]


def session_reminder_moments(
    starts_at: datetime, days_before: int = DAYS_BEFORE
) -> dict[str, datetime]:
    """When the two reminders of a session starting at `starts_at` are due."""
    day = local_date(starts_at)
    morning = min(at_local(day, MORNING_AT), starts_at - MORNING_LEAD)
    return {
        "2d": at_local(day - timedelta(days=days_before), DAYS_BEFORE_AT),
        "morning": morning,
    }


def _which_is_due(
    starts_at: datetime, now: datetime, days_before: int = DAYS_BEFORE
) -> tuple[str, datetime] | None:
    """The reminder due at `now`: each only until the next one (or the start) takes over."""
    moments = session_reminder_moments(starts_at, days_before)
    if moments["morning"] <= now < starts_at:
        return "morning", moments["morning"]
    if moments["2d"] <= now < moments["morning"]:
        return "2d", moments["2d"]
    return None


def plan_session_reminders(now: datetime, limit: int | None = None) -> int:
    """Going or maybe, the pilot's days before and on the morning; one query plus the insert.

    The query returns only rows the ledger does not hold yet, from planned sessions of the
    next `MAX_DAYS_BEFORE` days (an index): its cost follows what is newly due. A sweep that
    was missed is caught up by the next, as nothing here depends on when the last one ran.
    `limit`: at most that many rows (the sweep's batch; notifications.registry).
    """
    rule = Rule.SESSION_SOON
    today = local_date(now)
    zone = local_zone()
    # The days-before reminder of a session on local day D is due from 09:00 on D - days, so
    # by now it is due for sessions up to `last_day + days` (each pilot's own days).
    last_day = today if now >= at_local(today, DAYS_BEFORE_AT) else today - timedelta(days=1)
    # The morning reminder (mirrors session_reminder_moments, which stays the judge below).
    morning_due = Q(session__starts_at__lte=now + MORNING_LEAD)
    if now >= at_local(today, MORNING_AT):
        morning_due |= Q(session__starts_at__lt=at_local(today + timedelta(days=1), time(0, 0)))
    rows = (
        Registration.objects.filter(
            response__in=WANTED_RESPONSES,
            waiting_since__isnull=True,
            membership__is_active=True,
            membership__user__is_active=True,
            session__status=Session.Status.PLANNED,
            session__starts_at__gt=now,
            # The index's window (session_soon_window), then each pilot's own days.
            session__starts_at__lt=at_local(
                last_day + timedelta(days=MAX_DAYS_BEFORE + 1), time(0, 0)
            ),
            session__proeftuin__ends_on__gte=today,
        )
        .annotate(local_day=TruncDate("session__starts_at", tzinfo=zone))
        .filter(
            local_day__lte=DaysAfter(
                Value(last_day, DateField()), F("session__proeftuin__session_days_before")
            )
        )
        .filter(without_opt_outs(rule, "membership__user_id"))
        .annotate(
            ledger_subject=Concat(Value("session:"), Cast("session_id", CharField())),
            ledger_period=Concat(
                Case(When(morning_due, then=Value("morning@")), default=Value("2d@")),
                UtcStamp("session__starts_at"),
            ),
        )
        .filter(
            not_in_ledger(
                rule,
                recipient="membership__user_id",
                subject_key="ledger_subject",
                period="ledger_period",
            )
        )
        .values(
            "membership__user_id",
            "session_id",
            "session__proeftuin_id",
            "session__proeftuin__session_days_before",
            "session__title",
            "session__starts_at",
            "session__ends_at",
            "session__location",
            "session__online_url",
            "response",
        )
    )
    rows = notifications.first_rows(rows, limit)
    session_path = PathPattern("workshops:session-detail", "pilot", "session")
    planned = []
    for row in rows:
        starts_at = row["session__starts_at"]
        days_before = row["session__proeftuin__session_days_before"]
        due = _which_is_due(starts_at, now, days_before)
        if due is None:
            continue
        which, due_at = due
        planned.append(
            Planned(
                rule=rule,
                recipient_id=row["membership__user_id"],
                proeftuin_id=row["session__proeftuin_id"],
                subject_key=f"session:{row['session_id']}",
                # The start is part of the period: a moved session is reminded again.
                period=f"{which}@{utc_stamp(starts_at)}",
                due_at=due_at,
                context={
                    "session_id": row["session_id"],
                    "which": which,
                    "days_before": days_before,
                    "title": row["session__title"],
                    "starts_at": starts_at.isoformat(),
                    "ends_at": row["session__ends_at"].isoformat(),
                    "location": row["session__location"],
                    "online_url": row["session__online_url"],
                    "response": row["response"],
                    "url": session_path(
                        pilot=row["session__proeftuin_id"], session=row["session_id"]
                    ),
                },
            )
        )
    return schedule_many(planned)


def _session_of(reminder: Reminder) -> Session | None:
    return Session.objects.filter(pk=reminder.context.get("session_id")).first()


def still_due(reminder: Reminder) -> bool:
    """Not for a cancelled or moved session, nor after the person said they won't come."""
    session = _session_of(reminder)
    if session is None or session.is_cancelled:
        return False
    if session.starts_at.isoformat() != reminder.context.get("starts_at"):
        return False
    if reminder.guest_id is not None:
        return reminder.guest.holds_seat
    return Registration.objects.filter(
        session=session,
        membership__user_id=reminder.recipient_id,
        response__in=WANTED_RESPONSES,
        waiting_since__isnull=True,
    ).exists()


def current_context(reminder: Reminder) -> dict:
    """What of the session may have changed since the reminder was planned (not its start: a
    moved session is another reminder)."""
    session = _session_of(reminder)
    if session is None:
        return {}
    return {
        "title": session.title,
        "ends_at": session.ends_at.isoformat(),
        "location": session.location,
        "online_url": session.online_url,
    }


def attachments(reminder: Reminder) -> list[tuple[str, bytes, str]]:
    session = _session_of(reminder)
    if session is None:
        return []
    return [(f"bijeenkomst-{session.pk}.ics", session_ics(session), "text/calendar")]


def _month_bounds(now: datetime) -> tuple[datetime, datetime, str]:
    first_next = first_of_next_month(local_date(now))
    first_after = first_of_next_month(first_next)
    return (
        at_local(first_next, time(0, 0)),
        at_local(first_after, time(0, 0)),
        first_next.strftime("%Y-%m"),
    )


def plan_coach_next_month(now: datetime) -> int:
    """From the 15th, coaches of a pilot with nothing planned next month; one query."""
    rule = Rule.COACH_PLAN_NEXT_MONTH
    today = local_date(now)
    due_at = at_local(today.replace(day=COACH_DAY_OF_MONTH), COACH_AT)
    if now < due_at:
        return 0
    month_start, month_end, period = _month_bounds(now)
    planned_next_month = Session.objects.filter(
        proeftuin=OuterRef("pk"),
        status=Session.Status.PLANNED,
        starts_at__gte=month_start,
        starts_at__lt=month_end,
    )
    pilots = Proeftuin.objects.filter(
        ends_on__gte=local_date(month_start), starts_on__lt=local_date(month_end)
    ).filter(~Exists(planned_next_month))
    coaches = (
        Membership.objects.filter(
            role=Role.COACH, is_active=True, user__is_active=True, proeftuin__in=pilots
        )
        .filter(without_opt_outs(rule, "user_id"))
        .values("user_id", "proeftuin_id", "proeftuin__name")
    )
    pilot_home = PathPattern("proeftuin:pilot-home", "pilot")
    return schedule_many(
        Planned(
            rule=rule,
            recipient_id=row["user_id"],
            proeftuin_id=row["proeftuin_id"],
            subject_key=f"pilot:{row['proeftuin_id']}",
            period=period,
            due_at=due_at,
            context={
                "pilot_name": row["proeftuin__name"],
                "month": period,
                "url": pilot_home(pilot=row["proeftuin_id"]),
            },
        )
        for row in coaches
    )


def coach_still_due(reminder: Reminder) -> bool:
    """Not when a session for that month was planned since."""
    year, month = (int(part) for part in reminder.period.split("-"))
    start = at_local(date(year, month, 1), time(0, 0))
    end = at_local(first_of_next_month(start.date()), time(0, 0))
    return not Session.objects.filter(
        proeftuin_id=reminder.proeftuin_id,
        status=Session.Status.PLANNED,
        starts_at__gte=start,
        starts_at__lt=end,
    ).exists()


def plan_offer_expiry(now: datetime) -> int:
    """Offers past their time close, and their seats go to the next person (with a mail)."""
    return services.expire_offers(now=now)


def offer_still_due(reminder: Reminder) -> bool:
    """An offer mail only while the offer is open: an answer on the page makes it moot."""
    return WaitingOffer.objects.filter(
        pk=reminder.context.get("offer_id"),
        state=WaitingOffer.State.OPEN,
        expires_at__gt=timezone.now(),
    ).exists()


def plan_guest_reminders(now: datetime) -> int:
    """Confirmed guests get the same two session reminders as participants, by their guest row."""
    guests = Guest.objects.filter(
        confirmed_at__isnull=False,
        cancelled_at__isnull=True,
        session__status=Session.Status.PLANNED,
        session__starts_at__gt=now,
        session__starts_at__lt=now + timedelta(days=DAYS_BEFORE + 1),
    ).select_related("session")
    added = 0
    for guest in guests:
        due = _which_is_due(guest.session.starts_at, now)
        if due is None:
            continue
        which, due_at = due
        _reminder, created = notifications.schedule(
            rule=Rule.SESSION_SOON,
            guest=guest,
            subject_key=f"session:{guest.session_id}",
            period=f"{which}@{utc_stamp(guest.session.starts_at)}",
            due_at=due_at,
            context={
                **emails.guest_context(guest.session, guest),
                "which": which,
                "response": Registration.Response.GOING,
            },
        )
        added += created
    return added


def guest_confirm_still_due(reminder: Reminder) -> bool:
    """The first mail only while the sign-up waits for it; the link asked for again while the
    sign-up stands (a confirmed guest may have lost it)."""
    if reminder.context.get("again"):
        return reminder.guest.cancelled_at is None
    return reminder.guest.confirmed_at is None

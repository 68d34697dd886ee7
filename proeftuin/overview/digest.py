"""The director's monthly digest: planned on the first working day, its figures computed at sending.

The ledger's unique key (rule, recipient, subject, period) makes each digest exactly-once.
"""

from datetime import date, datetime, timedelta

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Reminder, Rule
from notifications.paths import PathPattern

from .. import months, overview
from ..models import Membership, Proeftuin, Role


def first_working_day(year: int, month: int) -> date:
    """The first weekday of the month that is not a Dutch public holiday."""
    day = date(year, month, 1)
    holidays = dutch_holidays(year)
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    return day


def dutch_holidays(year: int) -> set[date]:
    easter = _easter(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to Saturday the 26th
        kings_day = date(year, 4, 26)
    days = {
        date(year, 1, 1),
        easter + timedelta(days=1),  # Tweede Paasdag
        kings_day,
        easter + timedelta(days=39),  # Hemelvaartsdag
        easter + timedelta(days=50),  # Tweede Pinksterdag
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if year % 5 == 0:
        days.add(date(year, 5, 5))  # Bevrijdingsdag, a day off every five years
    return days


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def plan_director_digest(now: datetime, limit: int | None = None) -> int:
    """On the first working day of a month, plan each director one digest of last month.

    The ledger row names the pilot and the month only; the figures are computed when the
    e-mail is composed (`digest_figures`). Planning stays two queries for any number of pilots,
    and a consent withdrawn or a person erased before the send is already respected.
    `limit`: at most that many rows (the sweep's batch; notifications.registry).
    """
    today = timezone.localdate(now)
    if today < first_working_day(today.year, today.month):
        return 0
    period_key = today.strftime("%Y-%m")
    last_month = months.add_months(today, -1)
    period = overview.Period(start=last_month, end=months.last_of_month(last_month))
    directors = (
        Membership.objects.filter(
            role=Role.DIRECTOR,
            is_active=True,
            proeftuin__starts_on__lte=period.end,
            proeftuin__ends_on__gte=period.start,
        )
        # Only those without this month's digest: the rest of the month's sweeps read nothing.
        .annotate(
            ledger_subject=Concat(Value("pilot:"), Cast("proeftuin_id", CharField())),
            ledger_period=Value(period_key, CharField()),
        )
        .filter(
            notifications.not_in_ledger(
                Rule.DIRECTOR_DIGEST,
                recipient="user_id",
                subject_key="ledger_subject",
                period="ledger_period",
            )
        )
        .values_list("user_id", "proeftuin_id", "proeftuin__name")
    )
    directors = notifications.first_rows(directors, limit)
    overview_path = PathPattern("proeftuin:overview", "pilot")
    months_shown = f"?van={period.from_value}&tot={period.to_value}"
    return notifications.schedule_many(
        notifications.Planned(
            rule=Rule.DIRECTOR_DIGEST,
            recipient_id=user_id,
            subject_key=f"pilot:{proeftuin_id}",
            period=period_key,
            due_at=now,
            proeftuin_id=proeftuin_id,
            context={
                "pilot": pilot_name,
                "month": period.from_value,
                "month_on": period.start.isoformat(),  # a date in the e-mail: "februari 2026"
                "url": overview_path(pilot=proeftuin_id) + months_shown,
            },
        )
        for user_id, proeftuin_id, pilot_name in directors
    )


def digest_figures(reminder: Reminder) -> dict:
    """The headline figures of the digest's month, JSON-ready: a hidden figure is None, and
    `<name>_hidden` says why, in the language of the e-mail being composed."""
    month = overview.parse_month(reminder.context["month"])
    period = overview.Period(start=month, end=months.last_of_month(month))
    proeftuin = Proeftuin.objects.get(pk=reminder.proeftuin_id)
    data = overview.build(proeftuin=proeftuin, period=period, now=timezone.now())
    figures = {
        "active": data.active,
        "hours": data.hours_total,
        "goals_set": data.goals["set"],
        "goals_achieved": data.goals["achieved"],
        "attendance_rate": data.attendance_rate,
    }
    return {
        "pilot": proeftuin.name,
        "participants": data.participants,
        "sessions_held": data.sessions_held,
        "latest_round": str(data.latest_round) if data.latest_round else "",
        **{name: figure.shown_value for name, figure in figures.items()},
        **{f"{name}_hidden": figure.reason for name, figure in figures.items()},
    }

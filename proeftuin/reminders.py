"""Reminder planners of measurement and overview; the sweep calls them and sends what is due.

Each planner returns how many reminders it newly planned. The ledger's unique key (rule,
recipient, subject, period) makes each reminder exactly-once; `schedule_many` inserts in one
go, so a sweep makes a fixed number of queries whatever the number of participants.
"""

from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Reminder, Rule

from . import months, overview
from .models import MaturityAssessment, MeasurementRound, Membership, Proeftuin, Role

CLOSING_DAYS_BEFORE = 3


def plan_round_opened(now: datetime) -> int:
    """Tell every participant who has not answered yet that a round is open."""
    today = timezone.localdate(now)
    rounds = MeasurementRound.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return _plan_for_non_respondents(rounds, rule=Rule.ROUND_OPENED, period="opened", now=now)


def plan_round_closing(now: datetime) -> int:
    """Three days before a round closes, remind the participants who have not answered."""
    today = timezone.localdate(now)
    # From three days before closing on, so a sweep that missed the day still reminds; not on
    # the day the round opened, when the "round opened" message has just gone out.
    rounds = MeasurementRound.objects.filter(
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=CLOSING_DAYS_BEFORE),
        opens_on__lt=today,
    )
    return _plan_for_non_respondents(rounds, rule=Rule.ROUND_CLOSING, period="closing", now=now)


def _plan_for_non_respondents(rounds, *, rule: str, period: str, now: datetime) -> int:
    rounds = {r.pk: r for r in rounds.select_related("proeftuin")}
    if not rounds:
        return 0
    participants_by_pilot: dict[int, list[tuple[int, int]]] = {}
    for membership_id, user_id, proeftuin_id in Membership.objects.filter(
        role=Role.PARTICIPANT,
        is_active=True,
        proeftuin_id__in={r.proeftuin_id for r in rounds.values()},
    ).values_list("pk", "user_id", "proeftuin_id"):
        participants_by_pilot.setdefault(proeftuin_id, []).append((membership_id, user_id))
    answered = set(
        MaturityAssessment.objects.filter(round_id__in=list(rounds)).values_list(
            "membership_id", "round_id"
        )
    )
    # Grouped by pilot, so the work is linear in participants, not rounds times participants.
    candidates = [
        (user_id, measurement_round.pk)
        for measurement_round in rounds.values()
        for membership_id, user_id in participants_by_pilot.get(measurement_round.proeftuin_id, [])
        if (membership_id, measurement_round.pk) not in answered
    ]
    return notifications.schedule_many(
        notifications.Planned(
            rule=rule,
            recipient_id=user_id,
            subject_key=_round_key(round_id),
            period=period,
            due_at=now,
            proeftuin_id=rounds[round_id].proeftuin_id,
            context=_round_context(rounds[round_id]),
        )
        for user_id, round_id in candidates
    )


def _round_key(round_id: int) -> str:
    return f"round:{round_id}"


def _round_context(measurement_round: MeasurementRound) -> dict:
    return {
        "pilot": measurement_round.proeftuin.name,
        "round": str(measurement_round),
        "round_kind": measurement_round.kind,
        "opens_on": measurement_round.opens_on.isoformat(),
        "closes_on": measurement_round.closes_on.isoformat(),
        "url": reverse(
            "measurement-answer", args=[measurement_round.proeftuin_id, measurement_round.pk]
        ),
    }


# --- the director's monthly digest ------------------------------------------------------------


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


def plan_director_digest(now: datetime) -> int:
    """On the first working day of a month, plan each director one digest of last month.

    The ledger row names the pilot and the month only; the figures are computed when the
    e-mail is composed (`digest_figures`). Planning stays two queries for any number of pilots,
    and a consent withdrawn or a person erased before the send is already respected.
    """
    today = timezone.localdate(now)
    if today < first_working_day(today.year, today.month):
        return 0
    period_key = today.strftime("%Y-%m")
    last_month = months.add_months(today, -1)
    period = overview.Period(start=last_month, end=months.last_of_month(last_month))
    directors = Membership.objects.filter(
        role=Role.DIRECTOR,
        is_active=True,
        proeftuin__starts_on__lte=period.end,
        proeftuin__ends_on__gte=period.start,
    ).values_list("user_id", "proeftuin_id", "proeftuin__name")
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
                "url": reverse("overview", args=[proeftuin_id])
                + f"?van={period.from_value}&tot={period.to_value}",
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

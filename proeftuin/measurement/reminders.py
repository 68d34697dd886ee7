"""Reminder planners of the measurement rounds; the sweep calls them and sends what is due.

Each planner returns how many reminders it newly planned. The ledger's unique key (rule,
recipient, subject, period) makes each reminder exactly-once; `schedule_many` inserts in one
go, so a sweep makes a fixed number of queries whatever the number of participants.
"""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Rule

from ..models import MaturityAssessment, MeasurementRound, Membership, Role

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
            "proeftuin:measurement-answer",
            args=[measurement_round.proeftuin_id, measurement_round.pk],
        ),
    }

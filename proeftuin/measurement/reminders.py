"""Reminder planners of the measurement rounds; the sweep calls them and sends what is due.

Each planner returns how many reminders it newly planned. The ledger's unique key (rule,
recipient, subject, period) makes each reminder exactly-once; `schedule_many` inserts in one
go, so a sweep makes a fixed number of queries whatever the number of participants.
"""

from datetime import datetime, time, timedelta

from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Reminder, Rule
from notifications.paths import PathPattern
from notifications.timing import at_local, local_date

from ..models import (
    Ambition,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    PlanAction,
    Role,
)
from .report import medians_by_rounds

CLOSING_DAYS_BEFORE = 3
ACTION_DAYS_BEFORE = 3
PLAN_AT = time(9, 0)


def plan_round_opened(now: datetime, limit: int | None = None) -> int:
    """Tell every participant who has not answered yet that a round is open."""
    today = timezone.localdate(now)
    rounds = MeasurementRound.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return _plan_for_non_respondents(
        rounds, rule=Rule.ROUND_OPENED, period="opened", now=now, limit=limit
    )


def plan_round_closing(now: datetime, limit: int | None = None) -> int:
    """Three days before a round closes, remind the participants who have not answered."""
    today = timezone.localdate(now)
    # From three days before closing on, so a sweep that missed the day still reminds; not on
    # the day the round opened, when the "round opened" message has just gone out.
    rounds = MeasurementRound.objects.filter(
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=CLOSING_DAYS_BEFORE),
        opens_on__lt=today,
    )
    return _plan_for_non_respondents(
        rounds, rule=Rule.ROUND_CLOSING, period="closing", now=now, limit=limit
    )


def _plan_for_non_respondents(
    rounds, *, rule: str, period: str, now: datetime, limit: int | None
) -> int:
    """One row per participant and round not answered and not reminded yet: one query.

    The ledger's rows and the answers are left out in the query itself, and the rounds are
    read (a second query, then the insert) only for the rows it returns: a sweep during a
    round that everyone was told about is one query and builds nothing in Python. `limit`: at
    most that many rows (the sweep's batch; notifications.registry).
    """
    rows = (
        Membership.objects.filter(
            role=Role.PARTICIPANT,
            is_active=True,
            # A subquery, not the rounds' ids: one parameter per open round cost more in
            # psycopg's parsing of the query than PostgreSQL took to run it.
            proeftuin__measurement_rounds__in=rounds.values("pk"),
        )
        .annotate(
            round_id=F("proeftuin__measurement_rounds"),
            ledger_subject=Concat(
                Value("round:"), Cast("proeftuin__measurement_rounds", CharField())
            ),
            ledger_period=Value(period, CharField()),
        )
        .filter(
            ~Exists(
                MaturityAssessment.objects.filter(
                    membership_id=OuterRef("pk"), round_id=OuterRef("round_id")
                )
            )
        )
        .filter(
            notifications.not_in_ledger(
                rule, recipient="user_id", subject_key="ledger_subject", period="ledger_period"
            )
        )
        .values_list("user_id", "round_id")
    )
    rows = notifications.first_rows(rows, limit)
    if not rows:
        return 0
    found = MeasurementRound.objects.filter(pk__in={round_id for _, round_id in rows})
    by_pk = {r.pk: r for r in found.select_related("proeftuin")}
    answer_path = PathPattern("proeftuin:measurement-answer", "pilot", "round_id")
    contexts = {pk: _round_context(r, answer_path) for pk, r in by_pk.items()}
    planned = [
        notifications.Planned(
            rule=rule,
            recipient_id=user_id,
            subject_key=round_key(round_id),
            period=period,
            due_at=now,
            proeftuin_id=by_pk[round_id].proeftuin_id,
            context=contexts[round_id],
        )
        for user_id, round_id in rows
    ]
    return notifications.schedule_many(planned)


def round_key(round_id: int) -> str:
    return f"round:{round_id}"


def _round_context(measurement_round: MeasurementRound, answer_path: PathPattern) -> dict:
    return {
        "pilot": measurement_round.proeftuin.name,
        "round": str(measurement_round),
        "round_kind": measurement_round.kind,
        "opens_on": measurement_round.opens_on.isoformat(),
        "closes_on": measurement_round.closes_on.isoformat(),
        "url": answer_path(pilot=measurement_round.proeftuin_id, round_id=measurement_round.pk),
    }


# --- the plan ------------------------------------------------------------------------------


def plan_plan_gap(now: datetime) -> int:
    """Tell the coach when a dimension is below its ambition and the plan has no open action.

    "Below" is the median of the latest closed round as the report shows it: a hidden median
    (too few answers) reminds nobody, since the reminder would tell what the report hides.
    Once per dimension per round: a later round that is still below reminds again.
    """
    today = local_date(now)
    ambitions = list(
        Ambition.objects.filter(proeftuin__ends_on__gte=today).select_related("proeftuin")
    )
    if not ambitions:
        return 0
    pilots = {a.proeftuin_id: a.proeftuin for a in ambitions}
    latest = medians_by_rounds(pilots.values(), today=today)
    covered = set(
        PlanAction.objects.filter(
            proeftuin_id__in=list(pilots), status=PlanAction.Status.OPEN
        ).values_list("proeftuin_id", "dimension")
    )
    coaches: dict[int, list[int]] = {}
    for proeftuin_id, user_id in (
        Membership.objects.filter(
            proeftuin_id__in=list(pilots),
            role=Role.COACH,
            is_active=True,
            user__is_active=True,
        )
        .filter(notifications.without_opt_outs(Rule.PLAN_GAP, "user_id"))
        .values_list("proeftuin_id", "user_id")
    ):
        coaches.setdefault(proeftuin_id, []).append(user_id)
    plan_path = PathPattern("proeftuin:plan", "pilot")
    planned = []
    for ambition in ambitions:
        if (ambition.proeftuin_id, ambition.dimension) in covered:
            continue
        found = latest.get(ambition.proeftuin_id)
        if found is None:
            continue
        measurement_round, medians = found
        median = medians[ambition.dimension]
        if median.suppressed or median.value is None or median.value >= ambition.target_stage:
            continue
        for user_id in coaches.get(ambition.proeftuin_id, []):
            planned.append(
                notifications.Planned(
                    rule=Rule.PLAN_GAP,
                    recipient_id=user_id,
                    subject_key=f"plan-gap:{ambition.proeftuin_id}:{ambition.dimension}",
                    period=f"round:{measurement_round.pk}",
                    due_at=now,
                    proeftuin_id=ambition.proeftuin_id,
                    context={
                        "pilot": ambition.proeftuin.name,
                        "dimension": ambition.dimension,
                        "target_stage": ambition.target_stage,
                        "median": median.display,
                        "url": plan_path(pilot=ambition.proeftuin_id),
                    },
                )
            )
    return notifications.schedule_many(planned)


def plan_gap_still_due(reminder: Reminder) -> bool:
    """Not once an open action for the dimension has been added."""
    return not PlanAction.objects.filter(
        proeftuin_id=reminder.proeftuin_id,
        dimension=reminder.context.get("dimension"),
        status=PlanAction.Status.OPEN,
    ).exists()


def plan_action_due(now: datetime) -> int:
    """Three days before an open action is due, at nine, remind its owner."""
    today = local_date(now)
    rows = (
        PlanAction.objects.filter(
            status=PlanAction.Status.OPEN,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=ACTION_DAYS_BEFORE),
            owner__is_active=True,
            owner__user__is_active=True,
            proeftuin__ends_on__gte=today,
        )
        .filter(notifications.without_opt_outs(Rule.PLAN_ACTION_DUE, "owner__user_id"))
        .values("pk", "text", "due_on", "owner__user_id", "proeftuin_id", "proeftuin__name")
    )
    plan_path = PathPattern("proeftuin:plan", "pilot")
    planned = []
    for row in rows:
        due_at = at_local(row["due_on"] - timedelta(days=ACTION_DAYS_BEFORE), PLAN_AT)
        if now < due_at:
            continue
        planned.append(
            notifications.Planned(
                rule=Rule.PLAN_ACTION_DUE,
                recipient_id=row["owner__user_id"],
                subject_key=f"plan-action:{row['pk']}",
                # The due date is part of the period: a postponed action is reminded again.
                period=f"due:{row['due_on'].isoformat()}",
                due_at=due_at,
                proeftuin_id=row["proeftuin_id"],
                context={
                    "action_id": row["pk"],
                    "text": row["text"],
                    "pilot": row["proeftuin__name"],
                    "due_on": row["due_on"].isoformat(),
                    "url": plan_path(pilot=row["proeftuin_id"]),
                },
            )
        )
    return notifications.schedule_many(planned)


def action_still_due(reminder: Reminder) -> bool:
    """Not when the action was done, dropped or moved in the meantime."""
    return PlanAction.objects.filter(
        pk=reminder.context.get("action_id"),
        status=PlanAction.Status.OPEN,
        due_on=reminder.context.get("due_on"),
    ).exists()

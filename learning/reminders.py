"""Reminder rules of the learning app: gone quiet, goals due, experiments awaiting reflection,
ethics reviews waiting for a reviewer and changes asked of an owner.

Timing constants are at the top; moments are computed in Europe/Amsterdam and stored in UTC.
Each planner is one query plus the insert, whatever the number of participants.
"""

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate

from notifications import pilot_timing
from notifications.models import Reminder, Rule
from notifications.paths import PathPattern
from notifications.services import (
    Planned,
    first_rows,
    not_in_ledger,
    schedule_many,
    without_opt_outs,
)
from notifications.timing import (
    DaysAfter,
    DaysBefore,
    MomentDaysBefore,
    UtcMicroStamp,
    at_local,
    local_date,
    local_zone,
    utc_micro_stamp,
)
from proeftuin.models import Membership, Role

from . import progress
from .models import EthicsReview, Experiment, Lesson, SkillGoal

# Gone quiet (`progress.is_quiet`): a friendly nudge at 10:00, at most once per the pilot's
# quiet_after_days.
QUIET_AT = time(10, 0)
# Goal due: 09:00, the pilot's `goal_days_before` days before the goal's due date (seven unless
# the coach chose otherwise); an open goal past its date once a week after it, at most
# OVERDUE_WEEKS times.
GOAL_DAYS_BEFORE = pilot_timing.default("goal_days_before")
MAX_GOAL_DAYS_BEFORE = pilot_timing.bounds("goal_days_before")[1]
OVERDUE_WEEKS = 3
GOAL_AT = time(9, 0)
# Experiment without outcome or lesson: 09:00, one and seven days after its planned end.
EXPERIMENT_DAYS_AFTER = (1, 7)
EXPERIMENT_AT = time(9, 0)
# Stands in for "no nudge yet" in the gone-quiet query (before any period's start).
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def plan_gone_quiet(now: datetime, limit: int | None = None) -> int:
    """Quiet participants not nudged within their pilot's quiet period; one query.

    Reads `Membership.latest_activity_on` (kept by learning.activity_dates) through the
    membership_quiet_window index, and only those not nudged within the period: what the
    query returns is what is newly due. `progress.is_quiet` stays the judge of each row.
    `limit`: at most that many rows (the sweep's batch; notifications.registry).
    """
    rule = Rule.GONE_QUIET
    today = local_date(now)
    due_at = at_local(today, QUIET_AT)
    if now < due_at:
        return 0
    quiet_since = DaysBefore(Value(today, DateField()), F("proeftuin__quiet_after_days"))
    last_nudge = (
        Reminder.objects.filter(
            rule=rule, recipient=OuterRef("user_id"), proeftuin=OuterRef("proeftuin_id")
        )
        .order_by("-due_at")
        .values("due_at")[:1]
    )
    # Nudges are all at QUIET_AT: one on the day the period began still allows a new one, one
    # after it does not (half a day of slack absorbs a DST change in between).
    nudged_before = MomentDaysBefore(
        Value(due_at + timedelta(hours=12), DateTimeField()), F("proeftuin__quiet_after_days")
    )
    rows = (
        Membership.objects.filter(
            role=Role.PARTICIPANT,
            is_active=True,
            user__is_active=True,
            proeftuin__starts_on__lte=today,
            proeftuin__ends_on__gte=today,
        )
        # The three days progress.days_quiet counts from, each as long ago as the period: the
        # judge below drops anyone else, so the query does not return them on every sweep.
        .filter(Q(latest_activity_on__isnull=True) | Q(latest_activity_on__lte=quiet_since))
        .filter(proeftuin__starts_on__lte=quiet_since)
        .alias(joined_on=TruncDate("joined_at", tzinfo=local_zone()))
        .filter(joined_on__lte=quiet_since)
        .filter(without_opt_outs(rule, "user_id"))
        # The latest nudge, one index probe per row, rather than NOT EXISTS on a recent one:
        # PostgreSQL ran that as a loop over all nudges for every participant when it took the
        # rule's rows for few (after the ledger was emptied, or for a new instance).
        .alias(nudged_on=Coalesce(Subquery(last_nudge), Value(NEVER)))
        .filter(nudged_on__lte=nudged_before)
        .annotate(last_nudge=Subquery(last_nudge))
        .values(
            "pk",
            "user_id",
            "proeftuin_id",
            "proeftuin__name",
            "proeftuin__starts_on",
            "proeftuin__quiet_after_days",
            "joined_at",
            "latest_activity_on",
            "last_nudge",
        )
    )
    rows = first_rows(rows, limit)
    pilot_home = PathPattern("proeftuin:pilot-home", "pilot")
    planned = []
    for row in rows:
        quiet_days = row["proeftuin__quiet_after_days"]
        seen = {
            "last_activity_on": row["latest_activity_on"],
            "joined_at": row["joined_at"],
            "pilot_starts_on": row["proeftuin__starts_on"],
        }
        if not progress.is_quiet(**seen, quiet_after_days=quiet_days, today=today):
            continue
        if row["last_nudge"] and (today - local_date(row["last_nudge"])).days < quiet_days:
            continue
        planned.append(
            Planned(
                rule=rule,
                recipient_id=row["user_id"],
                proeftuin_id=row["proeftuin_id"],
                subject_key=f"membership:{row['pk']}",
                period=today.isoformat(),
                due_at=due_at,
                context={
                    "pilot_name": row["proeftuin__name"],
                    "days": progress.days_quiet(**seen, today=today),
                    "has_activity": row["latest_activity_on"] is not None,
                    "url": pilot_home(pilot=row["proeftuin_id"]),
                },
            )
        )
    return schedule_many(planned)


def goal_reminder_due(
    due_on: date, now: datetime, days_before: int = GOAL_DAYS_BEFORE
) -> tuple[int, datetime] | None:
    """Which reminder of a goal due on `due_on` is due at `now`, and since when.

    0: the one `days_before` days before the date (until the date has passed); n from 1 to
    OVERDUE_WEEKS: the n-th week after the date, each only until the next one takes over.
    """
    today = local_date(now)
    if today <= due_on:
        due_at = at_local(due_on - timedelta(days=days_before), GOAL_AT)
        return (0, due_at) if due_at <= now else None
    for week in range(OVERDUE_WEEKS, 0, -1):
        due_at = at_local(due_on + timedelta(weeks=week), GOAL_AT)
        if due_at <= now:
            if week == OVERDUE_WEEKS and now >= due_at + timedelta(weeks=1):
                return None  # the last one for a week, then silence
            return week, due_at
    return None


def goal_period(due_on: date, week: int) -> str:
    # The due date is part of the period: a postponed goal is reminded again.
    return f"due:{due_on.isoformat()}" if week == 0 else f"overdue{week}:{due_on.isoformat()}"


def plan_goal_due(now: datetime, limit: int | None = None) -> int:
    """Open goals due within their pilot's days, or overdue by whole weeks; one query.

    The query returns only goals whose current reminder the ledger does not hold yet, from
    the goal_due_window index: a sweep costs what is newly due, and one that was missed is
    caught up by the next. `limit`: at most that many rows (the sweep's batch;
    notifications.registry).
    """
    rule = Rule.GOAL_DUE
    today = local_date(now)
    days_since_due = Func(
        Value(today, DateField()), F("due_on"), arg_joiner=" - ", template="(%(expressions)s)"
    )
    week = Func(days_since_due, template="(%(expressions)s / 7)", output_field=IntegerField())
    rows = (
        SkillGoal.objects.filter(
            status__in=progress.OPEN_STATUSES,
            due_on__gt=today - timedelta(weeks=OVERDUE_WEEKS + 1),
            due_on__lte=today + timedelta(days=MAX_GOAL_DAYS_BEFORE),
            membership__is_active=True,
            membership__user__is_active=True,
            membership__proeftuin__ends_on__gte=today,
        )
        .filter(
            due_on__lte=DaysAfter(
                Value(today, DateField()), F("membership__proeftuin__goal_days_before")
            )
        )
        # Nothing is due in the first week after the date.
        .filter(Q(due_on__gte=today) | Q(due_on__lte=today - timedelta(weeks=1)))
        .filter(without_opt_outs(rule, "membership__user_id"))
        .annotate(
            ledger_subject=Concat(Value("goal:"), Cast("pk", CharField())),
            ledger_period=Case(
                When(
                    due_on__lt=today,
                    then=Concat(
                        Value("overdue"),
                        Cast(week, CharField()),
                        Value(":"),
                        Cast("due_on", CharField()),
                    ),
                ),
                default=Concat(Value("due:"), Cast("due_on", CharField())),
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
            "pk",
            "statement",
            "due_on",
            "membership__user_id",
            "membership__proeftuin_id",
            "membership__proeftuin__goal_days_before",
            "skill__name",
        )
    )
    rows = first_rows(rows, limit)
    pilot_home = PathPattern("proeftuin:pilot-home", "pilot")
    planned = []
    for row in rows:
        due = goal_reminder_due(row["due_on"], now, row["membership__proeftuin__goal_days_before"])
        if due is None:
            continue
        week, due_at = due
        planned.append(
            Planned(
                rule=rule,
                recipient_id=row["membership__user_id"],
                proeftuin_id=row["membership__proeftuin_id"],
                subject_key=f"goal:{row['pk']}",
                period=goal_period(row["due_on"], week),
                due_at=due_at,
                context={
                    "goal_id": row["pk"],
                    "statement": row["statement"],
                    "skill": row["skill__name"],
                    "due_on": row["due_on"].isoformat(),
                    "overdue_weeks": week,
                    "url": pilot_home(pilot=row["membership__proeftuin_id"]),
                },
            )
        )
    return schedule_many(planned)


def goal_still_due(reminder: Reminder) -> bool:
    """Not when the goal was achieved, dropped or moved in the meantime."""
    return SkillGoal.objects.filter(
        pk=reminder.context.get("goal_id"),
        status__in=progress.OPEN_STATUSES,
        due_on=reminder.context.get("due_on"),
    ).exists()


def goal_current_context(reminder: Reminder) -> dict:
    """The goal's words and skill as they are now (a reworded goal is the same reminder)."""
    goal = (
        SkillGoal.objects.filter(pk=reminder.context.get("goal_id"))
        .values("statement", "skill__name")
        .first()
    )
    if goal is None:
        return {}
    return {"statement": goal["statement"], "skill": goal["skill__name"]}


def _experiment_step_due(planned_end, now: datetime) -> tuple[int, datetime] | None:
    first, last = EXPERIMENT_DAYS_AFTER
    first_at = at_local(planned_end + timedelta(days=first), EXPERIMENT_AT)
    last_at = at_local(planned_end + timedelta(days=last), EXPERIMENT_AT)
    # Each step only until the next one is due (the last for another week, then silence).
    if last_at <= now < last_at + timedelta(days=last - first):
        return last, last_at
    if first_at <= now < last_at:
        return first, first_at
    return None


def plan_experiment_reflection(now: datetime, limit: int | None = None) -> int:
    """Experiments ended without outcome or lesson, one and seven days on; one query.

    Reads the experiment_reflection_window index (no outcome, by planned end) over the days in
    which a step can be due, and only experiments whose current step the ledger does not hold:
    a sweep with nothing new reads index probes. `_experiment_step_due` judges each row.
    `limit`: at most that many rows (the sweep's batch; notifications.registry).
    """
    rule = Rule.EXPERIMENT_REFLECTION
    today = local_date(now)
    first, last = EXPERIMENT_DAYS_AFTER
    # The latest day whose EXPERIMENT_AT has passed: a step is due from its day's EXPERIMENT_AT.
    last_day = today if now >= at_local(today, EXPERIMENT_AT) else today - timedelta(days=1)
    # The first step from `first` days after the end; the last one until `last - first` days
    # after its own day (mirrors _experiment_step_due).
    rows = (
        Experiment.objects.filter(
            outcome="",
            planned_end__lte=last_day - timedelta(days=first),
            planned_end__gt=last_day - timedelta(days=2 * last - first),
            owner__is_active=True,
            owner__user__is_active=True,
            owner__proeftuin__ends_on__gte=today,
        )
        .filter(~Exists(Lesson.objects.filter(experiment=OuterRef("pk"))))
        .filter(without_opt_outs(rule, "owner__user_id"))
        .annotate(
            ledger_subject=Concat(Value("experiment:"), Cast("pk", CharField())),
            ledger_period=Concat(
                Case(
                    When(planned_end__lte=last_day - timedelta(days=last), then=Value(f"{last}d:")),
                    default=Value(f"{first}d:"),
                ),
                Cast("planned_end", CharField()),
            ),
        )
        .filter(
            not_in_ledger(
                rule,
                recipient="owner__user_id",
                subject_key="ledger_subject",
                period="ledger_period",
            )
        )
        .values("pk", "title", "planned_end", "owner__user_id", "owner__proeftuin_id")
    )
    rows = first_rows(rows, limit)
    pilot_home = PathPattern("proeftuin:pilot-home", "pilot")
    planned = []
    for row in rows:
        step = _experiment_step_due(row["planned_end"], now)
        if step is None:
            continue
        days, due_at = step
        planned.append(
            Planned(
                rule=rule,
                recipient_id=row["owner__user_id"],
                proeftuin_id=row["owner__proeftuin_id"],
                subject_key=f"experiment:{row['pk']}",
                period=f"{days}d:{row['planned_end'].isoformat()}",
                due_at=due_at,
                context={
                    "experiment_id": row["pk"],
                    "title": row["title"],
                    "planned_end": row["planned_end"].isoformat(),
                    "days": days,
                    "url": pilot_home(pilot=row["owner__proeftuin_id"]),
                },
            )
        )
    return schedule_many(planned)


def experiment_still_due(reminder: Reminder) -> bool:
    """Not once an outcome or a lesson was written, or the end date moved."""
    return (
        Experiment.objects.filter(
            pk=reminder.context.get("experiment_id"),
            outcome="",
            planned_end=reminder.context.get("planned_end"),
        )
        .filter(~Exists(Lesson.objects.filter(experiment=OuterRef("pk"))))
        .exists()
    )


# Ethics reviews: at the next sweep after a review is submitted (or reopened), to each person who
# may review it; at the next sweep after changes are asked, to the owner. A new submission or a
# new decision is a new period, so it is announced again.


def plan_ethics_review_waiting(now: datetime) -> int:
    rule = Rule.ETHICS_REVIEW_WAITING
    today = local_date(now)
    reviews = list(
        EthicsReview.objects.filter(
            state=EthicsReview.State.WAITING,
            submitted_at__lte=now,
            experiment__owner__proeftuin__ends_on__gte=today,
        ).values(
            "pk",
            "submitted_at",
            "experiment_id",
            "experiment__title",
            "experiment__owner_id",
            "experiment__owner__proeftuin_id",
        )
    )
    if not reviews:
        return 0
    pilot_ids = {row["experiment__owner__proeftuin_id"] for row in reviews}
    reviewers = (
        Membership.objects.filter(proeftuin_id__in=pilot_ids, is_active=True, user__is_active=True)
        .filter(Q(role=Role.COACH) | Q(role=Role.PARTICIPANT, is_ethics_reviewer=True))
        .filter(without_opt_outs(rule, "user_id"))
        .values("pk", "user_id", "proeftuin_id")
    )
    by_pilot: dict[int, list[dict]] = {}
    for row in reviewers:
        by_pilot.setdefault(row["proeftuin_id"], []).append(row)
    shared = set(
        Experiment.co_members.through.objects.filter(
            experiment_id__in=[row["experiment_id"] for row in reviews]
        ).values_list("experiment_id", "membership_id")
    )
    decide_path = PathPattern("learning:ethics-decide", "pilot", "experiment_id")
    planned = []
    for review in reviews:
        pilot_id = review["experiment__owner__proeftuin_id"]
        for reviewer in by_pilot.get(pilot_id, []):
            if reviewer["pk"] == review["experiment__owner_id"] or (
                (review["experiment_id"], reviewer["pk"]) in shared
            ):
                continue  # nobody reviews an experiment they work on
            planned.append(
                Planned(
                    rule=rule,
                    recipient_id=reviewer["user_id"],
                    proeftuin_id=pilot_id,
                    subject_key=f"ethics_review:{review['pk']}",
                    period=f"submitted:{utc_micro_stamp(review['submitted_at'])}",
                    due_at=review["submitted_at"],
                    context={
                        "review_id": review["pk"],
                        "title": review["experiment__title"],
                        "submitted_at": review["submitted_at"].isoformat(),
                        "url": decide_path(pilot=pilot_id, experiment_id=review["experiment_id"]),
                    },
                )
            )
    return schedule_many(planned)


def ethics_review_still_waiting(reminder: Reminder) -> bool:
    """Not once someone decided, or the owner submitted it again (that has its own reminder)."""
    return EthicsReview.objects.filter(
        pk=reminder.context.get("review_id"),
        state=EthicsReview.State.WAITING,
        submitted_at=reminder.context.get("submitted_at"),
    ).exists()


def plan_ethics_changes_requested(now: datetime, limit: int | None = None) -> int:
    """Owners asked for changes, at the next sweep after each decision; one query.

    Only decisions the ledger does not hold yet: a review left waiting for its owner costs
    an index probe per sweep, not a row. `limit`: at most that many rows (the sweep's batch;
    notifications.registry).
    """
    rule = Rule.ETHICS_CHANGES_REQUESTED
    today = local_date(now)
    rows = (
        EthicsReview.objects.filter(
            state=EthicsReview.State.CHANGES_REQUESTED,
            decided_at__lte=now,
            experiment__owner__is_active=True,
            experiment__owner__user__is_active=True,
            experiment__owner__proeftuin__ends_on__gte=today,
        )
        .filter(without_opt_outs(rule, "experiment__owner__user_id"))
        .annotate(
            ledger_subject=Concat(Value("ethics_review:"), Cast("pk", CharField())),
            ledger_period=Concat(Value("decided:"), UtcMicroStamp("decided_at")),
        )
        .filter(
            not_in_ledger(
                rule,
                recipient="experiment__owner__user_id",
                subject_key="ledger_subject",
                period="ledger_period",
            )
        )
        .values(
            "pk",
            "decided_at",
            "experiment_id",
            "experiment__title",
            "experiment__owner__user_id",
            "experiment__owner__proeftuin_id",
        )
    )
    rows = first_rows(rows, limit)
    answers_path = PathPattern("learning:ethics-answers", "pilot", "experiment_id")
    planned = [
        Planned(
            rule=rule,
            recipient_id=row["experiment__owner__user_id"],
            proeftuin_id=row["experiment__owner__proeftuin_id"],
            subject_key=f"ethics_review:{row['pk']}",
            period=f"decided:{utc_micro_stamp(row['decided_at'])}",
            due_at=row["decided_at"],
            context={
                "review_id": row["pk"],
                "title": row["experiment__title"],
                "decided_at": row["decided_at"].isoformat(),
                "url": answers_path(
                    pilot=row["experiment__owner__proeftuin_id"],
                    experiment_id=row["experiment_id"],
                ),
            },
        )
        for row in rows
    ]
    return schedule_many(planned)


def ethics_changes_still_requested(reminder: Reminder) -> bool:
    """Not once the owner submitted the review again."""
    return EthicsReview.objects.filter(
        pk=reminder.context.get("review_id"),
        state=EthicsReview.State.CHANGES_REQUESTED,
        decided_at=reminder.context.get("decided_at"),
    ).exists()

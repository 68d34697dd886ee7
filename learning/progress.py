"""Whether a goal is on track and whether a participant has gone quiet: one rule each.

The coach's lists, the director's overview (and so its digest) and the reminders all ask these
functions, so the coach and the director never see two truths about one person.

The rules take plain values as keyword arguments, so a model instance and a `.values()` row
(the overview counts over rows) are judged alike without extra queries; `goal_is_behind` and
`goal_is_on_track` accept either.

Goal: an open goal (open or in progress) is *behind* when
  - its due date has passed (`today > due_on`): an open goal past its date needs closing or a
    new date, even if it reached its target level; due today is not past due; or
  - its current level is below the level expected by now: start level plus the share of the
    goal's time elapsed times the levels to go, rounded down (levels are whole steps, so a level
    is expected only once its whole share of the time has passed). A goal that has not started
    expects its start level; a check-in is not needed, the current level is what counts.
An open goal is *on track* when it is not behind. An achieved or dropped goal is neither.

Quiet: a participant is quiet on `today` when at least `quiet_after_days` days have passed
since the latest of
  - the last day they logged an activity,
  - the day they joined (local date),
  - the pilot's first day,
i.e. no activity on any of the last `quiet_after_days` days including today. With 14 days, an
activity on 1 December makes someone quiet from 15 December on (13 days is not quiet yet).
Nobody is quiet before the pilot or their membership is that many days old, whatever they
logged before it; an activity on the pilot's first day counts as that day.
"""

from collections.abc import Mapping
from datetime import date, datetime
from math import floor

from django.utils import timezone

from .models import SkillGoal

OPEN_STATUSES = (SkillGoal.Status.OPEN, SkillGoal.Status.IN_PROGRESS)

# The columns the goal rule reads (for `.only()` and `.values()`).
GOAL_FIELDS = ("status", "starts_on", "due_on", "start_level", "target_level", "current_level")


# --- goals -----------------------------------------------------------------------------------


def expected_level(
    *, starts_on: date, due_on: date, start_level: int, target_level: int, today: date
) -> int:
    """The level a goal should have reached by `today` if progress were even over its time."""
    span_days = (due_on - starts_on).days
    elapsed = min(max((today - starts_on).days, 0), span_days)
    share = elapsed / span_days if span_days > 0 else 1
    return floor(start_level + (target_level - start_level) * share)


def is_behind(
    *,
    status: str,
    starts_on: date,
    due_on: date,
    start_level: int,
    target_level: int,
    current_level: int,
    today: date,
) -> bool:
    """An open goal past its due date, or below the level expected by now (module docstring)."""
    if status not in OPEN_STATUSES:
        return False
    if today > due_on:
        return True
    expected = expected_level(
        starts_on=starts_on,
        due_on=due_on,
        start_level=start_level,
        target_level=target_level,
        today=today,
    )
    return current_level < expected


def is_on_track(*, status: str, today: date, **goal) -> bool:
    """An open goal that is not behind."""
    return status in OPEN_STATUSES and not is_behind(status=status, today=today, **goal)


def _goal_values(goal: SkillGoal | Mapping) -> dict:
    if isinstance(goal, Mapping):
        return {name: goal[name] for name in GOAL_FIELDS}
    return {name: getattr(goal, name) for name in GOAL_FIELDS}


def goal_is_behind(goal: SkillGoal | Mapping, today: date) -> bool:
    """`is_behind` for a goal instance or a row with at least `GOAL_FIELDS`."""
    return is_behind(**_goal_values(goal), today=today)


def goal_is_on_track(goal: SkillGoal | Mapping, today: date) -> bool:
    """`is_on_track` for a goal instance or a row with at least `GOAL_FIELDS`."""
    return is_on_track(**_goal_values(goal), today=today)


# --- quiet -----------------------------------------------------------------------------------


def days_quiet(
    *, last_activity_on: date | None, joined_at: datetime, pilot_starts_on: date, today: date
) -> int:
    """Days since the latest of last activity, joining and the pilot's start (module docstring)."""
    since = max(timezone.localdate(joined_at), pilot_starts_on)
    if last_activity_on is not None:
        since = max(since, last_activity_on)
    return (today - since).days


def is_quiet(
    *,
    last_activity_on: date | None,
    joined_at: datetime,
    pilot_starts_on: date,
    quiet_after_days: int,
    today: date,
) -> bool:
    """No activity on any of the last `quiet_after_days` days, counted as the docstring says."""
    days = days_quiet(
        last_activity_on=last_activity_on,
        joined_at=joined_at,
        pilot_starts_on=pilot_starts_on,
        today=today,
    )
    return days >= quiet_after_days


CONFIRMED, SELF_DECLARED = "confirmed", "self_declared"


def achievement(status: str, confirmation: str) -> str:
    """How an achieved goal counts: confirmed by the coach, or self-declared; "" if not achieved."""
    if status != SkillGoal.Status.ACHIEVED:
        return ""
    return CONFIRMED if confirmation == SkillGoal.Confirmation.CONFIRMED else SELF_DECLARED

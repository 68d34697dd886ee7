"""Where apps plug their reminder rules in: planners, relevance checks and attachments.

A planner is `plan(now: datetime) -> int`: it inserts the reminders that are due at `now`
(with `notifications.services.schedule_many`) and returns how many rows it added. Planners run
at the start of every sweep, so a planner only has to answer "who should have been reminded by
now?"; the unique key of the ledger makes running it again harmless.
"""

import importlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

PLANNERS: list[str] = [
    "workshops.reminders.plan_session_reminders",
    "workshops.reminders.plan_coach_next_month",
    "learning.reminders.plan_gone_quiet",
    "learning.reminders.plan_goal_due",
    "learning.reminders.plan_experiment_reflection",
    "proeftuin.reminders.plan_round_opened",
    "proeftuin.reminders.plan_round_closing",
    "proeftuin.reminders.plan_director_digest",
]

# rule -> `still_due(reminder) -> bool`, asked just before sending: False marks the row skipped
# (a cancelled or moved session, an achieved goal ...).
STILL_DUE: dict[str, str] = {
    "session_soon": "workshops.reminders.still_due",
    "goal_due": "learning.reminders.goal_still_due",
    "experiment_reflection": "learning.reminders.experiment_still_due",
    "coach_plan_next_month": "workshops.reminders.coach_still_due",
}

# rule -> `figures(reminder) -> dict`, merged into the e-mail's context when it is composed:
# for content that should be current at sending time, not frozen (and stored) at planning.
EMAIL_CONTEXT: dict[str, str] = {
    "director_digest": "proeftuin.reminders.digest_figures",
}

# rule -> `attachments(reminder) -> list[(filename, bytes, mimetype)]`.
ATTACHMENTS: dict[str, str] = {
    "session_soon": "workshops.reminders.attachments",
}


def _import(dotted: str) -> Callable[..., Any] | None:
    """The callable at a dotted path, or None when its module is not (yet) there."""
    module_name, _, attribute = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only the planner's own module may be missing; a broken import inside it is a bug.
        if exc.name and module_name.startswith(exc.name):
            logger.debug("reminder hook %s skipped: module %s not found", dotted, exc.name)
            return None
        raise
    found = getattr(module, attribute, None)
    if found is None:
        logger.warning("reminder hook %s skipped: %s has no %s", dotted, module_name, attribute)
    return found


def planners() -> list[Callable[[datetime], int]]:
    paths = [*PLANNERS, *getattr(settings, "REMINDER_EXTRA_PLANNERS", [])]
    return [found for path in paths if (found := _import(path)) is not None]


def hook(table: dict[str, str], rule: str) -> Callable[..., Any] | None:
    path = table.get(rule)
    return _import(path) if path else None

"""Where apps plug their reminder rules in: planners, relevance checks and attachments.

A planner is `plan(now: datetime) -> int`: it inserts the reminders that are due at `now`
(with `notifications.services.schedule_many`) and returns how many rows it added. Planners run
at the start of every sweep, so a planner only has to answer "who should have been reminded by
now?"; the unique key of the ledger makes running it again harmless.

A planner whose query leaves out what the ledger holds (`services.not_in_ledger`) takes
`limit` as well, `plan(now, limit=n)`, and plans at most n rows (`services.first_rows`): the
sweep passes the batch (REMINDER_PLAN_BATCH), so no sweep plans more than that per planner
whatever the instance's size, and the next sweeps plan the rest. A planner whose query does not
leave them out must not take `limit`: it would return the same first rows on every sweep and
never reach the others.
"""

import importlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import checks

PLANNERS: list[str] = [
    "workshops.reminders.plan_session_reminders",
    "workshops.reminders.plan_coach_next_month",
    "learning.reminders.plan_gone_quiet",
    "learning.reminders.plan_goal_due",
    "learning.reminders.plan_experiment_reflection",
    "learning.reminders.plan_ethics_review_waiting",
    "learning.reminders.plan_ethics_changes_requested",
    "proeftuin.measurement.reminders.plan_round_opened",
    "proeftuin.measurement.reminders.plan_round_closing",
    "proeftuin.overview.digest.plan_director_digest",
    "proeftuin.measurement.reminders.plan_plan_gap",
    "proeftuin.measurement.reminders.plan_action_due",
    "workshops.reminders.plan_offer_expiry",
    "workshops.reminders.plan_guest_reminders",
    "proeftuin.inbox.digest.plan_coach_inbox_digest",
]

# rule -> `still_due(reminder) -> bool`, asked just before sending: False marks the row skipped
# (a cancelled or moved session, an achieved goal ...).
STILL_DUE: dict[str, str] = {
    "session_soon": "workshops.reminders.still_due",
    "goal_due": "learning.reminders.goal_still_due",
    "experiment_reflection": "learning.reminders.experiment_still_due",
    "coach_plan_next_month": "workshops.reminders.coach_still_due",
    "plan_gap": "proeftuin.measurement.reminders.plan_gap_still_due",
    "plan_action_due": "proeftuin.measurement.reminders.action_still_due",
    "ethics_review_waiting": "learning.reminders.ethics_review_still_waiting",
    "ethics_changes_requested": "learning.reminders.ethics_changes_still_requested",
    "session_offer": "workshops.reminders.offer_still_due",
    "guest_confirm": "workshops.reminders.guest_confirm_still_due",
    "coach_inbox_digest": "proeftuin.inbox.digest.inbox_still_waiting",
}

# rule -> `current(reminder) -> dict`: the parts of a row's context that may change between
# planning and sending (a renamed session, a new place: a morning's rows wait their turn of the
# claims, REMINDER_SWEEP_BATCH a sweep), written into the row just before it is composed, so
# the mail, its subject and the in-app list all show what was sent. (EMAIL_CONTEXT, below, is
# for what the row must not keep: the figures of a digest.)
CURRENT: dict[str, str] = {
    "session_soon": "workshops.reminders.current_context",
    "goal_due": "learning.reminders.goal_current_context",
}

# rule -> `figures(reminder) -> dict`, merged into the e-mail's context when it is composed:
# for content that should be current at sending time, not frozen (and stored) at planning.
EMAIL_CONTEXT: dict[str, str] = {
    "director_digest": "proeftuin.overview.digest.digest_figures",
    "coach_inbox_digest": "proeftuin.inbox.digest.digest_contents",
}

# rule -> `attachments(reminder) -> list[(filename, bytes, mimetype)]`.
ATTACHMENTS: dict[str, str] = {
    "session_soon": "workshops.reminders.attachments",
}


class HookMissing(ImportError):
    """A dotted path of the registry does not lead to a callable; the message names the path."""


def resolve(dotted: str) -> Callable[..., Any]:
    """The callable at a dotted path; a missing module or name raises HookMissing naming it.

    Strict on purpose: a renamed module would otherwise stop its reminders without a word.
    """
    module_name, _, attribute = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise HookMissing(f"reminder hook {dotted}: cannot import {module_name} ({exc})") from exc
    found = getattr(module, attribute, None)
    if not callable(found):
        raise HookMissing(f"reminder hook {dotted}: {module_name} has no callable {attribute}")
    return found


def all_paths() -> list[str]:
    """Every dotted path the registry names (planners of the settings included)."""
    return [
        *PLANNERS,
        *getattr(settings, "REMINDER_EXTRA_PLANNERS", []),
        *STILL_DUE.values(),
        *CURRENT.values(),
        *EMAIL_CONTEXT.values(),
        *ATTACHMENTS.values(),
    ]


def planners() -> list[Callable[[datetime], int]]:
    return [
        resolve(path) for path in [*PLANNERS, *getattr(settings, "REMINDER_EXTRA_PLANNERS", [])]
    ]


def hook(table: dict[str, str], rule: str) -> Callable[..., Any] | None:
    path = table.get(rule)
    return resolve(path) if path else None


def check_hooks(app_configs=None, **kwargs) -> list[checks.Error]:
    """A system check: every path resolves, so a renamed module stops the start, not the mail."""
    errors = []
    for path in all_paths():
        try:
            resolve(path)
        except HookMissing as exc:
            errors.append(checks.Error(str(exc), id="notifications.E001"))
    return errors

"""Time and count the queries of one reminder planning sweep over the whole data set.

Uses the planning entry point of the notifications app when it exists (the first of
PLANNING_ENTRY_POINTS found), else the `send_due_reminders` command, else reports "n/a".
The sweep runs twice at the same moment: the second run must plan nothing new.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable

from django.core.management import call_command, get_commands
from django.db import connection
from django.utils import timezone

from notifications.models import Reminder

# (module, function): called with now=<aware datetime>; the first that exists is used.
PLANNING_ENTRY_POINTS = [
    ("notifications.registry", "plan_due"),
    ("notifications.registry", "plan_all"),
    ("notifications.registry", "plan_due_reminders"),
    ("notifications.services", "plan_due_reminders"),
    ("notifications.sweep", "plan_due_reminders"),
    ("notifications.planning", "plan_due_reminders"),
]


def _entry_point() -> tuple[str, Callable] | None:
    for module_name, function in PLANNING_ENTRY_POINTS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if callable(getattr(module, function, None)):
            return f"{module_name}.{function}(now=...)", getattr(module, function)
    if "send_due_reminders" in get_commands():

        def command(now):
            call_command("send_due_reminders", now=now.isoformat())

        return "manage.py send_due_reminders --now (plans and sends)", command
    return None


def _run_counted(function: Callable, now) -> dict:
    queries = 0

    def counting(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    before = Reminder.objects.count()
    started = time.perf_counter()
    with connection.execute_wrapper(counting):
        function(now=now)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "queries": queries,
        "reminders_planned": Reminder.objects.count() - before,
    }


def measure() -> dict:
    found = _entry_point()
    if found is None:
        return {"status": "n/a (not built)"}
    name, function = found
    now = timezone.now()
    return {
        "status": "ok",
        "entry_point": name,
        "first": _run_counted(function, now),
        "second_same_moment": _run_counted(function, now),
    }

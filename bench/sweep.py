"""Time and count the queries of one reminder planning sweep over the whole data set.

Runs every planner of `notifications.registry.planners()` (one figure per planner and the
total), else the first planning entry point of PLANNING_ENTRY_POINTS that exists, else the
`send_due_reminders` command, else reports "n/a". The sweep runs at 11:00 Amsterdam time of
today (every daily planner has fired by then), twice at the same moment: the second run must
plan nothing new.
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Callable

from django.core.management import call_command, get_commands
from django.db import connection
from django.utils import timezone

from notifications.models import Reminder

SWEEP_LOCAL_TIME = dt.time(11, 0)

# (module, function): called with now=<aware datetime>; the first that exists is used.
PLANNING_ENTRY_POINTS = [
    ("notifications.services", "plan_due"),
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


def _planners() -> list[tuple[str, Callable]] | None:
    try:
        registry = importlib.import_module("notifications.registry")
    except ImportError:
        return None
    if not callable(getattr(registry, "planners", None)):
        return None
    return [(f"{p.__module__}.{p.__name__}", p) for p in registry.planners()]


def _sweep_by_planner(planners, now) -> dict:
    result = {"seconds": 0.0, "queries": 0, "reminders_planned": 0, "planners": {}}
    for name, planner in planners:
        figures = _run_counted(lambda now, planner=planner: planner(now), now)
        result["planners"][name] = figures
        for key in ("seconds", "queries", "reminders_planned"):
            result[key] += figures[key]
    result["seconds"] = round(result["seconds"], 2)
    return result


def sweep_moment() -> dt.datetime:
    """Today at 11:00 in Amsterdam: every daily planner (the earliest fires at 07:30) is due."""
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), SWEEP_LOCAL_TIME))


def measure() -> dict:
    now = sweep_moment()
    planners = _planners()
    if planners:
        return {
            "status": "ok",
            "at": now.isoformat(),
            "entry_point": "every planner of notifications.registry.planners()",
            "first": _sweep_by_planner(planners, now),
            "second_same_moment": _sweep_by_planner(planners, now),
        }
    found = _entry_point()
    if found is None:
        return {"status": "n/a (not built)"}
    name, function = found
    return {
        "status": "ok",
        "at": now.isoformat(),
        "entry_point": name,
        "first": _run_counted(function, now),
        "second_same_moment": _run_counted(function, now),
    }

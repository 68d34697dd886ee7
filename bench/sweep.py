"""Time and count the queries of one reminder planning sweep over the whole data set.

Runs every planner of `notifications.registry.planners()` (one figure per planner and the
total) at 11:00 Amsterdam time of today (every daily planner has fired by then), again at the
same moment, and once more two minutes later, the next sweep of the beat: the last two must plan
nothing new, and what they cost is the sweep's price when nothing is due.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications import registry
from notifications.models import Reminder

SWEEP_LOCAL_TIME = dt.time(11, 0)
NEXT_SWEEP = dt.timedelta(minutes=2)  # the beat's interval (config/celery.py)


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


def _planners() -> list[tuple[str, Callable]]:
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
    # The URLconf (every view module) is imported on the first reverse(); a worker that sweeps
    # every two minutes has long done that, so the first planner should not pay for it here.
    reverse("proeftuin:pilot-home", kwargs={"pilot": 1})
    return {
        "status": "ok",
        "at": now.isoformat(),
        "entry_point": "every planner of notifications.registry.planners()",
        "first": _sweep_by_planner(planners, now),
        "second_same_moment": _sweep_by_planner(planners, now),
        "next_sweep": _sweep_by_planner(planners, now + NEXT_SWEEP),
    }

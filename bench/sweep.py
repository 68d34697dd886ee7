"""Time and count the queries of the reminder sweep's planning over the whole data set.

Runs the planning of a sweep (`notifications.services.planning_passes`: every planner, those
that can stop early at the batch of REMINDER_PLAN_BATCH rows; one figure per planner and the
total) at 11:00 Amsterdam time of today (every daily planner has fired by then; on the empty
ledger this is the day's reminders all at once, as after a morning without sweeps), then the
sweeps of the beat two minutes apart until one plans nothing (the rest of the batches), that
moment again and once more two minutes later: the last two must plan nothing, and what they
cost is the sweep's price when nothing is due.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import Reminder

SWEEP_LOCAL_TIME = dt.time(11, 0)
NEXT_SWEEP = dt.timedelta(minutes=2)  # the beat's interval (config/celery.py)
FOLLOWING_SWEEPS_MAX = 100


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


def _sweep_by_planner(now) -> dict:
    result = {"seconds": 0.0, "queries": 0, "reminders_planned": 0, "planners": {}}
    for name, plan in services.planning_passes(now):
        figures = _run_counted(lambda now, plan=plan: plan(), now)
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
    # The URLconf (every view module) is imported on the first reverse(); a worker that sweeps
    # every two minutes has long done that, so the first planner should not pay for it here.
    reverse("proeftuin:pilot-home", kwargs={"pilot": 1})
    first = _sweep_by_planner(now)
    following = []
    moment = now
    while not following or following[-1]["reminders_planned"]:
        if len(following) == FOLLOWING_SWEEPS_MAX:
            break
        moment += NEXT_SWEEP
        following.append(_sweep_by_planner(moment))
    batches = [first, *following[:-1]]
    return {
        "status": "ok",
        "at": now.isoformat(),
        "entry_point": "notifications.services.planning_passes",
        "first": first,
        # The sweeps that planned the rest of the batches, and the first that planned nothing.
        "planning_sweeps": len(batches),
        "planning_rows": sum(b["reminders_planned"] for b in batches),
        "planning_seconds_total": round(sum(b["seconds"] for b in batches), 2),
        "heaviest": max(batches, key=lambda b: b["seconds"]),
        "following": [
            {k: f[k] for k in ("seconds", "queries", "reminders_planned")} for f in following
        ],
        "idle": following[-1],
        "second_same_moment": _sweep_by_planner(moment),
        "next_sweep": _sweep_by_planner(moment + NEXT_SWEEP),
    }

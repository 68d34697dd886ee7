"""How PostgreSQL runs a planner's query when nothing new is due: the sweep's price at scale.

These read the query plan (EXPLAIN) of a planner's query in a sweep that plans nothing, and
fail when the query takes a shape whose cost grows faster than what it reads.
"""

from collections.abc import Callable

import pytest
from django.db import connection

from learning import reminders as learning_reminders
from proeftuin.inbox import digest
from proeftuin.models import Membership

from .conftest import local, running_through

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans"),
]


def plans_of(planner: Callable, now) -> list[str]:
    """The EXPLAIN text of each SELECT the planner runs at `now`."""
    grabbed: list[tuple[str, object]] = []

    def grab(execute, sql, params, many, context):
        grabbed.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(grab):
        planner(now)
    plans = []
    with connection.cursor() as cursor:
        for sql, params in grabbed:
            if sql.lstrip().upper().startswith("SELECT"):
                cursor.execute(f"EXPLAIN {sql}", params)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_the_inbox_digest_reads_this_weeks_digests_once_not_once_per_coach(pilot, other_pilot):
    from backlog.models import Question

    for each in (pilot, other_pilot):
        running_through(each.proeftuin)
        Question.objects.create(
            proeftuin=each.proeftuin, text="Wanneer is het druk?", asked_by="de balie", why="."
        )
    assert digest.plan_coach_inbox_digest(local(2027, 3, 1, 8, 0)) == 2
    [plan] = plans_of(digest.plan_coach_inbox_digest, local(2027, 3, 1, 8, 2))
    # An anti-join is what PostgreSQL turned into a loop over every digest for every coach,
    # as it estimates a week's digests at almost none until the next ANALYZE.
    assert "Anti Join" not in plan, plan
    assert "notifications_reminder" in plan, plan


def test_the_quiet_planner_probes_each_participants_latest_nudge_not_a_join(pilot):
    running_through(pilot.proeftuin)
    Membership.objects.filter(proeftuin=pilot.proeftuin).update(joined_at=local(2026, 10, 1, 9, 0))
    assert learning_reminders.plan_gone_quiet(local(2027, 1, 12, 10, 0)) > 0
    [plan] = plans_of(learning_reminders.plan_gone_quiet, local(2027, 1, 12, 10, 2))
    # NOT EXISTS on a recent nudge became a loop over all nudges for every participant
    # whenever PostgreSQL took the rule's rows for few (a new instance, an emptied ledger).
    assert "Anti Join" not in plan, plan
    assert "notifications_reminder" in plan, plan

"""The plan's reminders and the follow-up report against the ambition and the plan."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from notifications import emails, registry
from notifications.models import NotificationPreference, Reminder, Rule
from proeftuin.measurement import plan as plans
from proeftuin.measurement import reminders
from proeftuin.measurement import report as reports
from proeftuin.models import Ambition, PlanAction
from tests import factories

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    return timezone.now()


def ambition(pilot, dimension: str, stage: int) -> Ambition:
    return Ambition.objects.create(
        proeftuin=pilot.proeftuin,
        dimension=dimension,
        target_stage=stage,
        target_on=timezone.localdate() + timedelta(days=100),
        why="Omdat het ertoe doet.",
    )


def action(pilot, dimension: str, *, status="open", due_in=30, owner=None) -> PlanAction:
    return PlanAction.objects.create(
        proeftuin=pilot.proeftuin,
        dimension=dimension,
        text=f"Actie voor {dimension}",
        owner=owner or pilot.coach,
        due_on=timezone.localdate() + timedelta(days=due_in),
        status=status,
        done_on=timezone.localdate() - timedelta(days=5) if status == "done" else None,
    )


# --- the coach: a dimension below its ambition without an action -----------------------------


def test_the_coach_hears_of_a_dimension_below_its_ambition_that_has_no_action(known):
    pilot, _baseline, _follow_up = known
    ambition(pilot, "public_value", 3)  # the group is at 2
    ambition(pilot, "data_analysis", 3)  # reached: the group is at 3
    ambition(pilot, "learning_and_change", 4)  # below, but an action is open
    action(pilot, "learning_and_change")
    assert reminders.plan_plan_gap(now()) == 1
    reminder = Reminder.objects.get(rule=Rule.PLAN_GAP)
    assert reminder.recipient == pilot.coach.user
    assert emails.build(reminder).subject == (
        "Publieke waarde: onder de ambitie en geen actie in het plan"
    )
    assert reminders.plan_plan_gap(now()) == 0  # once per dimension per round


def test_a_coach_who_opted_out_hears_nothing_of_plan_gaps(known):
    pilot, _baseline, _follow_up = known
    ambition(pilot, "public_value", 3)
    NotificationPreference.objects.create(user=pilot.coach.user, rule=Rule.PLAN_GAP)
    assert reminders.plan_plan_gap(now()) == 0


def test_no_plan_gap_is_told_where_the_median_is_hidden(pilot):
    from tests.proeftuin.measurement.test_report import answer, days

    closed = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin, kind="baseline", opens_on=days(-20), closes_on=days(-1)
    )
    answer(pilot.participant, closed, {})
    answer(pilot.other_participant, closed, {})
    ambition(pilot, "public_value", 4)
    assert reminders.plan_plan_gap(now()) == 0


def test_a_plan_gap_reminder_is_skipped_once_an_action_is_added(known):
    pilot, _baseline, _follow_up = known
    ambition(pilot, "public_value", 3)
    reminders.plan_plan_gap(now())
    action(pilot, "public_value")
    still_due = registry.hook(registry.STILL_DUE, Rule.PLAN_GAP)
    assert still_due(Reminder.objects.get(rule=Rule.PLAN_GAP)) is False


# --- the owner: an action that is due ----------------------------------------------------------


def test_the_owner_of_an_action_is_reminded_three_days_before_it_is_due(pilot):
    due = action(pilot, "data_analysis", due_in=10, owner=pilot.participant)
    nine = datetime.combine(due.due_on - timedelta(days=3), datetime.min.time(), AMS)
    assert reminders.plan_action_due(nine.replace(hour=8)) == 0
    assert reminders.plan_action_due(nine.replace(hour=9)) == 1
    reminder = Reminder.objects.get(rule=Rule.PLAN_ACTION_DUE)
    assert reminder.recipient == pilot.participant.user
    assert emails.build(reminder).subject.startswith("Je actie uit het plan is ")
    assert reminders.plan_action_due(nine.replace(hour=10)) == 0


def test_no_reminder_for_an_action_done_dropped_or_of_an_owner_who_opted_out(pilot):
    action(pilot, "data_analysis", due_in=2, status="done")
    action(pilot, "public_value", due_in=2, status="dropped")
    action(pilot, "learning_and_change", due_in=2, owner=pilot.participant)
    NotificationPreference.objects.create(user=pilot.participant.user, rule=Rule.PLAN_ACTION_DUE)
    assert reminders.plan_action_due(now()) == 0


def test_an_action_reminder_is_skipped_when_the_action_was_done_in_the_meantime(pilot):
    due = action(pilot, "data_analysis", due_in=2)
    reminders.plan_action_due(now())
    due.status = PlanAction.Status.DONE
    due.save()
    still_due = registry.hook(registry.STILL_DUE, Rule.PLAN_ACTION_DUE)
    assert still_due(Reminder.objects.get(rule=Rule.PLAN_ACTION_DUE)) is False


# --- the follow-up report against ambition and plan ------------------------------------------


def test_the_follow_up_report_says_which_ambitions_were_reached_and_which_actions_were_done(
    known,
):
    pilot, baseline, follow_up = known
    ambition(pilot, "data_analysis", 3)
    ambition(pilot, "public_value", 3)
    action(pilot, "data_analysis", status="done")
    action(pilot, "public_value")
    rows = {d.dimension: d for d in reports.round_report(follow_up).dimensions}
    assert rows["data_analysis"].reached is True
    assert rows["public_value"].reached is False
    assert [a.text for a in rows["data_analysis"].actions_done] == ["Actie voor data_analysis"]
    assert [a.text for a in rows["public_value"].actions_open] == ["Actie voor public_value"]
    assert reports.round_report(baseline).dimensions[0].ambition is None


def test_the_plan_page_shows_an_ambition_reached(known, client_for):
    pilot, _baseline, _follow_up = known
    ambition(pilot, "data_analysis", 3)
    row = next(r for r in plans.ambition_progress(pilot.proeftuin).rows if r.ambition)
    assert row.reached is True

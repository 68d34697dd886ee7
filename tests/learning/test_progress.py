"""One rule for "on track" and one for "quiet": the coach, the director and the reminders agree."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from learning import progress
from learning import reminders as learning_reminders
from notifications.models import Reminder, Rule
from tests import factories

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 15, 10, 0, tzinfo=AMS)  # the gone-quiet planner's hour
TODAY = NOW.date()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _at_nine(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=AMS)


# --- the goal rule ---------------------------------------------------------------------------


def test_a_goal_past_its_due_date_is_behind():
    # At its target level but still open: only the due date can make it behind.
    goal = factories.GoalFactory.build(
        start_level=1,
        target_level=3,
        current_level=3,
        starts_on=_days_ago(100),
        due_on=_days_ago(1),
    )
    assert progress.goal_is_behind(goal, TODAY)
    assert not progress.goal_is_behind(goal, goal.due_on)  # due today is not past due


def test_a_goal_is_behind_when_its_level_lags_the_share_of_time_elapsed():
    # 1 -> 3 over 100 days: after 50 days level 2 is expected.
    goal = factories.GoalFactory.build(
        start_level=1,
        target_level=3,
        current_level=1,
        starts_on=_days_ago(50),
        due_on=TODAY + timedelta(days=50),
    )
    assert progress.goal_is_behind(goal, TODAY)
    goal.current_level = 2
    assert not progress.goal_is_behind(goal, TODAY)
    goal.current_level = 1
    assert not progress.goal_is_behind(goal, _days_ago(2))  # 48 days: 1.96 -> 1


def test_an_achieved_goal_is_never_behind_nor_on_track():
    goal = factories.GoalFactory.build(
        status="achieved", starts_on=_days_ago(100), due_on=_days_ago(1)
    )
    assert not progress.goal_is_behind(goal, TODAY)
    assert not progress.goal_is_on_track(goal, TODAY)


def test_a_goal_row_and_a_goal_instance_get_the_same_answer():
    goal = factories.GoalFactory.build(
        current_level=1, starts_on=_days_ago(50), due_on=TODAY + timedelta(days=50)
    )
    row = {name: getattr(goal, name) for name in progress.GOAL_FIELDS}
    assert progress.goal_is_on_track(row, TODAY) == progress.goal_is_on_track(goal, TODAY) is False


# --- the quiet rule --------------------------------------------------------------------------


def test_quiet_counts_from_the_latest_of_last_activity_joining_and_the_pilots_start():
    def quiet(last, joined, start):
        return progress.is_quiet(
            last_activity_on=last,
            joined_at=_at_nine(joined),
            pilot_starts_on=start,
            quiet_after_days=14,
            today=TODAY,
        )

    long_ago = _days_ago(100)
    assert quiet(_days_ago(14), long_ago, long_ago)
    assert not quiet(_days_ago(13), long_ago, long_ago)
    assert quiet(None, long_ago, long_ago)
    assert not quiet(None, _days_ago(13), long_ago)  # joined 13 days ago
    assert not quiet(long_ago, long_ago, _days_ago(13))  # the pilot started 13 days ago
    assert quiet(_days_ago(14), long_ago, _days_ago(14))  # active on the pilot's first day


# --- coach, director and reminders agree ------------------------------------------------------


def _pilot(starts_on: date):
    proeftuin = factories.ProeftuinFactory(
        starts_on=starts_on, ends_on=date(2027, 12, 31), quiet_after_days=14
    )
    return proeftuin, factories.CoachFactory(proeftuin=proeftuin)


def _participant(proeftuin, *, joined: date, active_on: date | None = None):
    membership = factories.ParticipantFactory(proeftuin=proeftuin, joined_at=_at_nine(joined))
    if active_on is not None:
        factories.ActivityFactory(membership=membership, on=active_on)
    return membership


def _coach_sees_quiet(client, coach):
    url = reverse("learning:participants", args=[coach.proeftuin_id])
    response = client.get(url)
    home = client.get(reverse("proeftuin:pilot-home", args=[coach.proeftuin_id])).content.decode()
    quiet = {row.membership for row in response.context["rows"] if row.quiet}
    return quiet, response.context["needs_a_word"], home


def test_the_coach_and_the_gone_quiet_reminder_agree_on_who_is_quiet(client_for, frozen):
    running, running_coach = _pilot(date(2026, 9, 1))
    long_ago = date(2026, 10, 1)
    exactly_n = _participant(running, joined=long_ago, active_on=_days_ago(14))
    _participant(running, joined=long_ago, active_on=_days_ago(13))
    never_logged = _participant(running, joined=long_ago)
    _participant(running, joined=_days_ago(13))  # new: not quiet yet

    # A pilot that started 13 days ago: nobody is quiet yet, whatever they did before it.
    young, young_coach = _pilot(_days_ago(13))
    _participant(young, joined=long_ago)
    _participant(young, joined=long_ago, active_on=_days_ago(13))  # on the pilot's first day
    _participant(young, joined=long_ago, active_on=_days_ago(40))

    # A pilot that started exactly 14 days ago.
    fortnight, fortnight_coach = _pilot(_days_ago(14))
    on_start_day = _participant(fortnight, joined=long_ago, active_on=_days_ago(14))
    invited_before = _participant(fortnight, joined=long_ago)
    _participant(fortnight, joined=long_ago, active_on=_days_ago(13))

    learning_reminders.plan_gone_quiet(NOW)
    nudged = {
        (r.proeftuin_id, r.recipient_id, r.context["days"])
        for r in Reminder.objects.filter(rule=Rule.GONE_QUIET)
    }

    for coach, expected in (
        (running_coach, {exactly_n, never_logged}),
        (young_coach, set()),
        (fortnight_coach, {on_start_day, invited_before}),
    ):
        quiet, needs_a_word, home = _coach_sees_quiet(client_for(coach), coach)
        assert quiet == expected
        assert needs_a_word == len(expected)
        if expected:
            assert f"{len(expected)} deelnemers kunnen een woordje gebruiken" in home
        reminded = {(pk, user) for pk, user, _days in nudged if pk == coach.proeftuin_id}
        assert reminded == {(m.proeftuin_id, m.user_id) for m in expected}
    assert {days for *_who, days in nudged} == {14, 75}


def test_the_coach_and_the_director_agree_on_which_goals_are_on_track(client_for, frozen):
    proeftuin, coach = _pilot(date(2026, 9, 1))
    # A group size of 1 shows every count, so the test compares the rule, not the suppression.
    proeftuin.min_group_size = 1
    proeftuin.save(update_fields=["min_group_size"])
    director = factories.DirectorFactory(proeftuin=proeftuin)
    people = [_participant(proeftuin, joined=date(2026, 9, 1)) for _ in range(3)]

    def goal(membership, **fields):
        return factories.GoalFactory(membership=membership, start_level=1, target_level=3, **fields)

    # (starts, due, current level): on track or behind by the one rule.
    goal(people[0], starts_on=_days_ago(60), due_on=TODAY, current_level=3)  # due today, at target
    goal(people[0], starts_on=_days_ago(60), due_on=TODAY, current_level=2)  # due today, short
    goal(people[1], starts_on=_days_ago(60), due_on=_days_ago(1), current_level=3)  # due yesterday
    # No check-in yet: a third of the time passed, level 1 -> 3 expects 1.65, rounded down 1.
    goal(people[1], starts_on=_days_ago(30), due_on=TODAY + timedelta(days=62))
    goal(people[2], starts_on=_days_ago(50), due_on=TODAY + timedelta(days=50))  # lagging
    goal(people[2], starts_on=_days_ago(50), due_on=TODAY + timedelta(days=50), current_level=2)
    goal(people[2], status="achieved", starts_on=_days_ago(50), due_on=_days_ago(1))

    rows = client_for(coach).get(reverse("learning:participants", args=[proeftuin.pk]))
    coach_on_track = sum(row.on_track_count for row in rows.context["rows"])
    coach_behind = sum(len(row.behind_goals) for row in rows.context["rows"])
    overview = (
        client_for(director).get(reverse("proeftuin:overview", args=[proeftuin.pk])).context["o"]
    )

    assert (coach_on_track, coach_behind) == (3, 3)
    assert overview.goals["on_track"].value == coach_on_track
    assert overview.goals["set"].value - overview.goals["achieved"].value == 6

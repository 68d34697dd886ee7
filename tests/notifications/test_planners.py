"""Each rule plans the right people at the right Amsterdam moment, and only them."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import reminders as learning_reminders
from learning.models import LearningActivity, Lesson
from notifications.models import NotificationPreference, Reminder, Rule
from notifications.services import plan_due
from tests import factories
from workshops import reminders as workshop_reminders
from workshops.models import Registration, Session

from .conftest import local, make_experiment, make_goal, make_session, register, running_through

pytestmark = pytest.mark.django_db
UTC = UTC


def planned(rule, **filters):
    return list(Reminder.objects.filter(rule=rule, **filters).order_by("due_at", "recipient_id"))


# --- session reminders --------------------------------------------------------------------


def test_a_session_reminder_is_due_at_nine_two_days_before_in_amsterdam_time(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)

    workshop_reminders.plan_session_reminders(local(2027, 1, 12, 8, 59))
    assert planned(Rule.SESSION_SOON) == []

    workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 0))
    [reminder] = planned(Rule.SESSION_SOON)
    assert reminder.recipient == pilot.participant.user
    assert reminder.due_at == datetime(2027, 1, 12, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert reminder.context["which"] == "2d"


def test_on_the_spring_forward_sunday_the_two_day_reminder_comes_at_nine_summer_time(pilot):
    running_through(pilot.proeftuin)
    # Sunday 28 March 2027 the clocks go from 02:00 to 03:00; the session is on Tuesday.
    session = make_session(pilot.proeftuin, local(2027, 3, 30, 12, 0))
    register(session, pilot.participant)

    workshop_reminders.plan_session_reminders(datetime(2027, 3, 28, 6, 59, tzinfo=UTC))
    assert planned(Rule.SESSION_SOON) == []  # 08:59 CEST; a UTC crontab would fire at 08:00 UTC

    workshop_reminders.plan_session_reminders(datetime(2027, 3, 28, 7, 0, tzinfo=UTC))
    [reminder] = planned(Rule.SESSION_SOON)
    assert reminder.due_at == datetime(2027, 3, 28, 7, 0, tzinfo=UTC)  # 09:00 CEST


def test_the_morning_reminder_on_the_dst_sunday_is_at_half_past_seven_local(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 3, 28, 10, 0))
    register(session, pilot.participant, Registration.Response.MAYBE)

    workshop_reminders.plan_session_reminders(datetime(2027, 3, 28, 5, 29, tzinfo=UTC))
    assert [r.context["which"] for r in planned(Rule.SESSION_SOON)] == ["2d"]

    workshop_reminders.plan_session_reminders(datetime(2027, 3, 28, 5, 30, tzinfo=UTC))
    morning = planned(Rule.SESSION_SOON, context__which="morning")
    assert [r.due_at for r in morning] == [datetime(2027, 3, 28, 5, 30, tzinfo=UTC)]


def test_an_early_session_gets_its_morning_reminder_an_hour_before_it_starts(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 2, 3, 8, 0))
    register(session, pilot.participant)

    workshop_reminders.plan_session_reminders(local(2027, 2, 3, 7, 0))
    morning = planned(Rule.SESSION_SOON, context__which="morning")
    assert [r.due_at for r in morning] == [local(2027, 2, 3, 7, 0)]


def test_only_people_going_or_maybe_and_not_on_the_waiting_list_get_a_session_reminder(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant, Registration.Response.GOING)
    register(session, pilot.other_participant, Registration.Response.NOT_GOING)
    waiting = register(session, pilot.third_participant, Registration.Response.GOING)
    waiting.waiting_since = local(2027, 1, 1, 12, 0)
    waiting.save()
    register(session, pilot.coach, Registration.Response.MAYBE)

    workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 0))
    assert {r.recipient for r in planned(Rule.SESSION_SOON)} == {
        pilot.participant.user,
        pilot.coach.user,
    }


def test_no_session_reminder_for_cancelled_sessions_inactive_members_ended_pilots_or_opt_outs(
    pilot, other_pilot
):
    running_through(pilot.proeftuin)
    running_through(other_pilot.proeftuin, end=date(2027, 1, 10))  # ended before the moment
    cancelled = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    cancelled.status = Session.Status.CANCELLED
    cancelled.save()
    register(cancelled, pilot.participant)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 15, 0))
    register(session, pilot.other_participant)
    pilot.other_participant.is_active = False
    pilot.other_participant.save()
    register(session, pilot.third_participant)
    NotificationPreference.objects.create(user=pilot.third_participant.user, rule=Rule.SESSION_SOON)
    ended = make_session(other_pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(ended, other_pilot.participant)

    assert workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 0)) == 0
    assert planned(Rule.SESSION_SOON) == []


def test_planning_twice_at_the_same_moment_adds_nothing(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)
    assert workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 0)) == 1
    assert workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 2)) == 0
    assert len(planned(Rule.SESSION_SOON)) == 1


def test_a_moved_session_is_reminded_again_for_its_new_time(pilot):
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)
    workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 0))
    session.starts_at, session.ends_at = local(2027, 1, 15, 12, 0), local(2027, 1, 15, 13, 0)
    session.save()
    workshop_reminders.plan_session_reminders(local(2027, 1, 13, 9, 0))
    assert len(planned(Rule.SESSION_SOON)) == 2


# --- the coach -----------------------------------------------------------------------------


def test_the_coach_is_reminded_on_the_fifteenth_when_next_month_has_no_session(pilot, other_pilot):
    running_through(pilot.proeftuin)
    running_through(other_pilot.proeftuin)
    make_session(other_pilot.proeftuin, local(2027, 2, 2, 12, 0))  # the other pilot planned

    workshop_reminders.plan_coach_next_month(local(2027, 1, 15, 8, 59))
    assert planned(Rule.COACH_PLAN_NEXT_MONTH) == []

    workshop_reminders.plan_coach_next_month(local(2027, 1, 15, 9, 0))
    [reminder] = planned(Rule.COACH_PLAN_NEXT_MONTH)
    assert reminder.recipient == pilot.coach.user
    assert reminder.period == "2027-02"


def test_next_month_is_counted_in_amsterdam_time_not_utc(pilot):
    running_through(pilot.proeftuin)
    # 1 February 00:30 in Amsterdam is still 31 January in UTC: it counts as February.
    make_session(pilot.proeftuin, local(2027, 2, 1, 0, 30))
    workshop_reminders.plan_coach_next_month(local(2027, 1, 20, 9, 0))
    assert planned(Rule.COACH_PLAN_NEXT_MONTH) == []


def test_the_coach_is_not_reminded_of_a_month_after_the_pilot_ends(pilot):
    running_through(pilot.proeftuin, end=date(2027, 1, 31))
    workshop_reminders.plan_coach_next_month(local(2027, 1, 15, 9, 0))
    assert planned(Rule.COACH_PLAN_NEXT_MONTH) == []


# --- gone quiet ------------------------------------------------------------------------------


def _joined(membership, day: date):
    membership.joined_at = local(day.year, day.month, day.day, 9, 0)
    membership.save(update_fields=["joined_at"])


def _activity(membership, on: date):
    LearningActivity.objects.create(
        membership=membership, kind="reading", on=on, minutes=20, title="Artikel over AVG"
    )


def test_a_participant_quiet_for_fourteen_days_gets_one_friendly_nudge(pilot):
    running_through(pilot.proeftuin)
    for m in (pilot.participant, pilot.other_participant, pilot.third_participant):
        _joined(m, date(2026, 10, 1))
    _activity(pilot.participant, date(2026, 12, 1))  # 14 days before 15 December
    _activity(pilot.other_participant, date(2026, 12, 2))  # 13 days
    _activity(pilot.third_participant, date(2026, 12, 14))

    learning_reminders.plan_gone_quiet(local(2026, 12, 15, 9, 59))
    assert planned(Rule.GONE_QUIET) == []
    learning_reminders.plan_gone_quiet(local(2026, 12, 15, 10, 0))
    [nudge] = planned(Rule.GONE_QUIET)
    assert nudge.recipient == pilot.participant.user
    assert nudge.context["days"] == 14


def test_a_quiet_participant_is_nudged_at_most_once_per_quiet_period(pilot):
    running_through(pilot.proeftuin)
    _joined(pilot.participant, date(2026, 10, 1))
    for m in (pilot.other_participant, pilot.third_participant):
        _activity(m, date(2027, 1, 30))
    for day in range(1, 30):
        learning_reminders.plan_gone_quiet(local(2027, 1, day, 10, 0))
    nudges = planned(Rule.GONE_QUIET, recipient=pilot.participant.user)
    assert [r.due_at.astimezone(local(2027, 1, 1).tzinfo).day for r in nudges] == [1, 15, 29]


def test_the_quiet_period_is_configurable_per_pilot(pilot):
    running_through(pilot.proeftuin)
    pilot.proeftuin.quiet_after_days = 7
    pilot.proeftuin.save()
    _joined(pilot.participant, date(2026, 10, 1))
    _activity(pilot.participant, date(2026, 12, 8))
    for m in (pilot.other_participant, pilot.third_participant):
        _activity(m, date(2026, 12, 15))
    learning_reminders.plan_gone_quiet(local(2026, 12, 15, 10, 0))
    assert [r.recipient for r in planned(Rule.GONE_QUIET)] == [pilot.participant.user]


def test_a_newcomer_without_activity_is_not_read_by_the_quiet_planner_until_quiet(
    pilot, monkeypatch
):
    from learning import progress

    running_through(pilot.proeftuin)
    _joined(pilot.participant, date(2026, 12, 10))  # five days before 15 December
    for m in (pilot.other_participant, pilot.third_participant):
        _activity(m, date(2026, 12, 14))
    judged: list = []
    real_is_quiet = progress.is_quiet

    def judging(**seen):
        judged.append(seen)
        return real_is_quiet(**seen)

    monkeypatch.setattr(progress, "is_quiet", judging)
    learning_reminders.plan_gone_quiet(local(2026, 12, 15, 10, 0))
    assert judged == []
    learning_reminders.plan_gone_quiet(local(2026, 12, 24, 10, 0))  # 14 days after joining
    assert [r.recipient for r in planned(Rule.GONE_QUIET)] == [pilot.participant.user]


def test_a_nudged_participant_is_not_read_by_the_quiet_planner_again_within_the_period(
    pilot, monkeypatch
):
    from learning import progress

    running_through(pilot.proeftuin)
    _joined(pilot.participant, date(2026, 10, 1))
    for m in (pilot.other_participant, pilot.third_participant):
        _activity(m, date(2027, 1, 30))
    learning_reminders.plan_gone_quiet(local(2027, 1, 1, 10, 0))
    judged: list = []
    real_is_quiet = progress.is_quiet

    def judging(**seen):
        judged.append(seen)
        return real_is_quiet(**seen)

    monkeypatch.setattr(progress, "is_quiet", judging)
    for day in range(2, 15):
        learning_reminders.plan_gone_quiet(local(2027, 1, day, 10, 0))
    assert judged == []
    learning_reminders.plan_gone_quiet(local(2027, 1, 15, 10, 0))
    assert len(judged) == 1
    assert len(planned(Rule.GONE_QUIET, recipient=pilot.participant.user)) == 2


def test_coaches_directors_inactive_and_opted_out_participants_are_not_nudged(pilot):
    running_through(pilot.proeftuin)
    for m in (pilot.participant, pilot.other_participant, pilot.coach, pilot.director):
        _joined(m, date(2026, 10, 1))
    pilot.participant.is_active = False
    pilot.participant.save()
    NotificationPreference.objects.create(user=pilot.other_participant.user, rule=Rule.GONE_QUIET)
    _activity(pilot.third_participant, date(2026, 12, 14))
    learning_reminders.plan_gone_quiet(local(2026, 12, 15, 10, 0))
    assert planned(Rule.GONE_QUIET) == []


# --- goals -----------------------------------------------------------------------------------


def test_an_open_goal_is_reminded_seven_days_before_its_due_date(pilot):
    running_through(pilot.proeftuin)
    goal = make_goal(pilot.participant, date(2027, 2, 10))
    make_goal(pilot.other_participant, date(2027, 2, 10), status="achieved")
    make_goal(pilot.third_participant, date(2027, 2, 10), status="dropped")

    learning_reminders.plan_goal_due(local(2027, 2, 3, 8, 59))
    assert planned(Rule.GOAL_DUE) == []
    learning_reminders.plan_goal_due(local(2027, 2, 3, 9, 0))
    [reminder] = planned(Rule.GOAL_DUE)
    assert reminder.recipient == pilot.participant.user
    assert reminder.subject_key == f"goal:{goal.pk}"


def test_a_goal_past_its_due_date_is_not_reminded(pilot):
    running_through(pilot.proeftuin)
    make_goal(pilot.participant, date(2027, 2, 10))
    learning_reminders.plan_goal_due(local(2027, 2, 11, 9, 0))
    assert planned(Rule.GOAL_DUE) == []


# --- experiments -----------------------------------------------------------------------------


def test_an_experiment_without_outcome_is_reminded_one_and_seven_days_after_its_end(pilot):
    running_through(pilot.proeftuin)
    make_experiment(pilot.participant, date(2027, 3, 1))
    with_outcome = make_experiment(pilot.other_participant, date(2027, 3, 1), outcome="Gevonden")
    with_lesson = make_experiment(pilot.third_participant, date(2027, 3, 1))
    Lesson.objects.create(
        proeftuin=pilot.proeftuin,
        kind="pitfall",
        dimension="data_analysis",
        text="Begin klein",
        experiment=with_lesson,
    )
    assert with_outcome.outcome

    moments = [local(2027, 3, 2, 8, 59), local(2027, 3, 2, 9, 0), local(2027, 3, 5, 9, 0)]
    moments += [local(2027, 3, 8, 9, 0), local(2027, 3, 12, 9, 0), local(2027, 3, 20, 9, 0)]
    for moment in moments:
        learning_reminders.plan_experiment_reflection(moment)
    reminders = planned(Rule.EXPERIMENT_REFLECTION)
    assert [(r.recipient, r.context["days"]) for r in reminders] == [
        (pilot.participant.user, 1),
        (pilot.participant.user, 7),
    ]
    assert [r.due_at for r in reminders] == [local(2027, 3, 2, 9, 0), local(2027, 3, 8, 9, 0)]


# --- the registry and batching ---------------------------------------------------------------


def _many_participants(pilot, count):
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    for _ in range(count):
        member = factories.ParticipantFactory(proeftuin=pilot.proeftuin)
        _joined(member, date(2026, 10, 1))
        register(session, member)
        make_goal(member, date(2027, 1, 19))
        make_experiment(member, date(2027, 1, 11))


def _queries_of_planning(moment) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        added = plan_due(now=moment)
    return len(queries), added


def test_planning_takes_the_same_number_of_queries_for_3_or_30_participants(pilot, other_pilot):
    running_through(pilot.proeftuin)
    running_through(other_pilot.proeftuin)
    _many_participants(pilot, 3)
    _many_participants(other_pilot, 30)
    moment = local(2027, 1, 12, 10, 0)

    Reminder.objects.all().delete()
    running_through(other_pilot.proeftuin, end=date(2027, 1, 1))  # only the small pilot plans
    small_queries, small_added = _queries_of_planning(moment)
    # (The ended pilot still gets its director's digest of December: a month it ran in.)
    assert Reminder.objects.count() == small_added > 0

    Reminder.objects.all().delete()
    running_through(other_pilot.proeftuin)
    running_through(pilot.proeftuin, end=date(2027, 1, 1))  # only the big pilot plans
    big_queries, big_added = _queries_of_planning(moment)
    assert big_added > small_added
    assert big_queries == small_queries

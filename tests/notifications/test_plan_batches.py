"""A sweep plans at most a batch per planner, the next sweeps the rest; rows that wait for their
turn are asked again, and read again, when they are sent."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core import mail

from learning.models import SkillGoal
from notifications import services
from notifications.models import Reminder, Rule
from proeftuin.models import Membership
from tests import factories
from workshops.models import Registration

from .conftest import local, make_experiment, make_goal, make_session, register, running_through

pytestmark = pytest.mark.django_db
State = Reminder.State

# 09:00 on 12 January is the moment of both: two days before a session on the 14th, and seven
# days before a goal due on the 19th (the defaults).
MOMENT = local(2027, 1, 12, 9, 0)


def mails_of(rule: str) -> list:
    return [m for m in mail.outbox if f".{rule}@" in m.extra_headers["Message-ID"]]


@pytest.fixture
def members(pilot):
    running_through(pilot.proeftuin)
    members = [pilot.participant, pilot.other_participant, pilot.third_participant]
    Membership.objects.filter(pk__in=[m.pk for m in members]).update(
        joined_at=local(2026, 10, 1, 9, 0)
    )
    return members


@pytest.fixture
def session(pilot, members):
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    for member in members:
        register(session, member)
    return session


def test_each_sweep_plans_a_batch_per_planner_and_the_next_ones_the_rest_exactly_once(
    pilot, members, session, settings
):
    settings.REMINDER_PLAN_BATCH = 1
    for member in members:
        make_goal(member, date(2027, 1, 19))
        make_experiment(member, date(2027, 1, 11))
    factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin, opens_on=date(2027, 1, 11), closes_on=date(2027, 1, 25)
    )
    # Three of each are due at 11:00: a session, a goal, a quiet spell, an open round and an
    # experiment to reflect on, each.
    batched = [
        Rule.SESSION_SOON,
        Rule.GOAL_DUE,
        Rule.GONE_QUIET,
        Rule.ROUND_OPENED,
        Rule.EXPERIMENT_REFLECTION,
    ]
    moment = local(2027, 1, 12, 11, 0)

    per_sweep = []
    for n in range(5):
        before = set(Reminder.objects.values_list("pk", flat=True))
        services.plan_due(now=moment + timedelta(minutes=2 * n))
        new = Reminder.objects.exclude(pk__in=before)
        per_sweep.append(Counter(new.filter(rule__in=batched).values_list("rule", flat=True)))

    assert per_sweep[:3] == [Counter(batched)] * 3
    assert per_sweep[3:] == [Counter(), Counter()]
    rows = Reminder.objects.filter(rule__in=batched)
    assert Counter(rows.values_list("rule", flat=True)) == Counter(batched * 3)
    assert len({(r.rule, r.recipient_id, r.subject_key) for r in rows}) == 15


def test_the_default_batch_plans_a_pilots_reminders_in_one_sweep(pilot, members, session):
    # The default is far above what a pilot has: only an instance's morning reaches it.
    services.plan_due(now=MOMENT)
    assert Reminder.objects.filter(rule=Rule.SESSION_SOON).count() == 3


def test_a_session_renamed_and_moved_while_its_reminder_waits_is_mailed_as_it_is_at_sending(
    pilot, session
):
    services.plan_due(now=MOMENT)
    session.title = "Draaitabellen, deel twee"
    session.location = "Zaal 5"
    session.save(update_fields=["title", "location"])

    services.sweep(now=MOMENT + timedelta(minutes=2))

    sent = mails_of(Rule.SESSION_SOON)
    assert len(sent) == 3
    message = sent[0]
    assert "Draaitabellen, deel twee" in message.subject
    assert "Zaal 5" in message.body and "Zaal 2" not in message.body
    # The in-app list shows what was sent.
    for reminder in Reminder.objects.filter(rule=Rule.SESSION_SOON):
        assert reminder.state == State.SENT
        assert (reminder.context["title"], reminder.context["location"]) == (
            "Draaitabellen, deel twee",
            "Zaal 5",
        )


def test_a_participant_put_on_the_waiting_list_while_the_reminder_waits_is_not_reminded(
    pilot, session
):
    services.plan_due(now=MOMENT)
    Registration.objects.filter(session=session, membership=pilot.participant).update(
        waiting_since=MOMENT
    )

    services.sweep(now=MOMENT + timedelta(minutes=2))

    assert sorted(m.to[0] for m in mails_of(Rule.SESSION_SOON)) == sorted(
        [pilot.other_participant.user.email, pilot.third_participant.user.email]
    )
    waiting = Reminder.objects.get(rule=Rule.SESSION_SOON, recipient=pilot.participant.user)
    assert waiting.state == State.SKIPPED


def test_a_goal_reworded_while_its_reminder_waits_is_mailed_with_its_new_words(pilot, members):
    goal = make_goal(pilot.participant, date(2027, 1, 19))
    services.plan_due(now=MOMENT)
    SkillGoal.objects.filter(pk=goal.pk).update(statement="Een draaitabel met filters maken")

    services.sweep(now=MOMENT + timedelta(minutes=2))

    [message] = mails_of(Rule.GOAL_DUE)
    assert "Een draaitabel met filters maken" in message.body


def test_a_batch_is_the_first_rows_of_the_planners_query_in_its_own_form(pilot, session):
    query = Registration.objects.filter(session=session).order_by("pk")
    as_dicts = query.values("pk", "session__starts_at", "membership__user_id")
    as_tuples = query.values_list("pk", "session__starts_at")

    assert services.first_rows(as_dicts, 2) == list(as_dicts)[:2]
    assert services.first_rows(as_tuples, 2) == list(as_tuples)[:2]
    assert services.first_rows(as_dicts, None) == list(as_dicts)
    [first] = services.first_rows(as_dicts, 1)
    assert first["session__starts_at"] == session.starts_at  # an aware moment, as Django gives

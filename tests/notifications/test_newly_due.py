"""A planner's query returns only what is newly due: what the ledger holds is left out there.

The ledger's unique key would turn a second insert into nothing anyway; these tests watch what
the planner hands to the insert, so they fail when a planner reads its old rows again (and a
sweep with nothing new costs what the whole instance costs).
"""

from datetime import date

import pytest

from learning import reminders as learning_reminders
from notifications import services
from notifications.models import Reminder, Rule
from proeftuin.inbox import digest, selectors

from .conftest import local, make_experiment, running_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed(monkeypatch):
    """What each planner call hands to schedule_many, one list per call."""
    calls: list[list] = []

    def recording(planned):
        planned = list(planned)
        calls.append(planned)
        return services.schedule_many(planned)

    monkeypatch.setattr(learning_reminders, "schedule_many", recording)
    return calls


def test_the_experiment_reflection_planner_reads_neither_step_again_once_planned(pilot, handed):
    running_through(pilot.proeftuin)
    make_experiment(pilot.participant, date(2027, 3, 1))
    for day, step in [(2, 1), (8, 7)]:
        handed.clear()
        learning_reminders.plan_experiment_reflection(local(2027, 3, day, 9, 0))
        learning_reminders.plan_experiment_reflection(local(2027, 3, day, 9, 2))
        first, again = handed
        assert [p.context["days"] for p in first] == [step]
        assert again == []
    assert Reminder.objects.filter(rule=Rule.EXPERIMENT_REFLECTION).count() == 2


def test_the_experiment_reflection_planner_still_plans_a_step_a_missed_sweep_skipped(pilot, handed):
    running_through(pilot.proeftuin)
    make_experiment(pilot.participant, date(2027, 3, 1))
    # No sweep from the 2nd to the 12th: the seven-day step is caught up, once.
    learning_reminders.plan_experiment_reflection(local(2027, 3, 12, 23, 0))
    learning_reminders.plan_experiment_reflection(local(2027, 3, 13, 8, 59))
    assert [[p.context["days"] for p in call] for call in handed] == [[7], []]


def test_changes_asked_of_an_owner_are_read_once(pilot, handed):
    from learning.models import EthicsReview

    running_through(pilot.proeftuin)
    experiment = make_experiment(pilot.participant, date(2027, 3, 1))
    EthicsReview.objects.create(
        experiment=experiment,
        state=EthicsReview.State.CHANGES_REQUESTED,
        submitted_at=local(2027, 2, 1, 10, 0),
        decided_at=local(2027, 2, 2, 10, 0, 0, 123456),
    )
    learning_reminders.plan_ethics_changes_requested(local(2027, 2, 2, 10, 2))
    learning_reminders.plan_ethics_changes_requested(local(2027, 2, 2, 10, 4))
    assert [len(call) for call in handed] == [1, 0]


def test_once_every_coach_has_this_weeks_digest_the_sweep_does_not_count_their_inbox(
    pilot, other_pilot, monkeypatch
):
    from backlog.models import Question

    for each in (pilot, other_pilot):
        running_through(each.proeftuin)
        Question.objects.create(
            proeftuin=each.proeftuin, text="Wanneer is het druk?", asked_by="de balie", why="."
        )
    counted: list[set[int]] = []
    real_counts = selectors.counts_for

    def counting(coaches):
        coaches = list(coaches)
        counted.append({coach.proeftuin_id for coach in coaches})
        return real_counts(coaches)

    monkeypatch.setattr(selectors, "counts_for", counting)
    monday = local(2027, 3, 1, 8, 0)
    assert digest.plan_coach_inbox_digest(monday) == 2
    assert digest.plan_coach_inbox_digest(local(2027, 3, 1, 8, 2)) == 0
    assert counted == [{pilot.proeftuin.pk, other_pilot.proeftuin.pk}]


def test_a_coach_with_last_weeks_digest_gets_this_weeks(pilot):
    from backlog.models import Question

    running_through(pilot.proeftuin)
    Question.objects.create(
        proeftuin=pilot.proeftuin, text="Wanneer is het druk?", asked_by="de balie", why="."
    )
    assert digest.plan_coach_inbox_digest(local(2027, 3, 1, 8, 0)) == 1
    assert digest.plan_coach_inbox_digest(local(2027, 3, 8, 8, 0)) == 1
    periods = Reminder.objects.filter(rule=Rule.COACH_INBOX_DIGEST).values_list("period", flat=True)
    assert sorted(periods) == ["2027-W09", "2027-W10"]

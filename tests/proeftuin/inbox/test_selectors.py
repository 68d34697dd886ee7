"""The coach's inbox: what waits shows up once, oldest first, and leaves once it is handled."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backlog import services as backlog
from backlog.models import Question
from learning import services as learning
from proeftuin.inbox import selectors as inbox
from proeftuin.models import AuditEvent
from proeftuin.toolkit import review
from tests import factories

pytestmark = pytest.mark.django_db


def _one_of_each(pilot, n: int = 1) -> dict:
    """n waiting items of every kind in the pilot; returns the last of each."""
    made = {}
    for i in range(n):
        goal = factories.GoalFactory(membership=pilot.participant, statement=f"Draaitabel {i}")
        learning.ask_confirmation(goal=goal, text="Kijk je mee?")
        experiment = factories.ExperimentFactory(owner=pilot.participant, title=f"Balie {i}")
        made["confirmations"] = goal
        made["lessons"] = factories.LessonFactory(experiment=experiment, text=f"Meet langer {i}")
        made["attendance"] = factories.PastSessionFactory(
            proeftuin=pilot.proeftuin, title=f"Werksessie {i}"
        )
        made["ethics"] = factories.EthicsReviewFactory(
            experiment=factories.ExperimentFactory(owner=pilot.participant, title=f"Drukte {i}"),
            state="waiting",
            submitted_at=timezone.now(),
        ).experiment
        made["stories"] = factories.LessonFactory(
            experiment=experiment,
            text=f"Het werkte {i}",
            success_story="proposed",
            toolkit_text="Het werkte.",
        )
        made["questions"] = Question.objects.create(
            proeftuin=pilot.proeftuin,
            proposer=pilot.other_participant,
            text=f"Wanneer is het druk {i}?",
            asked_by="de balie",
            why="Dan plannen we beter.",
        )
    return made


def _titles(pilot) -> dict[str, list[str]]:
    return {
        group.kind: [item.title for item in group.items]
        for group in inbox.inbox_for(pilot.coach).groups
    }


def test_every_kind_of_waiting_item_shows_in_the_coachs_inbox_with_a_link(pilot):
    _one_of_each(pilot)
    box = inbox.inbox_for(pilot.coach)
    assert _titles(pilot) == {
        "confirmations": ["Draaitabel 0"],
        "lessons": ["Meet langer 0"],
        "attendance": ["Werksessie 0"],
        "ethics": ["Drukte 0"],
        "stories": ["Het werkte 0"],
        "questions": ["Wanneer is het druk 0?"],
    }
    assert box.total == 6
    assert all(group.count == 1 for group in box.groups)
    assert all(
        item.url.startswith(f"/p/{pilot.proeftuin.pk}/") for g in box.groups for item in g.items
    )


def test_a_confirmation_leaves_the_inbox_once_the_coach_decides(pilot):
    goal = _one_of_each(pilot)["confirmations"]
    learning.decide_confirmation(coach=pilot.coach, goal=goal, confirm=True)
    assert _titles(pilot)["confirmations"] == []


def test_a_lesson_leaves_the_inbox_once_approved_or_sent_back(pilot):
    lesson = _one_of_each(pilot)["lessons"]
    other = factories.LessonFactory(experiment=lesson.experiment, text="Vraag het de balie")
    review.approve_lesson(
        lesson=lesson, toolkit_text="Meet langer.", kind=lesson.kind, dimension=lesson.dimension
    )
    review.send_back_to_draft(lesson=other, toolkit_text="Vraag het de balie.")
    assert _titles(pilot)["lessons"] == []


def test_a_session_leaves_the_inbox_once_its_attendance_is_filled_in(pilot):
    session = _one_of_each(pilot)["attendance"]
    factories.AttendanceFactory(session=session, membership=pilot.participant, present=True)
    assert _titles(pilot)["attendance"] == []


def test_a_session_that_has_not_ended_needs_no_attendance_yet(pilot):
    now = timezone.now()
    factories.SessionFactory(
        proeftuin=pilot.proeftuin,
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=30),
    )
    assert _titles(pilot)["attendance"] == []


def test_an_ethics_review_leaves_the_inbox_once_decided(pilot):
    experiment = _one_of_each(pilot)["ethics"]
    learning.decide_ethics_review(reviewer=pilot.coach, experiment=experiment, decision="approved")
    assert _titles(pilot)["ethics"] == []


def test_a_success_story_leaves_the_inbox_once_shown_or_sent_back(pilot):
    story = _one_of_each(pilot)["stories"]
    learning.review_success_story(coach=pilot.coach, lesson=story, show=False)
    assert _titles(pilot)["stories"] == []


def test_a_question_leaves_the_inbox_once_the_coach_gives_it_a_priority(pilot):
    question = _one_of_each(pilot)["questions"]
    backlog.arrange_question(coach=pilot.coach, question=question, theme="Drukte", priority=1)
    assert _titles(pilot)["questions"] == []


def test_a_question_taken_up_as_an_experiment_is_no_longer_new(pilot):
    question = _one_of_each(pilot)["questions"]
    backlog.experiment_from_question(member=pilot.participant, question=question)
    assert _titles(pilot)["questions"] == []


def test_another_pilots_items_never_show(pilot, other_pilot):
    _one_of_each(other_pilot)
    assert inbox.inbox_for(pilot.coach).total == 0
    assert inbox.count_for(pilot.coach) == 0
    assert inbox.count_for(other_pilot.coach) == 6


def test_counting_for_the_coaches_of_several_pilots_keeps_each_pilot_apart(pilot, other_pilot):
    _one_of_each(pilot, n=2)
    _one_of_each(other_pilot)
    counts = inbox.counts_for([pilot.coach, other_pilot.coach])
    assert counts[pilot.proeftuin.pk] == dict.fromkeys(inbox.KINDS, 2)
    assert counts[other_pilot.proeftuin.pk] == dict.fromkeys(inbox.KINDS, 1)


def test_each_group_lists_the_oldest_first(pilot):
    old, _new = (
        Question.objects.create(
            proeftuin=pilot.proeftuin, text=text, asked_by="de balie", why="Daarom."
        )
        for text in ("Oud?", "Nieuw?")
    )
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=9))
    assert _titles(pilot)["questions"] == ["Oud?", "Nieuw?"]


def test_the_menu_count_is_the_inbox_total(pilot):
    _one_of_each(pilot, n=2)
    assert inbox.count_for(pilot.coach) == inbox.inbox_for(pilot.coach).total == 12


def test_only_a_coach_has_an_inbox_count(pilot):
    _one_of_each(pilot)
    assert inbox.count_for(pilot.director) == 0
    assert inbox.counts_for([pilot.participant]) == {}


def test_the_coachs_look_at_asked_confirmations_is_recorded(pilot):
    _one_of_each(pilot, n=2)
    inbox.inbox_for(pilot.coach)
    event = AuditEvent.objects.get(actor=pilot.coach.user, subject=pilot.participant.user)
    assert event.params == {"count": 2}


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_listing_and_counting_take_the_same_queries_for_any_number_of_items(pilot):
    _one_of_each(pilot)
    coach = type(pilot.coach).objects.select_related("proeftuin", "user").get(pk=pilot.coach.pk)
    few_list, few_count = (
        _queries(lambda: inbox.inbox_for(coach)),
        _queries(lambda: inbox.count_for(coach)),
    )
    _one_of_each(pilot, n=4)
    assert _queries(lambda: inbox.inbox_for(coach)) == few_list == 7  # six groups, one record
    assert _queries(lambda: inbox.count_for(coach)) == few_count == 1


def test_the_menu_count_is_each_coachs_own_in_their_pilot_at_this_moment(
    pilot, other_pilot, monkeypatch
):
    """The menu's count runs a query compiled once per process: what differs between coaches
    and requests (pilot, coach, moment) must still be each request's own."""
    _one_of_each(pilot, n=2)
    _one_of_each(other_pilot)
    now = timezone.now()
    factories.SessionFactory(
        proeftuin=pilot.proeftuin,
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=30),
    )
    factories.EthicsReviewFactory(
        experiment=factories.ExperimentFactory(owner=pilot.coach, title="Eigen experiment"),
        state="waiting",
        submitted_at=now,
    )
    second_coach = factories.MembershipFactory(proeftuin=pilot.proeftuin, role="coach")

    assert inbox.count_for(pilot.coach) == inbox.inbox_for(pilot.coach).total == 12
    assert inbox.count_for(second_coach) == inbox.inbox_for(second_coach).total == 13
    assert inbox.count_for(other_pilot.coach) == 6
    # An hour on, the running session has ended and waits for its attendance.
    monkeypatch.setattr(inbox.timezone, "now", lambda: now + timedelta(hours=1))
    assert inbox.count_for(pilot.coach) == 13


def test_counting_per_pilot_does_not_read_the_list_of_all_pilots_once_per_pilot(pilot, other_pilot):
    """Each per-pilot count is correlated with its pilot: another pilot adds its own id and its
    coach, not a copy of the whole list to each kind's subquery (quadratic at 10,000 pilots)."""

    def parameters(coaches) -> int:
        _sql, params = inbox._counting(coaches).query.sql_with_params()
        return len(params)

    _one_of_each(pilot)
    _one_of_each(other_pilot)
    third = factories.MembershipFactory(role="coach")
    one, two, three = (
        parameters([pilot.coach]),
        parameters([pilot.coach, other_pilot.coach]),
        parameters([pilot.coach, other_pilot.coach, third]),
    )
    # The pilot's id in the outer list, the coach in the two exclusions of their own reviews.
    assert two - one == three - two == 3
    counts = inbox.counts_for([pilot.coach, other_pilot.coach, third])
    assert counts[pilot.proeftuin.pk] == counts[other_pilot.proeftuin.pk]
    assert sum(counts[pilot.proeftuin.pk].values()) == 6
    assert sum(counts[third.proeftuin_id].values()) == 0

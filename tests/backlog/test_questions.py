"""The question backlog: propose with who asks and why, support once, arrange, start from it."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from backlog import services
from backlog.models import Question, Support
from learning.models import Experiment, Lesson
from proeftuin.models import AuditEvent
from proeftuin.toolkit import contents
from tests import factories
from tests.audit_helpers import assert_view_recorded

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"backlog:{name}", args=[pilot.proeftuin.pk, *args])


@pytest.fixture
def question(pilot):
    return services.propose_question(
        member=pilot.other_participant,
        text="Wanneer willen mensen eigenlijk komen?",
        asked_by="team planning",
        why="Dan zetten we de balie open als het druk is.",
    )


def test_a_question_without_who_asks_it_is_refused_on_the_page_and_nothing_is_saved(
    pilot, client_for
):
    client = client_for(pilot.participant)
    response = client.post(
        _url("questions", pilot), {"text": "Wie belt er op maandag?", "asked_by": " ", "why": "x"}
    )
    assert response.status_code == 400
    assert 'id="id_asked_by_error"' in response.content.decode()
    assert not Question.objects.exists()


def test_the_api_names_the_missing_reason_of_a_question(pilot, client_for):
    client = client_for(pilot.director)
    response = client.post(
        f"/api/v1/pilots/{pilot.proeftuin.pk}/questions/",
        data=json.dumps({"text": "Wie belt er?", "asked_by": "de directie", "why": "  "}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "why" in response.json()
    assert not Question.objects.exists()


def test_the_list_shows_who_asks_the_question_in_words_and_not_the_person(
    pilot, client_for, question
):
    page = client_for(pilot.participant).get(_url("questions", pilot)).content.decode()
    assert "Wanneer willen mensen eigenlijk komen?" in page
    assert "Vraag van team planning" in page
    detail = client_for(pilot.participant).get(_url("question", pilot, question.pk))
    assert pilot.other_participant.user.display_name not in detail.content.decode()


def test_supporting_a_question_twice_counts_once(pilot, question):
    assert services.support_question(member=pilot.participant, question=question)
    assert not services.support_question(member=pilot.participant, question=question)
    assert Support.objects.filter(question=question).count() == 1


def test_one_cannot_support_ones_own_question(pilot, client_for, question):
    response = client_for(pilot.other_participant).post(
        _url("question-support", pilot, question.pk), follow=True
    )
    assert "Dit is je eigen vraag" in response.content.decode()
    assert not Support.objects.exists()


def test_a_comment_is_shown_without_its_authors_name_to_colleagues(pilot, client_for, question):
    client_for(pilot.third_participant).post(
        _url("question-comment", pilot, question.pk), {"text": "Ook bij de telefoon."}
    )
    page = client_for(pilot.participant).get(_url("question", pilot, question.pk)).content
    assert "Ook bij de telefoon." in page.decode()
    assert pilot.third_participant.user.display_name not in page.decode()


def test_the_coach_groups_questions_under_a_theme_with_a_priority(pilot, client_for, question):
    response = client_for(pilot.coach).post(
        _url("question-arrange", pilot, question.pk), {"theme": "Drukte", "priority": "1"}
    )
    assert response.status_code == 302
    page = client_for(pilot.participant).get(_url("questions", pilot)).content.decode()
    assert "<h2" in page and "Drukte" in page and "Eerst" in page


def test_a_participant_cannot_arrange_the_backlog(pilot, client_for, question):
    response = client_for(pilot.participant).post(
        _url("question-arrange", pilot, question.pk), {"theme": "Mijn thema"}
    )
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.theme == ""


def test_the_coachs_read_of_a_question_is_recorded_for_the_person_who_typed_it(
    pilot, client_for, question
):
    page = client_for(pilot.coach).get(_url("question", pilot, question.pk)).content.decode()
    assert pilot.other_participant.user.display_name in page
    assert_view_recorded(actor=pilot.coach, subject=pilot.other_participant, what="vragenlijst")


def test_a_participants_read_of_the_backlog_records_nothing(pilot, client_for, question):
    client_for(pilot.participant).get(_url("question", pilot, question.pk))
    assert not AuditEvent.objects.filter(code="backlog.question").exists()


def test_a_question_becomes_an_experiment_in_one_step_keeping_its_origin(
    pilot, client_for, question
):
    response = client_for(pilot.participant).post(_url("question-experiment", pilot, question.pk))
    experiment = Experiment.objects.get()
    assert response.status_code == 302
    assert experiment.owner == pilot.participant
    assert experiment.origin == question
    assert experiment.status == Experiment.Status.PLANNED
    page = client_for(pilot.participant).get(
        reverse("learning:experiment", args=[pilot.proeftuin.pk, experiment.pk])
    )
    assert "een vraag van team planning" in page.content.decode()


def test_the_director_cannot_turn_a_question_into_an_experiment(pilot, client_for, question):
    response = client_for(pilot.director).post(_url("question-experiment", pilot, question.pk))
    assert response.status_code == 404
    assert not Experiment.objects.exists()


def test_a_case_in_the_informatiepakket_says_whose_question_it_was_without_names(pilot, question):
    experiment = services.experiment_from_question(member=pilot.participant, question=question)
    Lesson.objects.create(
        proeftuin=pilot.proeftuin,
        author=pilot.participant,
        experiment=experiment,
        kind="good_practice",
        dimension="data_analysis",
        text="x",
        toolkit_text="Vraag het de bezoekers zelf.",
        review="approved",
        approved_at=timezone.now(),
    )
    (case,) = contents.build(pilot.proeftuin).cases
    assert "team planning" in case.origin
    assert "Dan zetten we de balie open" in case.origin
    assert pilot.other_participant.user.display_name not in case.origin


def test_a_question_of_another_pilot_is_not_found(pilot, other_pilot, client_for):
    theirs = factories.ParticipantFactory(proeftuin=other_pilot.proeftuin)
    question = services.propose_question(member=theirs, text="x?", asked_by="hun team", why="y")
    response = client_for(pilot.participant).get(_url("question", pilot, question.pk))
    assert response.status_code == 404

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Experiment, Lesson
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _form(**overrides):
    today = timezone.localdate().isoformat()
    data = {
        "title": "Wachttijd aan de balie meten",
        "question": "Is het op maandag drukker?",
        "data_used": "Tijdstippen, zonder namen",
        "planned_start": today,
        "planned_end": today,
        "status": "planned",
        "outcome": "",
    }
    return {**data, **overrides}


def test_a_participant_plans_an_experiment_with_a_draft_ethics_review(client_for, pilot):
    response = client_for(pilot.participant).post(_url("experiment-create", pilot), _form())
    assert response.status_code == 302
    experiment = Experiment.objects.get()
    assert experiment.status == "planned"
    assert experiment.ethics_review.state == "draft"


def test_an_experiment_cannot_end_before_it_starts_or_be_planned_more_than_a_year_ahead(
    client_for, pilot
):
    response = client_for(pilot.participant).post(
        _url("experiment-create", pilot),
        _form(planned_start="2999-01-01", planned_end="2998-01-01", status="planned"),
    )
    errors = response.context["form"].errors
    assert "planned_start" in errors and "planned_end" in errors
    assert not Experiment.objects.exists()


def test_a_shared_experiment_can_be_read_but_not_changed_by_the_colleague(
    client_for, pilot, experiment
):
    experiment.co_members.add(pilot.other_participant)
    client = client_for(pilot.other_participant)
    assert client.get(_url("experiment", pilot, experiment.pk)).status_code == 200
    assert "Wachttijd aan de balie" in client.get(_url("experiments", pilot)).content.decode()
    assert (
        client.post(_url("experiment-edit", pilot, experiment.pk), _form(title="X")).status_code
        == 404
    )
    assert client.post(_url("experiment-delete", pilot, experiment.pk)).status_code == 404
    assert (
        client.post(
            _url("experiment-lesson", pilot, experiment.pk),
            {"kind": "pitfall", "dimension": "data_analysis", "text": "x"},
        ).status_code
        == 404
    )
    experiment.refresh_from_db()
    assert experiment.title == "Wachttijd aan de balie"


def test_an_experiment_is_shared_only_with_participants_of_the_same_pilot(
    client_for, pilot, other_pilot
):
    response = client_for(pilot.participant).post(
        _url("experiment-create", pilot), _form(co_members=[other_pilot.participant.pk])
    )
    assert "co_members" in response.context["form"].errors
    assert not Experiment.objects.exists()


def test_the_owner_shares_an_experiment_with_a_colleague(client_for, pilot):
    client_for(pilot.participant).post(
        _url("experiment-create", pilot), _form(co_members=[pilot.other_participant.pk])
    )
    assert list(Experiment.objects.get().co_members.all()) == [pilot.other_participant]


def test_the_owner_adds_a_lesson_as_a_draft_of_their_pilot(client_for, pilot, experiment):
    client_for(pilot.participant).post(
        _url("experiment-lesson", pilot, experiment.pk),
        {"kind": "pitfall", "dimension": "public_value", "text": "Eerst toestemming vragen."},
    )
    lesson = Lesson.objects.get()
    assert lesson.proeftuin == pilot.proeftuin
    assert lesson.author == pilot.participant
    assert lesson.review == Lesson.Review.DRAFT


def test_a_lesson_without_text_is_refused(client_for, pilot, experiment):
    response = client_for(pilot.participant).post(
        _url("experiment-lesson", pilot, experiment.pk),
        {"kind": "pitfall", "dimension": "public_value", "text": ""},
    )
    assert "text" in response.context["lesson_form"].errors
    assert not Lesson.objects.exists()


def test_the_coach_reads_an_experiment_and_cannot_change_it(client_for, pilot, experiment):
    client = client_for(pilot.coach)
    page = client.get(_url("experiment", pilot, experiment.pk)).content.decode()
    assert "Wachttijd aan de balie" in page
    assert "Les opslaan" not in page
    assert client.post(_url("experiment-edit", pilot, experiment.pk), _form()).status_code == 404


def test_deleting_an_experiment_removes_its_lessons_and_keeps_activities(
    client_for, pilot, experiment
):
    factories.LessonFactory(experiment=experiment)
    activity = factories.ActivityFactory(membership=pilot.participant, experiment=experiment)
    client_for(pilot.participant).post(_url("experiment-delete", pilot, experiment.pk))
    assert not Experiment.objects.exists()
    assert not Lesson.objects.exists()
    activity.refresh_from_db()
    assert activity.experiment is None


def test_the_experiments_a_participant_is_in_are_looked_up_not_tested_one_by_one(pilot):
    """Own and shared experiments, found as one list of ids from the two indexes: an OR of the
    owner and the co-member subquery makes PostgreSQL test every experiment of the instance
    (on every dashboard)."""
    from learning import selectors

    owned = factories.ExperimentFactory(owner=pilot.participant)
    shared = factories.ExperimentFactory(owner=pilot.other_participant)
    shared.co_members.add(pilot.participant)
    factories.ExperimentFactory(owner=pilot.other_participant)
    found = Experiment.objects.filter(selectors.involving(pilot.participant))
    assert set(found) == {owned, shared}
    where = str(found.query).split(" WHERE ", 1)[1]
    assert " OR " not in where

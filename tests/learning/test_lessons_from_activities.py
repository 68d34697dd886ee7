"""What an activity taught becomes a lesson for the toolkit, after the coach's review."""

import pytest
from django.urls import reverse

from learning import services
from learning.models import Lesson
from tests import factories

pytestmark = pytest.mark.django_db

LESSON = {
    "kind": "pitfall",
    "dimension": "public_value",
    "text": "Vraag eerst wat je met een veld gaat doen.",
}


def _lesson_url(pilot, activity):
    return reverse("learning:activity-lesson", args=[pilot.proeftuin.pk, activity.pk])


def test_a_participant_turns_an_activity_into_a_draft_lesson_the_coach_then_sees(client_for, pilot):
    activity = factories.ActivityFactory(membership=pilot.participant, title="Webinar AVG")
    client = client_for(pilot.participant)
    edit = client.get(reverse("learning:activity-edit", args=[pilot.proeftuin.pk, activity.pk]))
    assert "Deel het als les" in edit.content.decode()
    response = client.post(_lesson_url(pilot, activity), LESSON)
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.activity, lesson.author, lesson.review) == (
        activity,
        pilot.participant,
        Lesson.Review.DRAFT,
    )
    review = client_for(pilot.coach).get(
        reverse("proeftuin:toolkit-lessons", args=[pilot.proeftuin.pk])
    )
    assert LESSON["text"] in review.content.decode()


def test_a_lesson_from_someone_elses_activity_is_refused_and_nothing_is_saved(client_for, pilot):
    activity = factories.ActivityFactory(membership=pilot.other_participant)
    response = client_for(pilot.participant).post(_lesson_url(pilot, activity), LESSON)
    assert response.status_code == 404
    with pytest.raises(services.Invalid):
        services.add_lesson(activity=activity, author=pilot.participant, **LESSON)
    assert not Lesson.objects.exists()


def test_an_empty_lesson_is_a_form_error(client_for, pilot):
    activity = factories.ActivityFactory(membership=pilot.participant)
    response = client_for(pilot.participant).post(
        _lesson_url(pilot, activity), {**LESSON, "text": "  "}
    )
    assert response.status_code == 400
    assert not Lesson.objects.exists()

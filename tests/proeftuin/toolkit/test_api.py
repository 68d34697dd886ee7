"""The toolkit through the API: approved lessons only, redacted, figures through the rule."""

import pytest
from django.utils import timezone

from learning.models import Lesson
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_toolkit_api_has_approved_lessons_only_and_hides_small_figures(pilot, client_for):
    experiment = factories.ExperimentFactory(owner=pilot.participant)
    factories.LessonFactory(
        experiment=experiment,
        text="concept",
        toolkit_text="Meet langer dan twee weken.",
        review=Lesson.Review.APPROVED,
        approved_at=timezone.now(),
    )
    factories.LessonFactory(experiment=experiment, text="Nog niet bekeken.")
    response = client_for(pilot.director).get(f"/api/v1/pilots/{pilot.proeftuin.pk}/toolkit/")
    assert response.status_code == 200
    body = response.json()
    lessons = [t for d in body["dimensions"] for t in d["good_practices"] + d["pitfalls"]]
    assert lessons == ["Meet langer dan twee weken."]
    assert body["figures"]["experiments"]["hidden"] == "too_few"
    assert body["figures"]["experiments"]["value"] is None

"""Demo data for the coach's inbox: a success story an ambassador proposed, waiting for the coach.

The other kinds already wait in the demo (an asked confirmation, draft lessons, a session
without its list, a submitted ethics review, new questions); runs after the ambassador is
appointed (charter.demo).
"""

from django.db import transaction

from learning import selectors as learning_selectors
from learning import services as learning_services
from learning.models import Lesson
from proeftuin.models import Membership


@transaction.atomic
def seed(pilot) -> None:
    if Lesson.objects.filter(proeftuin=pilot.proeftuin).exclude(success_story="").exists():
        return
    ambassador = Membership.objects.filter(
        proeftuin=pilot.proeftuin, is_ambassador=True, is_active=True
    ).first()
    if ambassador is None:
        return
    lessons = Lesson.objects.filter(
        experiment__in=learning_selectors.experiments_visible_to(ambassador)
    ).order_by("created_at", "pk")
    # One the coach already approved for the toolkit, so it waits in the stories group only.
    lesson = lessons.filter(review=Lesson.Review.APPROVED).first() or lessons.first()
    if lesson is not None:
        learning_services.propose_success_story(ambassador=ambassador, lesson=lesson)

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
    experiment = (
        learning_selectors.experiments_visible_to(ambassador)
        .filter(owner=ambassador)
        .order_by("pk")
        .first()
    )
    if experiment is None:
        return
    # A lesson of her own that she proposes; the experiment's other lesson stays for her to
    # propose herself (the browser journey does).
    lesson = learning_services.add_lesson(
        experiment=experiment,
        author=ambassador,
        kind=Lesson.Kind.GOOD_PRACTICE,
        dimension="people_and_organisation",
        text="Een gedeelde lijst werkt pas als iedereen weet wie hem bijwerkt.",
    )
    learning_services.propose_success_story(ambassador=ambassador, lesson=lesson)

"""The demo: question -> review (changes asked, approved) -> running -> case, and the new roles."""

import pytest
from django.core.management import call_command

from learning.models import EthicsReview, EthicsReviewStep, Experiment
from learning.selectors import reviews_waiting_for
from proeftuin.models import Membership, Proeftuin
from proeftuin.toolkit import contents

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pilot():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return Proeftuin.objects.get(organisation__slug="diversion-demo")


def test_the_demo_experiment_goes_from_question_through_changes_asked_to_running_and_a_case(
    demo_pilot,
):
    experiment = Experiment.objects.get(
        owner__proeftuin=demo_pilot, ethics_review__steps__kind="changes_requested"
    )
    assert experiment.origin.asked_by == "het baliteam"
    assert experiment.origin.created_at.date() < experiment.planned_start
    assert list(experiment.ethics_review.steps.values_list("kind", flat=True)) == [
        "submitted",
        "changes_requested",
        "submitted",
        "approved",
    ]
    assert experiment.status == "running"
    case = next(c for c in contents.build(demo_pilot).cases if c.title == experiment.title)
    assert "het baliteam" in case.origin


def test_the_demo_has_a_steering_member_an_ambassador_and_a_reviewer_with_a_review_waiting(
    demo_pilot,
):
    members = Membership.objects.filter(proeftuin=demo_pilot)
    assert members.get(user__email="steering@demo.example").role == "steering"
    assert members.get(user__email="participant3@demo.example").is_ambassador
    reviewer = members.get(user__email="participant6@demo.example")
    assert reviewer.is_ethics_reviewer
    assert reviews_waiting_for(reviewer)
    assert EthicsReviewStep.objects.filter(review__state=EthicsReview.State.WAITING).exists()


def test_seeding_the_demo_twice_adds_no_second_question_or_charter(demo_pilot):
    from backlog.models import Question
    from charter.models import CharterVersion

    before = (Question.objects.count(), CharterVersion.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (Question.objects.count(), CharterVersion.objects.count()) == before

from datetime import timedelta

import pytest
from django.core.management import call_command

from learning import selectors
from learning.models import Experiment, LearningActivity, Lesson, SkillGoal
from proeftuin.models import Membership, Proeftuin, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pilot():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return Proeftuin.objects.get(organisation__slug="diversion-demo")


def _participant(pilot, number):
    return Membership.objects.get(
        proeftuin=pilot, user__email=f"participant{number}@demo.example", role=Role.PARTICIPANT
    )


def test_the_demo_has_half_a_year_of_activities_spread_unevenly(demo_pilot):
    activities = LearningActivity.objects.filter(membership__proeftuin=demo_pilot)
    assert activities.count() >= 200
    counts = [
        activities.filter(membership=_participant(demo_pilot, n)).count() for n in range(1, 13)
    ]
    assert min(counts) > 0
    assert max(counts) >= 3 * min(counts)


def test_participants_11_and_12_went_quiet_for_three_weeks_and_the_coach_sees_it(demo_pilot):
    rows = {r.membership.user.email: r for r in selectors.participant_rows(demo_pilot)}
    today = max(r.last_activity_on for r in rows.values())
    for number in (11, 12):
        row = rows[f"participant{number}@demo.example"]
        assert row.last_activity_on <= today - timedelta(days=21)
        assert row.quiet
    quiet = {email for email, row in rows.items() if row.quiet}
    assert quiet == {"participant11@demo.example", "participant12@demo.example"}


def test_the_demo_goals_are_at_different_stages_with_check_ins(demo_pilot):
    goals = SkillGoal.objects.filter(membership__proeftuin=demo_pilot)
    statuses = set(goals.values_list("status", flat=True))
    assert {"open", "in_progress", "achieved", "dropped"} <= statuses
    assert goals.filter(check_ins__isnull=False).distinct().count() >= 10


def test_the_demo_experiments_run_only_after_an_approved_review_and_have_lessons(demo_pilot):
    experiments = Experiment.objects.filter(owner__proeftuin=demo_pilot)
    assert experiments.count() >= 4
    for experiment in experiments.filter(status__in=["running", "done"]):
        assert experiment.ethics_approved
    lessons = Lesson.objects.filter(proeftuin=demo_pilot)
    approved = lessons.filter(review="approved")
    assert approved.exists() and all(lesson.toolkit_text for lesson in approved)
    assert lessons.filter(review="draft").exists()
    assert experiments.filter(co_members__isnull=False).exists()


def test_every_demo_skill_catalogue_is_complete(demo_pilot):
    assert demo_pilot.organisation.skills.count() == 12


def test_a_demo_experiment_went_through_changes_asked_before_approval_and_runs(demo_pilot):
    from learning.models import EthicsReviewStep

    steps = EthicsReviewStep.objects.filter(
        review__experiment__owner__proeftuin=demo_pilot, kind="changes_requested"
    )
    review = steps.first().review
    assert list(review.steps.values_list("kind", flat=True)) == [
        "submitted",
        "changes_requested",
        "submitted",
        "approved",
    ]
    assert review.experiment.status in ("running", "done")

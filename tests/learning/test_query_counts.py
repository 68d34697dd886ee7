"""Pages and list endpoints make the same number of queries for 3 rows as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _fill(pilot, skill, n):
    """n goals (each with a check-in and a comment), activities, experiments and participants."""
    for _ in range(n):
        goal = factories.GoalFactory(membership=pilot.participant, skill=skill)
        factories.CheckInFactory(goal=goal)
        factories.GoalCommentFactory(goal=goal, author=pilot.coach)
        activity = factories.ActivityFactory(membership=pilot.participant)
        activity.skills.add(skill)
        activity.goals.add(goal)
        experiment = factories.ExperimentFactory(owner=pilot.participant, status="running")
        experiment.co_members.add(pilot.other_participant)
        factories.LessonFactory(experiment=experiment)
        factories.SkillFactory(organisation=pilot.proeftuin.organisation)
        other = factories.ParticipantFactory(proeftuin=pilot.proeftuin)
        factories.ActivityFactory(membership=other)
        factories.GoalFactory(membership=other, skill=skill)


def _count(client, url):
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Measured counts plus 2 of headroom for menu partials of other apps (notifications, workshops);
# the dashboard gets 4 for the upcoming-sessions partial of the workshops app. A coach's request
# costs one more: django-otp loads the verified second-factor device.
TARGETS = [
    ("participant", "learning:dashboard", 12 + 4),
    ("participant", "learning:goals", 8 + 2),
    ("participant", "learning:activities", 10 + 2),
    ("participant", "learning:experiments", 10 + 2),
    ("coach", "learning:participants", 9 + 2),
    ("coach", "learning:skills", 8 + 2),
    ("participant", "/api/v1/pilots/{pilot}/skills/", 8),
    ("participant", "/api/v1/pilots/{pilot}/goals/", 10),
    ("coach", "/api/v1/pilots/{pilot}/goals/", 10 + 1),
    ("participant", "/api/v1/pilots/{pilot}/activities/", 10),
    ("coach", "/api/v1/pilots/{pilot}/activities/", 10 + 1),
    ("participant", "/api/v1/pilots/{pilot}/experiments/", 10),
    ("coach", "/api/v1/pilots/{pilot}/experiments/", 10 + 1),
]


@pytest.mark.parametrize(
    ("who", "target", "at_most"), TARGETS, ids=[f"{t[0]} {t[1]}" for t in TARGETS]
)
def test_query_count_does_not_grow_with_rows(client_for, pilot, skill, who, target, at_most):
    url = (
        reverse(target, args=[pilot.proeftuin.pk])
        if target.startswith("learning:")
        else target.format(pilot=pilot.proeftuin.pk)
    )
    client = client_for(getattr(pilot, who))
    _fill(pilot, skill, 3)
    few = _count(client, url)
    _fill(pilot, skill, 27)
    many = _count(client, url)
    assert few == many, f"{url}: {few} queries for 3 rows, {many} for 30"
    assert many <= at_most, f"{url}: {many} queries"


def test_the_coach_home_card_has_a_fixed_number_of_queries(client_for, pilot, skill):
    client = client_for(pilot.coach)
    url = reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])
    _fill(pilot, skill, 3)
    few = _count(client, url)
    _fill(pilot, skill, 27)
    many = _count(client, url)
    # The home page itself lists every member (one query); the learning card adds a fixed few.
    assert few == many

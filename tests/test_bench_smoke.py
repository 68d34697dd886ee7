"""The benchmark's data generator at toy size, so it does not rot while the models change."""

import pytest
from django.db import connection

from bench import generate
from learning.models import LearningActivity, SkillGoal
from proeftuin.models import Membership, Organisation, User
from workshops.models import Attendance, CalendarFeed, Session

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator uses COPY"),
]


def test_the_generator_builds_two_pilots_of_the_benchmark_shape():
    counts = generate.generate(organisations=2, vacuum=False)

    assert Organisation.objects.filter(slug__startswith="bench-").count() == 2
    assert Membership.objects.filter(role="participant").count() == 2 * generate.PARTICIPANTS
    assert Membership.objects.filter(role="coach").count() == 2
    assert Session.objects.count() == 2 * generate.SESSIONS
    assert LearningActivity.objects.count() == 2 * generate.ACTIVITIES_PER_PILOT
    assert SkillGoal.objects.count() == 2 * generate.PARTICIPANTS * generate.GOALS_PER_PARTICIPANT
    attended = LearningActivity.objects.filter(session__isnull=False).count()
    assert attended == Attendance.objects.filter(state__in=Attendance.COUNTED).count() > 0
    assert counts["activity"] == LearningActivity.objects.count()


def test_the_asking_participant_can_log_in_and_has_a_calendar_feed():
    generate.generate(organisations=2, vacuum=False)
    handles = generate.handles(2)

    user = User.objects.get(email=handles.participant_email)
    assert user.check_password(generate.PASSWORD)
    assert CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_rows_created_after_the_bulk_load_get_fresh_ids():
    generate.generate(organisations=1, vacuum=False)
    bulk = set(LearningActivity.objects.values_list("pk", flat=True))

    activity = LearningActivity.objects.create(
        membership=Membership.objects.filter(role="participant").first(),
        kind="reading",
        minutes=10,
        title="Na de bulk-insert",
    )

    assert len(bulk) == generate.ACTIVITIES_PER_PILOT
    assert activity.pk not in bulk

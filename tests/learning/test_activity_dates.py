"""Each membership knows the day of its latest activity, whichever way the activity was written."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning import services
from proeftuin.models import Membership
from tests.factories import PastSessionFactory
from workshops import services as workshops

pytestmark = pytest.mark.django_db


def latest(membership):
    return Membership.objects.get(pk=membership.pk).latest_activity_on


def _log(membership, on):
    return services.log_activity(
        membership=membership, kind="reading", minutes=20, title="Artikel over de AVG", on=on
    )


def test_logging_an_activity_sets_the_latest_day_and_an_older_one_leaves_it(pilot):
    today = timezone.localdate()
    assert latest(pilot.participant) is None
    _log(pilot.participant, today - timedelta(days=3))
    assert latest(pilot.participant) == today - timedelta(days=3)
    _log(pilot.participant, today - timedelta(days=10))
    assert latest(pilot.participant) == today - timedelta(days=3)
    assert latest(pilot.other_participant) is None


def test_moving_or_deleting_the_latest_activity_leaves_the_day_of_the_one_before(pilot):
    today = timezone.localdate()
    older = _log(pilot.participant, today - timedelta(days=10))
    newer = _log(pilot.participant, today - timedelta(days=2))
    services.update_activity(
        activity=newer, kind="reading", on=today - timedelta(days=20), minutes=20, title="Eerder"
    )
    assert latest(pilot.participant) == today - timedelta(days=10)
    services.delete_activity(activity=older)
    assert latest(pilot.participant) == today - timedelta(days=20)
    services.delete_activity(activity=newer)
    assert latest(pilot.participant) is None


def test_being_marked_present_counts_as_an_activity_on_the_day_of_the_session(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    workshops.set_attendance(session=session, present=[pilot.participant.pk])
    assert latest(pilot.participant) == timezone.localtime(session.starts_at).date()
    workshops.set_attendance(session=session, present=[], absent=[pilot.participant.pk])
    assert latest(pilot.participant) is None

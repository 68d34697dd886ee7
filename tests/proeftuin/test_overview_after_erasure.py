import pytest
from django.utils import timezone

from proeftuin import overview, privacy
from tests import factories

pytestmark = pytest.mark.django_db


def _headline(pilot):
    period = overview.period_for(pilot.proeftuin, today=timezone.localdate())
    data = overview.build(proeftuin=pilot.proeftuin, period=period)
    return data.hours_total.value, [(kind, fig.value) for kind, fig in data.activities_per_kind]


def test_erasing_a_participant_leaves_the_pilots_history_in_the_overview_unchanged(pilot):
    for person in (pilot.participant, pilot.other_participant, pilot.third_participant):
        factories.ActivityFactory(membership=person, minutes=90)
        factories.ActivityFactory(membership=person, minutes=30, kind="course")
    before = _headline(pilot)
    assert before[0] == 6.0

    privacy.erase_person(user=pilot.participant.user, actor=None)

    assert _headline(pilot) == before

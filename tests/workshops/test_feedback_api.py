"""Session feedback in aggregate through the API: hidden below the pilot's group size."""

import pytest

from tests import factories
from workshops.models import SessionFeedback

pytestmark = pytest.mark.django_db


def _give(session, memberships, usefulness=4, improvement="Meer oefenen"):
    for membership in memberships:
        SessionFeedback.objects.create(
            session=session, membership=membership, usefulness=usefulness, improvement=improvement
        )


def _url(pilot, session):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/sessions/{session.pk}/feedback/"


def test_feedback_from_fewer_than_the_group_size_shows_no_average_nor_texts(pilot, client_for):
    session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    _give(session, [pilot.participant, pilot.other_participant])
    body = client_for(pilot.coach).get(_url(pilot, session)).json()
    assert body["count"] == 2
    assert body["usefulness"]["value"] is None
    assert body["usefulness"]["hidden"] == "too_few"
    assert body["improvements"] == []


def test_feedback_from_the_group_size_shows_the_average_as_a_number(pilot, client_for):
    session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    _give(session, [pilot.participant, pilot.other_participant, pilot.third_participant])
    body = client_for(pilot.coach).get(_url(pilot, session)).json()
    assert body["usefulness"]["value"] == 4.0
    assert body["improvements"] == ["Meer oefenen"] * 3

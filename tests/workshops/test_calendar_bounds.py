"""Calendar output stays whole when a stored session lies outside the accepted dates."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import SessionFactory
from workshops import services

pytestmark = pytest.mark.django_db


def test_a_coachs_feed_still_renders_beside_a_session_stored_on_9999_12_31(pilot, client):
    fine = SessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")
    SessionFactory(
        proeftuin=pilot.proeftuin,
        title="Ver weg",
        starts_at=datetime(9999, 12, 31, 21, 0, tzinfo=UTC),
        ends_at=datetime(9999, 12, 31, 22, 0, tzinfo=UTC),
    )
    feed = services.create_calendar_feed(user=pilot.coach.user)
    response = client.get(reverse("workshops:feed", args=[feed.token]))
    assert response.status_code == 200
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == [fine.title]

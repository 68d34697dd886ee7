from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import SessionFactory
from workshops import services
from workshops.calendar import session_ics
from workshops.models import Registration

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def events(body: bytes):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_a_session_download_carries_uid_dtstamp_timezone_alarm_and_sequence(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")
    calendar = Calendar.from_ical(session_ics(session))
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"session-{session.pk}@127.0.0.1"
    assert event.get("DTSTAMP") is not None
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "AVG in de praktijk"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == session.starts_at
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert len(event.walk("VALARM")) == 1
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_cancelled_session_is_marked_cancelled_with_a_higher_sequence(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.cancel_session(session=session)
    session.refresh_from_db()
    (event,) = events(session_ics(session))
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == f"session-{session.pk}@127.0.0.1"


def test_a_summer_session_keeps_its_wall_clock_time_in_the_file(pilot):
    year = timezone.localdate().year + 1
    starts = datetime(year, 7, 7, 12, 0, tzinfo=AMSTERDAM)
    session = SessionFactory(
        proeftuin=pilot.proeftuin, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    body = session_ics(session).decode()
    assert f"DTSTART;TZID=Europe/Amsterdam:{year}0707T120000" in body
    assert "TZOFFSETTO:+0200" in body


def test_the_feed_lists_the_sessions_i_said_yes_or_maybe_to(pilot, client):
    going, maybe, declined, other = SessionFactory.create_batch(4, proeftuin=pilot.proeftuin)
    services.register(session=going, membership=pilot.participant, response="going")
    services.register(session=maybe, membership=pilot.participant, response="maybe")
    services.register(session=declined, membership=pilot.participant, response="not_going")
    services.register(session=other, membership=pilot.other_participant, response="going")
    feed = services.create_calendar_feed(user=pilot.participant.user)

    response = client.get(reverse("workshops:feed", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    uids = {str(e["UID"]) for e in events(response.content)}
    assert uids == {f"session-{s.pk}@127.0.0.1" for s in (going, maybe)}


def test_the_feed_shows_a_cancelled_session_as_cancelled(pilot, client):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.register(session=session, membership=pilot.participant, response="going")
    services.cancel_session(session=session)
    feed = services.create_calendar_feed(user=pilot.participant.user)
    (event,) = events(client.get(reverse("workshops:feed", args=[feed.token])).content)
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_revoked_or_unknown_feed_token_gives_404(pilot, client):
    feed = services.create_calendar_feed(user=pilot.participant.user)
    services.revoke_calendar_feeds(user=pilot.participant.user)
    assert client.get(reverse("workshops:feed", args=[feed.token])).status_code == 404
    assert client.get(reverse("workshops:feed", args=["geen-echte-sleutel"])).status_code == 404


def test_the_feed_leaves_out_pilots_where_i_am_no_longer_active(pilot, client):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.register(session=session, membership=pilot.participant, response="going")
    Registration.objects.filter(session=session).update(response="going")
    pilot.participant.is_active = False
    pilot.participant.save(update_fields=["is_active"])
    feed = services.create_calendar_feed(user=pilot.participant.user)
    assert events(client.get(reverse("workshops:feed", args=[feed.token])).content) == []


def test_the_agenda_page_creates_and_revokes_my_feed(pilot, client_for):
    client = client_for(pilot.participant)
    url = reverse("workshops:agenda", args=[pilot.proeftuin.pk])
    client.post(url, {"action": "create"})
    feed = pilot.participant.user.calendar_feeds.get()
    page = client.get(url).content.decode()
    assert feed.token in page

    client.post(url, {"action": "revoke"})
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert feed.token not in client.get(url).content.decode()


def test_an_agenda_answer_that_is_no_button_changes_no_link(pilot, client_for):
    client = client_for(pilot.participant)
    url = reverse("workshops:agenda", args=[pilot.proeftuin.pk])
    client.post(url, {"action": "create"})
    feed = pilot.participant.user.calendar_feeds.get()

    for answer in ({}, {"action": ""}, {"action": "iets"}):
        response = client.post(url, answer)
        assert response.status_code == 400
        assert "Kies of je een nieuwe link wilt" in response.content.decode()

    assert list(pilot.participant.user.calendar_feeds.all()) == [feed]
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_the_single_session_download_is_an_ics_attachment(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.participant).get(
        reverse("workshops:session-ics", args=[pilot.proeftuin.pk, session.pk])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (event,) = events(response.content)
    assert str(event["SUMMARY"]) == session.title


def test_the_coach_feed_has_every_session_of_the_pilots_they_coach(pilot, other_pilot, client):
    mine = SessionFactory(proeftuin=pilot.proeftuin)
    SessionFactory(proeftuin=other_pilot.proeftuin)
    feed = services.create_calendar_feed(user=pilot.coach.user)
    body = client.get(reverse("workshops:feed", args=[feed.token])).content
    assert [str(e["UID"]) for e in events(body)] == [f"session-{mine.pk}@127.0.0.1"]

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import LearningActivity
from tests.factories import ParticipantFactory, PastSessionFactory, SessionFactory
from workshops import services
from workshops.models import Attendance, Registration, Session

pytestmark = pytest.mark.django_db


def api(name, pilot, *args):
    return reverse(f"workshops-api-{name}", args=[pilot.proeftuin.pk, *args])


def new_session(**overrides):
    starts = timezone.now() + timedelta(days=5)
    body = {
        "kind": "lunch_lecture",
        "title": "AVG in de praktijk",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
        "location": "Zaal 2",
        "capacity": 10,
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("role", "expected"),
    [("participant", 200), ("coach", 200), ("director", 200), ("outsider", 404)],
)
def test_the_session_list_answers_members_of_the_pilot_only(
    role, expected, pilot, other_pilot, client_for
):
    SessionFactory(proeftuin=pilot.proeftuin)
    who = getattr(pilot, role, None) or other_pilot.participant
    response = client_for(who).get(api("sessions", pilot))
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [("participant", 404), ("coach", 201), ("director", 404), ("outsider", 404)],
)
def test_only_the_coach_plans_sessions_through_the_api(
    role, expected, pilot, other_pilot, client_for
):
    who = getattr(pilot, role, None) or other_pilot.coach
    response = client_for(who).post(
        api("sessions", pilot), new_session(), format="json", content_type="application/json"
    )
    assert response.status_code == expected
    assert Session.objects.count() == (1 if expected == 201 else 0)


def test_an_api_session_ending_before_it_starts_is_a_400_naming_the_field(pilot, client_for):
    starts = timezone.now() + timedelta(days=5)
    response = client_for(pilot.coach).post(
        api("sessions", pilot),
        new_session(
            ends_at=(starts - timedelta(hours=1)).isoformat(), starts_at=starts.isoformat()
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "ends_at" in response.json()
    assert not Session.objects.exists()


def test_the_api_plans_a_monthly_series(pilot, client_for):
    response = client_for(pilot.coach).post(
        api("session-series", pilot),
        {
            "kind": "workshop",
            "title": "Datagedreven werken",
            "location": "Zaal 1",
            "week_of_month": 1,
            "weekday": 1,
            "first_on": date(timezone.localdate().year + 1, 1, 1).isoformat(),
            "starts_time": "12:00",
            "ends_time": "13:00",
            "count": 6,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert len(response.json()["sessions"]) == 6
    assert {s["starts_at"][11:16] for s in response.json()["sessions"]} == {"12:00"}


def test_the_coach_moves_a_session_and_its_sequence_goes_up(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    starts = session.starts_at + timedelta(days=1)
    response = client_for(pilot.coach).put(
        api("session", pilot, session.pk),
        new_session(
            starts_at=starts.isoformat(), ends_at=(starts + timedelta(hours=1)).isoformat()
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["sequence"] == 1


def test_a_participant_cannot_change_a_session(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.participant).put(
        api("session", pilot, session.pk), new_session(), content_type="application/json"
    )
    assert response.status_code == 404


def test_lowering_capacity_below_the_people_going_is_a_400_on_capacity(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=5)
    for membership in (pilot.participant, pilot.other_participant):
        services.register(session=session, membership=membership, response="going")
    response = client_for(pilot.coach).put(
        api("session", pilot, session.pk),
        new_session(
            starts_at=session.starts_at.isoformat(), ends_at=session.ends_at.isoformat(), capacity=1
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "capacity" in response.json()


def test_the_coach_cancels_through_the_api(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).post(api("session-cancel", pilot, session.pk))
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_a_participant_answers_and_reads_their_answer(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=1)
    services.register(session=session, membership=pilot.other_participant, response="going")
    client = client_for(pilot.participant)
    response = client.put(
        api("session-registration", pilot, session.pk),
        {"response": "going"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["on_waiting_list"] is True
    assert client.get(api("session-registration", pilot, session.pk)).json()["response"] == "going"
    listed = client.get(api("session", pilot, session.pk)).json()
    assert (listed["my_response"], listed["on_waiting_list"]) == ("going", True)


def test_an_unknown_answer_is_a_400(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.participant).put(
        api("session-registration", pilot, session.pk),
        {"response": "misschien wel"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "response" in response.json()
    assert not Registration.objects.exists()


def test_the_coach_marks_attendance_through_the_api(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    client = client_for(pilot.coach)
    response = client.put(
        api("session-attendance", pilot, session.pk),
        {"present": [pilot.participant.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200
    rows = {row["membership"]: row["present"] for row in response.json()}
    assert rows[pilot.participant.pk] is True
    assert rows[pilot.other_participant.pk] is False
    assert LearningActivity.objects.get().membership == pilot.participant


def test_api_attendance_for_someone_of_another_pilot_is_a_400_and_writes_nothing(
    pilot, other_pilot, client_for
):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).put(
        api("session-attendance", pilot, session.pk),
        {"present": [other_pilot.participant.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "present" in response.json()
    assert not Attendance.objects.exists()


def test_the_director_cannot_read_the_attendance_sheet(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.director).get(api("session-attendance", pilot, session.pk))
    assert response.status_code == 404


def test_the_api_session_list_takes_the_same_queries_for_few_or_many_sessions(
    pilot, client_for, django_assert_max_num_queries
):
    client = client_for(pilot.participant)

    def add(count):
        for _n in range(count):
            session = SessionFactory(proeftuin=pilot.proeftuin)
            for membership in ParticipantFactory.create_batch(2, proeftuin=pilot.proeftuin):
                services.register(session=session, membership=membership, response="going")

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(api("sessions", pilot))
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(api("sessions", pilot))
    assert response.json()["count"] == 10


def test_the_schema_documents_the_workshops_endpoints(client_for, pilot):
    response = client_for(pilot.coach).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/pilots/{pilot}/sessions/",
        "/api/v1/pilots/{pilot}/sessions/series/",
        "/api/v1/pilots/{pilot}/sessions/{id}/registration/",
        "/api/v1/pilots/{pilot}/sessions/{id}/attendance/",
    ):
        assert path in paths, path
    post = paths["/api/v1/pilots/{pilot}/sessions/"]["post"]
    assert "examples" in post["requestBody"]["content"]["application/json"]


def test_the_upcoming_filter_takes_only_true_or_false(client_for, pilot):
    client = client_for(pilot.participant)
    assert client.get(api("sessions", pilot), {"upcoming": "true"}).status_code == 200
    response = client.get(api("sessions", pilot), {"upcoming": "ja"})
    assert response.status_code == 400
    assert response.json() == {"upcoming": ["Gebruik true of false."]}


def test_answering_a_session_of_another_organisation_is_a_404_whatever_the_body(
    pilot, other_pilot, client_for
):
    foreign = SessionFactory(proeftuin=other_pilot.proeftuin)
    client = client_for(pilot.participant)
    url = api("session-registration", pilot, foreign.pk)
    for body in ({}, {"response": "going"}):
        response = client.put(url, body, content_type="application/json")
        assert response.status_code == 404, body

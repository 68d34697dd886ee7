"""Marking attendance and logging an activity count a session once, whichever comes first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services as learning
from learning.models import LearningActivity
from tests.factories import ActivityFactory, PastSessionFactory
from workshops import selectors, services
from workshops.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(pilot):
    """A 90-minute workshop of last week."""
    return PastSessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")


def day_of(session):
    return timezone.localtime(session.starts_at).date()


def own_log(membership, session, **fields):
    values = {
        "membership": membership,
        "kind": session.kind,
        "on": day_of(session),
        "minutes": 60,
        "title": "Lezing over de AVG",
        "reflection": "Verwerkersovereenkomst nodig bij elke leverancier.",
    }
    values.update(fields)
    return learning.log_activity(**values)


def activities_of(membership):
    return list(LearningActivity.objects.filter(membership=membership))


def test_marking_present_links_the_activity_the_participant_logged_and_adds_none(pilot, workshop):
    own = own_log(pilot.participant, workshop)
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    [activity] = activities_of(pilot.participant)
    assert activity.pk == own.pk
    assert activity.session == workshop
    assert activity.minutes == 60


def test_unmarking_keeps_the_participants_own_activity_and_what_they_wrote(pilot, workshop):
    own = own_log(pilot.participant, workshop)
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    services.set_attendance(session=workshop, present=[], absent=[pilot.participant.pk])
    [activity] = activities_of(pilot.participant)
    assert activity.pk == own.pk
    assert activity.reflection == "Verwerkersovereenkomst nodig bij elke leverancier."
    assert activity.session is None


def test_an_activity_of_another_kind_on_the_session_day_is_not_taken_for_it(pilot, workshop):
    reading = ActivityFactory(membership=pilot.participant, kind="reading", on=day_of(workshop))
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    assert len(activities_of(pilot.participant)) == 2
    reading.refresh_from_db()
    assert reading.session is None


def test_an_activity_of_the_same_kind_on_another_day_is_not_taken_for_it(pilot, workshop):
    ActivityFactory(
        membership=pilot.participant, kind="workshop", on=day_of(workshop) - timedelta(days=1)
    )
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    assert len(activities_of(pilot.participant)) == 2


def test_of_two_own_activities_that_day_the_one_titled_like_the_session_is_linked(pilot, workshop):
    own_log(pilot.participant, workshop, title="Iets anders")
    titled = own_log(pilot.participant, workshop, title="avg in de praktijk")
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    assert LearningActivity.objects.get(session=workshop).pk == titled.pk


def test_logging_a_session_one_was_marked_present_at_replaces_the_recorded_activity(
    pilot, workshop
):
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    own = own_log(pilot.participant, workshop)
    [activity] = activities_of(pilot.participant)
    assert activity.pk == own.pk
    assert activity.session == workshop
    assert activity.minutes == 60


def test_unmarking_after_the_participant_logged_the_session_keeps_their_log(pilot, workshop):
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    own = own_log(pilot.participant, workshop)
    services.set_attendance(session=workshop, present=[], absent=[pilot.participant.pk])
    assert [a.pk for a in activities_of(pilot.participant)] == [own.pk]


def test_writing_a_reflection_in_the_recorded_activity_makes_unmarking_keep_it(pilot, workshop):
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    recorded = LearningActivity.objects.get(membership=pilot.participant)
    learning.update_activity(
        activity=recorded,
        kind=recorded.kind,
        on=recorded.on,
        minutes=recorded.minutes,
        title=recorded.title,
        reflection="Veel geleerd over bewaartermijnen.",
    )
    services.set_attendance(session=workshop, present=[], absent=[pilot.participant.pk])
    [kept] = activities_of(pilot.participant)
    assert kept.reflection == "Veel geleerd over bewaartermijnen."


def test_logging_a_session_a_second_time_is_refused_with_a_message(pilot, workshop):
    own_log(pilot.participant, workshop)
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    with pytest.raises(learning.Invalid) as refused:
        own_log(pilot.participant, workshop, title="Nog een keer")
    day = day_of(workshop)
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    months += ["september", "oktober", "november", "december"]
    assert refused.value.errors == {
        None: f"Je hebt “Lezing over de AVG” van {day.day} {months[day.month - 1]} {day.year} "
        "al gelogd. Vul die activiteit aan in plaats van een tweede te maken."
    }
    assert len(activities_of(pilot.participant)) == 1


def test_the_activity_form_shows_the_refusal_of_a_second_log(pilot, workshop, client_for):
    own_log(pilot.participant, workshop)
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    response = client_for(pilot.participant).post(
        reverse("learning:activity-create", args=[pilot.proeftuin.pk]),
        {
            "kind": workshop.kind,
            "on": day_of(workshop).isoformat(),
            "minutes": "90",
            "title": "Workshop AVG",
        },
    )
    assert response.status_code == 200
    assert "Vul die activiteit aan in plaats van een tweede te maken." in response.content.decode()
    assert len(activities_of(pilot.participant)) == 1


def test_marking_present_twice_keeps_one_attendance_and_one_activity(pilot, workshop):
    own_log(pilot.participant, workshop)
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    services.set_attendance(session=workshop, present=[pilot.participant.pk])
    assert len(activities_of(pilot.participant)) == 1
    assert Attendance.objects.get(membership=pilot.participant).created_activity is False


def test_the_attendance_sheet_says_what_saving_records_for_each_person(pilot, workshop, client_for):
    own_log(pilot.participant, workshop)
    page = client_for(pilot.coach).get(
        reverse("workshops:attendance", args=[pilot.proeftuin.pk, workshop.pk])
    )
    html = page.content.decode()
    rows = {row.membership.pk: row.activity.outcome for row in selectors.attendance_sheet(workshop)}
    assert rows[pilot.participant.pk] == "own_to_link"
    assert rows[pilot.other_participant.pk] == "new"
    assert "heeft zelf al gelogd: wordt gekoppeld" in html
    assert "krijgt een activiteit van 90 minuten" in html


def test_the_attendance_api_says_which_activity_marking_links(pilot, workshop, client_for):
    own_log(pilot.participant, workshop)
    url = f"/api/v1/pilots/{pilot.proeftuin.pk}/sessions/{workshop.pk}/attendance/"
    client = client_for(pilot.coach)
    rows = client.get(url).json()
    assert {r["membership"]: r["activity"] for r in rows}[pilot.participant.pk] == "own_to_link"
    response = client.put(url, {"present": [pilot.participant.pk]}, content_type="application/json")
    assert response.status_code == 200
    assert {r["membership"]: r["activity"] for r in response.json()}[
        pilot.participant.pk
    ] == "own_linked"
    assert len(activities_of(pilot.participant)) == 1

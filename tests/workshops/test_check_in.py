"""Self check-in with the code the coach shows in the room, and what it records."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from learning.models import LearningActivity
from tests.factories import SessionFactory
from tests.pages import shows
from workshops import services
from workshops.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_attempt_counts():
    cache.clear()  # the rate limit counts in the cache; each test starts with none used


def url(name, pilot, *args):
    return reverse(f"workshops:{name}", args=[pilot.proeftuin.pk, *args])


def session_on_now(pilot, **fields):
    now = timezone.now()
    fields.setdefault("starts_at", now - timedelta(minutes=10))
    fields.setdefault("ends_at", now + timedelta(minutes=50))
    return SessionFactory(proeftuin=pilot.proeftuin, kind="workshop", **fields)


def code_of(session):
    return services.check_in_code(session=session)


def check_in(client, pilot, session, code, htmx=False):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(url("check-in", pilot, session.pk), {"code": code}, **headers)


# ---- the window ----------------------------------------------------------------------------------


def test_a_participant_checks_in_with_the_code_and_is_marked_present_with_one_activity(
    pilot, client_for
):
    session = session_on_now(pilot)
    response = check_in(client_for(pilot.participant), pilot, session, code_of(session))
    assert response.status_code == 302
    attendance = Attendance.objects.get(session=session, membership=pilot.participant)
    assert attendance.state == "present"
    assert attendance.checked_in_at is not None
    assert LearningActivity.objects.filter(membership=pilot.participant, session=session).count()


def test_check_in_opens_half_an_hour_before_the_start(pilot, client_for):
    now = timezone.now()
    session = session_on_now(
        pilot, starts_at=now + timedelta(minutes=25), ends_at=now + timedelta(minutes=85)
    )
    check_in(client_for(pilot.participant), pilot, session, code_of(session))
    assert Attendance.objects.get(membership=pilot.participant).state == "present"


def test_check_in_is_closed_earlier_than_half_an_hour_before_and_records_nothing(pilot, client_for):
    now = timezone.now()
    session = session_on_now(
        pilot, starts_at=now + timedelta(minutes=40), ends_at=now + timedelta(minutes=100)
    )
    response = check_in(client_for(pilot.participant), pilot, session, "ABCDEF", htmx=True)
    assert shows(response.content.decode(), "kan van een half uur voor het begin")
    assert not Attendance.objects.exists()
    with pytest.raises(services.CheckInClosed):
        code_of(session)


def test_a_code_expires_with_the_session(pilot, client_for):
    session = session_on_now(pilot)
    code = code_of(session)
    session.starts_at -= timedelta(hours=2)
    session.ends_at = timezone.now() - timedelta(minutes=1)
    session.save()
    response = check_in(client_for(pilot.participant), pilot, session, code, htmx=True)
    assert shows(response.content.decode(), session.title)
    assert shows(response.content.decode(), "tot het einde van de bijeenkomst")
    assert not Attendance.objects.exists()
    assert not LearningActivity.objects.exists()


# ---- wrong codes ---------------------------------------------------------------------------------


def test_a_wrong_code_says_so_naming_the_session_and_records_nothing(pilot, client_for):
    session = session_on_now(pilot)
    code_of(session)
    response = check_in(client_for(pilot.participant), pilot, session, "ZZZZZZ", htmx=True)
    page = response.content.decode()
    assert shows(page, f"Deze code hoort niet bij {session.title}")
    assert not Attendance.objects.exists()
    assert not LearningActivity.objects.exists()


def test_the_code_of_another_session_does_nothing(pilot, client_for):
    session = session_on_now(pilot, title="Draaitabellen")
    other = session_on_now(pilot, title="Open data")
    code_of(session)
    check_in(client_for(pilot.participant), pilot, session, code_of(other))
    assert not Attendance.objects.exists()


def test_the_code_of_a_session_of_another_pilot_does_nothing(pilot, other_pilot, client_for):
    session = session_on_now(pilot)
    code_of(session)
    foreign = session_on_now(other_pilot)
    response = check_in(client_for(pilot.participant), pilot, session, code_of(foreign), True)
    assert shows(response.content.decode(), "Deze code hoort niet bij")
    assert not Attendance.objects.exists()


def test_a_session_of_another_pilot_cannot_be_checked_in_to_at_all(pilot, other_pilot, client_for):
    foreign = session_on_now(other_pilot)
    response = client_for(pilot.participant).post(
        url("check-in", pilot, foreign.pk), {"code": code_of(foreign)}
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_the_code_is_read_as_people_type_it(pilot):
    session = session_on_now(pilot)
    code = code_of(session)
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    services.check_in(session=session, membership=pilot.participant, code=typed)
    assert Attendance.objects.get().state == "present"


def test_codes_use_no_characters_that_look_alike(pilot):
    codes = "".join(code_of(session_on_now(pilot)) for _i in range(20))
    assert len(codes) == 120
    assert not set(codes) & set("0O1IL5S")


def test_trying_too_often_is_refused_even_with_the_right_code(pilot, client_for):
    session = session_on_now(pilot)
    code = code_of(session)
    client = client_for(pilot.participant)
    for _attempt in range(10):
        check_in(client, pilot, session, "WRONG1", htmx=True)
    response = check_in(client, pilot, session, code, htmx=True)
    assert shows(response.content.decode(), "vaak achter elkaar geprobeerd")
    assert not Attendance.objects.exists()


def test_the_limit_is_per_person(pilot, client_for):
    session = session_on_now(pilot)
    code = code_of(session)
    client = client_for(pilot.participant)
    for _attempt in range(11):
        check_in(client, pilot, session, "WRONG1", htmx=True)
    check_in(client_for(pilot.other_participant), pilot, session, code)
    assert Attendance.objects.get().membership == pilot.other_participant


# ---- once only -----------------------------------------------------------------------------------


def test_checking_in_twice_keeps_one_attendance_and_one_activity(pilot, client_for):
    session = session_on_now(pilot)
    client = client_for(pilot.participant)
    check_in(client, pilot, session, code_of(session))
    check_in(client, pilot, session, code_of(session))
    assert Attendance.objects.count() == 1
    assert LearningActivity.objects.filter(membership=pilot.participant).count() == 1


def test_checking_in_after_logging_the_session_links_the_own_log_and_adds_none(pilot, client_for):
    session = session_on_now(pilot)
    own = LearningActivity.objects.create(
        membership=pilot.participant,
        kind="workshop",
        on=timezone.localdate(session.starts_at),
        minutes=45,
        title="Mijn eigen woorden",
    )
    check_in(client_for(pilot.participant), pilot, session, code_of(session))
    assert list(LearningActivity.objects.filter(membership=pilot.participant)) == [own]
    own.refresh_from_db()
    assert own.session == session
    assert Attendance.objects.get().created_activity is False


def test_the_coach_corrects_a_check_in_and_the_activity_goes(pilot, client_for):
    session = session_on_now(pilot)
    check_in(client_for(pilot.participant), pilot, session, code_of(session))
    client_for(pilot.coach).post(
        url("attendance", pilot, session.pk), {f"state_{pilot.participant.pk}": "absent"}
    )
    assert Attendance.objects.get(membership=pilot.participant).state == "absent"
    assert not LearningActivity.objects.filter(membership=pilot.participant).exists()


def test_the_coach_sheet_says_who_checked_in_themselves(pilot, client_for):
    session = session_on_now(pilot)
    check_in(client_for(pilot.participant), pilot, session, code_of(session))
    page = client_for(pilot.coach).get(url("attendance", pilot, session.pk)).content.decode()
    assert "zelf ingecheckt om" in page


# ---- the pages -----------------------------------------------------------------------------------


def test_the_answer_without_a_page_load_names_the_session_and_keeps_the_field_id(pilot, client_for):
    session = session_on_now(pilot)
    response = check_in(client_for(pilot.participant), pilot, session, code_of(session), True)
    page = response.content.decode()
    assert response.status_code == 200
    assert shows(page, f"Je bent ingecheckt bij {session.title}")
    assert f'id="check-in-code-{session.pk}"' in page  # htmx gives the focus back to it
    assert "<html" not in page


def test_the_coach_screen_shows_a_qr_code_and_the_code(pilot, client_for):
    session = session_on_now(pilot)
    page = client_for(pilot.coach).get(url("check-in-screen", pilot, session.pk)).content.decode()
    assert "<svg" in page
    assert code_of(session) in page


def test_the_qr_link_fills_in_the_code(pilot, client_for):
    session = session_on_now(pilot)
    code = code_of(session)
    page = client_for(pilot.participant).get(url("check-in", pilot, session.pk) + f"?code={code}")
    assert f'value="{code}"' in page.content.decode()
    assert not Attendance.objects.exists()  # opening the link records nothing by itself


def test_the_dashboard_offers_check_in_while_a_session_is_on(pilot, client_for):
    session = session_on_now(pilot, title="Werken met open data")
    dashboard = reverse("learning:dashboard", args=[pilot.proeftuin.pk])
    client = client_for(pilot.participant)
    assert shows(client.get(dashboard).content.decode(), "Inchecken bij Werken met open data")
    check_in(client, pilot, session, code_of(session))
    assert not shows(client.get(dashboard).content.decode(), "Inchecken bij Werken met open data")


def test_the_dashboard_offers_no_check_in_when_no_session_is_on(pilot, client_for):
    SessionFactory(proeftuin=pilot.proeftuin, title="Volgende week")
    dashboard = reverse("learning:dashboard", args=[pilot.proeftuin.pk])
    page = client_for(pilot.participant).get(dashboard).content.decode()
    assert "Inchecken bij" not in page

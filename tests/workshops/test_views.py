from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import LearningActivity
from tests.factories import ParticipantFactory, PastSessionFactory, SessionFactory
from tests.pages import shows
from workshops import services
from workshops.models import Attendance, Registration, Session, SessionFeedback

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def url(name, pilot, *args):
    return reverse(f"workshops:{name}", args=[pilot.proeftuin.pk, *args])


def session_form(**overrides):
    day = timezone.localdate() + timedelta(days=10)
    data = {
        "kind": "lunch_lecture",
        "title": "Visualiseren met Excel",
        "on": day.isoformat(),
        "starts_time": "12:00",
        "ends_time": "13:00",
        "location": "Zaal 2",
        "capacity": "8",
    }
    data.update(overrides)
    return data


# ---- who may see what -------------------------------------------------------------------------

PAGES = ["session-list", "session-detail", "session-create", "series-create", "session-edit"]
PAGES += ["session-cancel", "attendance", "session-ics", "agenda"]

# role -> pages that answer 200 (everything else: 404)
ALLOWED = {
    "participant": {"session-list", "session-detail", "session-ics", "agenda"},
    "coach": set(PAGES),
    "director": {"session-list", "session-detail", "session-ics"},
}


@pytest.mark.parametrize("role", ["participant", "coach", "director", "outsider"])
def test_each_role_reaches_exactly_its_own_pages(role, pilot, other_pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    who = {
        "participant": pilot.participant,
        "coach": pilot.coach,
        "director": pilot.director,
        "outsider": other_pilot.coach,
    }[role]
    client = client_for(who)
    for page in PAGES:
        needs_session = page not in {"session-list", "session-create", "series-create", "agenda"}
        address = url(page, pilot, session.pk) if needs_session else url(page, pilot)
        expected = 200 if page in ALLOWED.get(role, set()) else 404
        assert client.get(address).status_code == expected, (role, page)


def test_a_session_of_another_pilot_is_404_even_for_its_own_address(pilot, other_pilot, client_for):
    foreign = SessionFactory(proeftuin=other_pilot.proeftuin)
    client = client_for(pilot.coach)
    assert client.get(url("session-detail", pilot, foreign.pk)).status_code == 404
    assert client.get(url("attendance", pilot, foreign.pk)).status_code == 404


def test_the_director_sees_counts_but_no_names_of_registrations(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.register(session=session, membership=pilot.participant, response="going")
    name = pilot.participant.user.full_name
    for page in (url("session-list", pilot), url("session-detail", pilot, session.pk)):
        body = client_for(pilot.director).get(page).content.decode()
        assert "1 komt" in body or "1 van 10 bezet" in body
        assert name not in body
    assert (
        name
        in client_for(pilot.coach).get(url("session-detail", pilot, session.pk)).content.decode()
    )


def test_a_director_cannot_answer_for_a_session(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.director).post(
        url("answer", pilot, session.pk), {"response": "going"}
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


# ---- planning ---------------------------------------------------------------------------------


def test_the_coach_plans_a_session_from_the_form(pilot, client_for):
    response = client_for(pilot.coach).post(url("session-create", pilot), session_form())
    assert response.status_code == 302
    session = Session.objects.get()
    assert timezone.localtime(session.starts_at, AMSTERDAM).strftime("%H:%M") == "12:00"
    assert session.capacity == 8


def test_a_session_form_ending_before_it_starts_shows_the_error_on_the_end_time(pilot, client_for):
    response = client_for(pilot.coach).post(
        url("session-create", pilot), session_form(starts_time="14:00", ends_time="13:00")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_time"] == ["Het einde moet na het begin liggen."]
    assert not Session.objects.exists()


def test_a_session_form_in_the_past_shows_the_error_on_the_date(pilot, client_for):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(pilot.coach).post(
        url("session-create", pilot), session_form(on=yesterday)
    )
    assert "on" in response.context["form"].errors
    assert not Session.objects.exists()


def test_a_session_needs_a_place_or_an_online_link(pilot, client_for):
    response = client_for(pilot.coach).post(url("session-create", pilot), session_form(location=""))
    assert "location" in response.context["form"].errors
    assert not Session.objects.exists()


def test_the_coach_plans_six_first_tuesdays_in_one_step(pilot, client_for):
    data = session_form(
        week_of_month="1",
        weekday_index="1",
        first_on=date(timezone.localdate().year + 1, 1, 1).isoformat(),
        count="6",
    )
    response = client_for(pilot.coach).post(url("series-create", pilot), data)
    assert response.status_code == 302
    sessions = Session.objects.order_by("starts_at")
    assert sessions.count() == 6
    assert all(timezone.localtime(s.starts_at, AMSTERDAM).weekday() == 1 for s in sessions)


def test_a_new_series_names_the_coach_who_plans_it_as_facilitator(pilot, client_for):
    page = client_for(pilot.coach).get(url("series-create", pilot)).content.decode()
    name = pilot.coach.user.display_name
    assert (
        f'name="facilitator" value="{name}"' in page or f'value="{name}" name="facilitator"' in page
    )


def test_lowering_capacity_below_the_people_going_shows_an_error_on_the_form(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=3)
    for membership in (pilot.participant, pilot.other_participant):
        services.register(session=session, membership=membership, response="going")
    starts = timezone.localtime(session.starts_at)
    response = client_for(pilot.coach).post(
        url("session-edit", pilot, session.pk),
        session_form(on=starts.date().isoformat(), capacity="1", title=session.title),
    )
    assert "Er komen al 2 mensen" in response.context["form"].errors["capacity"][0]
    session.refresh_from_db()
    assert session.capacity == 3


def test_the_coach_cancels_a_session(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    client_for(pilot.coach).post(url("session-cancel", pilot, session.pk))
    session.refresh_from_db()
    assert session.is_cancelled


# ---- answering --------------------------------------------------------------------------------


def test_a_participant_signs_up_from_the_list_and_lands_back_on_the_same_card(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")
    client = client_for(pilot.participant)
    data = {"response": "going", "next": url("session-list", pilot)}
    answered = client.post(url("answer", pilot, session.pk), data)
    assert answered["Location"] == url("session-list", pilot) + f"#session-{session.pk}"

    page = client.get(answered["Location"]).content.decode()
    day = timezone.localtime(session.starts_at)
    weekday = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    assert (
        f"Opgeslagen: je komt naar AVG in de praktijk op {weekday[day.weekday()]} {day.day} "
        in page
    )
    assert f'id="session-{session.pk}"' in page
    assert "Je komt." in page
    assert Registration.objects.get().response == "going"


def test_an_answer_sent_by_htmx_comes_back_as_the_cards_answer_and_names_the_session(
    pilot, client_for
):
    session = SessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")
    client = client_for(pilot.participant)
    data = {"response": "maybe", "next": url("session-list", pilot)}
    response = client.post(url("answer", pilot, session.pk), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # only the card's part, the page stays where it was
    assert f'<div class="session-answer" id="answer-{session.pk}">' in html
    assert "Je komt misschien." in html
    assert f'id="answer-status-{session.pk}" hx-swap-oob="innerHTML"' in html
    assert "Opgeslagen: je komt misschien naar AVG in de praktijk op" in html
    assert Registration.objects.get().response == "maybe"
    # The message was said in the card; it does not turn up again on the next page.
    assert "Opgeslagen" not in client.get(url("session-list", pilot)).content.decode()


def test_a_refused_answer_by_htmx_says_why_in_the_card_and_saves_nothing(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.participant).post(
        url("answer", pilot, session.pk), {"response": "soon"}, HTTP_HX_REQUEST="true"
    )
    assert "Kies ik kom, misschien of ik kom niet." in response.content.decode()
    assert 'class="message message-error"' in response.content.decode()
    assert not Registration.objects.exists()


def test_a_session_under_way_offers_no_answer_buttons_and_says_it_is_under_way(pilot, client_for):
    now = timezone.now()
    SessionFactory(
        proeftuin=pilot.proeftuin,
        title="Datagedreven werken",
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=90),
    )
    for page in (
        url("session-list", pilot),
        reverse("learning:dashboard", args=[pilot.proeftuin.pk]),
    ):
        html = client_for(pilot.participant).get(page).content.decode()
        assert "Datagedreven werken" in html
        assert "nu bezig" in html
        assert url("answer", pilot, Session.objects.get().pk) not in html


def test_a_participant_on_a_full_session_is_told_about_the_waiting_list(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=1)
    services.register(session=session, membership=pilot.other_participant, response="going")
    response = client_for(pilot.participant).post(
        url("answer", pilot, session.pk), {"response": "going"}, follow=True
    )
    assert "wachtlijst" in response.content.decode()
    assert Registration.objects.get(membership=pilot.participant).waiting


def test_a_next_address_outside_the_pilot_is_ignored(pilot, client_for):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.participant).post(
        url("answer", pilot, session.pk), {"response": "maybe", "next": "https://evil.example/"}
    )
    assert response["Location"] == url("session-detail", pilot, session.pk)


# ---- attendance and feedback ------------------------------------------------------------------


def test_the_coach_marks_attendance_with_checkboxes(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    client = client_for(pilot.coach)
    page = client.get(url("attendance", pilot, session.pk)).content.decode()
    assert shows(page, pilot.participant.user.full_name)
    client.post(url("attendance", pilot, session.pk), {"present": [pilot.participant.pk]})
    assert LearningActivity.objects.get().membership == pilot.participant
    assert Attendance.objects.filter(state="absent").count() == 2

    client.post(url("attendance", pilot, session.pk), {"present": []})
    assert not LearningActivity.objects.exists()


def test_attendance_for_someone_of_another_pilot_is_an_error_and_writes_nothing(
    pilot, other_pilot, client_for
):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    response = client_for(pilot.coach).post(
        url("attendance", pilot, session.pk),
        {"present": [pilot.participant.pk, other_pilot.participant.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["present"]
    assert not Attendance.objects.exists()
    assert not LearningActivity.objects.exists()


def test_an_attendee_gives_feedback_and_the_coach_sees_it_only_in_aggregate(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    people = [pilot.participant, pilot.other_participant, pilot.third_participant]
    services.set_attendance(session=session, present=[m.pk for m in people])
    coach_page = url("session-detail", pilot, session.pk)

    for number, membership in enumerate(people[:2], start=3):
        client_for(membership).post(
            url("feedback", pilot, session.pk),
            {"usefulness": str(number), "improvement": f"Meer oefenen {number}"},
        )
    body = client_for(pilot.coach).get(coach_page).content.decode()
    assert "Meer oefenen" not in body  # two answers: below the minimum group size of three

    client_for(people[2]).post(
        url("feedback", pilot, session.pk), {"usefulness": "5", "improvement": ""}
    )
    body = client_for(pilot.coach).get(coach_page).content.decode()
    assert SessionFeedback.objects.count() == 3
    assert "3 antwoorden" in body
    assert "gemiddeld 4.0 van 5" in body or "gemiddeld 4,0 van 5" in body
    assert "Meer oefenen 3" in body and "Meer oefenen 4" in body


def test_someone_who_was_not_there_gets_no_feedback_form(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[], absent=[pilot.participant.pk])
    assert client_for(pilot.participant).get(url("feedback", pilot, session.pk)).status_code == 404


# ---- partials on the home pages and query counts ----------------------------------------------


def test_the_coach_home_shows_sessions_awaiting_attendance(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin, title="Nog aanvinken")
    body = client_for(pilot.coach).get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert "Nog aanvinken" in body.content.decode()
    services.set_attendance(session=session, present=[pilot.participant.pk])
    body = client_for(pilot.coach).get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert "Nog aanvinken" not in body.content.decode()


def test_the_upcoming_sessions_tag_shows_my_answer_and_a_quick_answer_form(pilot, rf):
    from django.template import Context, Template

    session = SessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")
    services.register(session=session, membership=pilot.participant, response="maybe")
    request = rf.get("/")
    html = Template("{% load workshops %}{% upcoming_sessions membership %}").render(
        Context({"membership": pilot.participant, "request": request})
    )
    assert "AVG in de praktijk" in html
    assert "Je komt misschien." in html
    assert url("answer", pilot, session.pk) in html


def _many_sessions(pilot, count):
    for _n in range(count):
        session = SessionFactory(proeftuin=pilot.proeftuin)
        for membership in ParticipantFactory.create_batch(2, proeftuin=pilot.proeftuin):
            services.register(session=session, membership=membership, response="going")


@pytest.mark.parametrize("role", ["participant", "coach"])
def test_the_session_list_takes_the_same_queries_for_few_or_many_sessions(
    role, pilot, client_for, django_assert_max_num_queries
):
    client = client_for(getattr(pilot, role))
    _many_sessions(pilot, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url("session-list", pilot))
    _many_sessions(pilot, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("session-list", pilot))
    assert response.status_code == 200


def test_the_feedback_form_asks_the_two_questions(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[pilot.participant.pk])
    client = client_for(pilot.participant)
    detail = client.get(url("session-detail", pilot, session.pk)).content.decode()
    assert url("feedback", pilot, session.pk) in detail
    body = client.get(url("feedback", pilot, session.pk)).content.decode()
    assert "Hoe nuttig was het?" in body
    assert "Eén ding om te verbeteren" in body


def test_feedback_without_a_score_is_a_form_error(pilot, client_for):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[pilot.participant.pk])
    response = client_for(pilot.participant).post(
        url("feedback", pilot, session.pk), {"improvement": "Korter"}
    )
    assert "usefulness" in response.context["form"].errors
    assert not SessionFeedback.objects.exists()

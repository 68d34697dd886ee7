"""The e-mails about a session, composed by the real path: a service call, a sweep, the outbox."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from notifications import services as notifications
from notifications.models import Rule
from tests.factories import SessionFactory
from workshops import services
from workshops.models import Registration

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
# Tuesday 9 March 2027, 12:00-13:00 in Amsterdam (CET, UTC+1).
STARTS = datetime(2027, 3, 9, 11, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def lecture(pilot, clock):
    pilot.proeftuin.starts_on, pilot.proeftuin.ends_on = date(2026, 9, 1), date(2027, 12, 31)
    pilot.proeftuin.save(update_fields=["starts_on", "ends_on"])
    user = pilot.participant.user
    user.full_name = "Sanne de Vries"
    user.save(update_fields=["full_name"])
    session = SessionFactory(
        proeftuin=pilot.proeftuin,
        title="AVG in de praktijk",
        location="Zaal 2",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=1),
    )
    services.register(
        session=session, membership=pilot.participant, response=Registration.Response.GOING
    )
    return session


def english(membership):
    membership.user.language = "en"
    membership.user.save(update_fields=["language"])


def sent_mail(rule=Rule.SESSION_CHANGED):
    """The one mail of `rule` a sweep sends (the pilot's other reminders are not asked about)."""
    notifications.sweep()
    [message] = [m for m in mail.outbox if f".{rule}@" in m.extra_headers["Message-ID"]]
    return message


def footer_nl():
    return (
        "--\n"
        "Je krijgt deze herinnering van de proeftuin datagedreven werken.\n"
        f"Kies welke herinneringen je krijgt: {settings.SITE_URL}/meldingen/instellingen/\n\n"
    )


def footer_en():
    return (
        "--\n"
        "You are receiving this reminder from the data-driven working pilot.\n"
        f"Choose which reminders you receive: {settings.SITE_URL}/meldingen/instellingen/\n\n"
    )


def test_a_cancelled_session_mail_names_the_session_once_with_one_prefix(pilot, lecture):
    services.cancel_session(session=lecture)
    message = sent_mail()
    assert message.subject == "Geannuleerd: AVG in de praktijk"
    assert message.body == (
        "Hallo Sanne de Vries,\n\n"
        'De bijeenkomst "AVG in de praktijk" van dinsdag 9 maart om 12:00 gaat niet door.\n'
        f"\n{settings.SITE_URL}/p/{pilot.proeftuin.pk}/bijeenkomsten/{lecture.pk}/\n\n"
        + footer_nl()
    )


def test_a_cancelled_session_mail_is_in_english_for_an_english_reader(pilot, lecture):
    english(pilot.participant)
    services.cancel_session(session=lecture)
    message = sent_mail()
    assert message.subject == "Cancelled: AVG in de praktijk"
    assert message.body == (
        "Hello Sanne de Vries,\n\n"
        'The session "AVG in de praktijk" on Tuesday 9 March at 12:00 has been cancelled.\n'
        f"\n{settings.SITE_URL}/p/{pilot.proeftuin.pk}/bijeenkomsten/{lecture.pk}/\n\n"
        + footer_en()
    )


def move_an_hour_later(session):
    services.update_session(
        session=session,
        details=services.SessionDetails(
            kind=session.kind, title=session.title, location=session.location, capacity=10
        ),
        starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1),
    )


def test_a_moved_session_mail_gives_the_new_time_with_one_prefix(pilot, lecture):
    move_an_hour_later(lecture)
    message = sent_mail()
    assert message.subject == "Gewijzigd: AVG in de praktijk"
    assert message.body == (
        "Hallo Sanne de Vries,\n\n"
        'De bijeenkomst "AVG in de praktijk" is verplaatst naar dinsdag 9 maart, '
        "13:00 tot 14:00.\n"
        "Plaats: Zaal 2\n"
        f"\n{settings.SITE_URL}/p/{pilot.proeftuin.pk}/bijeenkomsten/{lecture.pk}/\n\n"
        + footer_nl()
    )


def test_a_moved_session_mail_is_in_english_for_an_english_reader(pilot, lecture):
    english(pilot.participant)
    move_an_hour_later(lecture)
    message = sent_mail()
    assert message.subject == "Changed: AVG in de praktijk"
    assert message.body == (
        "Hello Sanne de Vries,\n\n"
        'The session "AVG in de praktijk" has been moved to Tuesday 9 March, 13:00 to 14:00.\n'
        "Location: Zaal 2\n"
        f"\n{settings.SITE_URL}/p/{pilot.proeftuin.pk}/bijeenkomsten/{lecture.pk}/\n\n"
        + footer_en()
    )


def test_the_offer_mail_holds_the_seat_until_a_time_with_two_answer_links(pilot, lecture):
    lecture.capacity = 1
    lecture.save(update_fields=["capacity"])
    services.register(
        session=lecture, membership=pilot.other_participant, response=Registration.Response.GOING
    )
    services.register(
        session=lecture, membership=pilot.participant, response=Registration.Response.NOT_GOING
    )
    message = sent_mail(Rule.SESSION_OFFER)
    assert message.to == [pilot.other_participant.user.email]
    assert message.subject == "Er is een plek vrij: AVG in de praktijk"
    assert (
        'Er is een plek vrijgekomen bij "AVG in de praktijk" op dinsdag 9 maart om 12:00.'
        in message.body
    )
    # 24 hours after 1 March 09:00 Amsterdam time.
    assert "We houden de plek vast tot dinsdag 2 maart om 09:00." in message.body
    assert f"Ik neem de plek: {settings.SITE_URL}/bijeenkomsten/aanbod/" in message.body
    assert f"Ik kan toch niet: {settings.SITE_URL}/bijeenkomsten/aanbod/" in message.body


def test_the_feedback_mail_asks_about_the_session_by_its_title(pilot, lecture, clock):
    clock.move_to(STARTS + timedelta(hours=2))
    services.set_attendance(session=lecture, present=[pilot.participant.pk])
    message = sent_mail(Rule.SESSION_FEEDBACK)
    assert message.subject == 'Hoe was "AVG in de praktijk"? Twee korte vragen'
    assert message.body.startswith(
        "Hallo Sanne de Vries,\n\n"
        'Bedankt dat je erbij was bij "AVG in de praktijk". Wil je twee korte vragen '
        "beantwoorden?"
    )
    feedback_url = (
        f"{settings.SITE_URL}/p/{pilot.proeftuin.pk}/bijeenkomsten/{lecture.pk}/feedback/"
    )
    assert f"\n{feedback_url}\n" in message.body

"""Colleagues outside the pilot sign up as guests by an e-mail link, without an account."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Reminder, Rule
from tests.factories import SessionFactory
from workshops import services, tasks, tokens
from workshops.models import Guest, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the sign-up throttle counts in the cache; each test starts at zero


@pytest.fixture
def open_session(pilot):
    session = SessionFactory(
        proeftuin=pilot.proeftuin,
        title="AVG in de praktijk",
        capacity=2,
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=1),
    )
    return services.set_open_to_colleagues(session=session, is_open=True)


def sign_up_path(session):
    return reverse("workshops:guest-sign-up", kwargs={"token": tokens.sign_up_token(session.pk)})


def guest_path(guest):
    return reverse("workshops:guest", kwargs={"token": tokens.guest_token(guest.pk)})


def sign_up(client, session, name="Mila Jansen", email="mila@gemeente.example"):
    return client.post(sign_up_path(session), {"name": name, "email": email})


def guest_ids_linked_in(body):
    """The guests whose own page a mail links to (tokens carry a timestamp, so not by text)."""
    found = re.findall(r"/gast/([^/\s]+)/", body)
    return {tokens.read_guest_token(token) for token in found if not token.startswith("aanm")}


def mails_of(rule):
    return [m for m in mail.outbox if f".{rule}@" in m.extra_headers["Message-ID"]]


def test_a_colleague_signs_up_and_gets_a_confirmation_mail_with_their_own_link(
    client, open_session
):
    page = sign_up(client, open_session)
    assert "we hebben je een mail gestuurd" in page.content.decode()
    guest = Guest.objects.get()
    assert guest.confirmed_at is None
    notifications.sweep()
    [message] = mails_of(Rule.GUEST_CONFIRM)
    assert message.to == ["mila@gemeente.example"]
    assert message.subject == "Bevestig je aanmelding: AVG in de praktijk"
    assert guest_ids_linked_in(message.body) == {guest.pk}
    assert "Hallo Mila Jansen," in message.body


def test_the_sign_up_page_says_what_is_kept_and_for_how_long(client, open_session):
    page = client.get(sign_up_path(open_session)).content.decode()
    assert "Alleen je naam en je e-mailadres" in page
    assert "Dertig dagen na de bijeenkomst wissen we je aanmelding" in page


def test_confirming_by_the_link_takes_a_seat_and_a_second_confirm_changes_nothing(
    client, open_session
):
    sign_up(client, open_session)
    guest = Guest.objects.get()
    page = client.post(guest_path(guest), {"action": "confirm"})
    assert "Je aanmelding is bevestigd." in page.content.decode()
    first = Guest.objects.get().confirmed_at
    client.post(guest_path(guest), {"action": "confirm"})
    assert Guest.objects.get().confirmed_at == first
    assert services._taken_seats(open_session) == 1


def test_opening_the_guest_link_confirms_nothing_by_itself(client, open_session):
    sign_up(client, open_session)
    client.get(guest_path(Guest.objects.get()))
    assert Guest.objects.get().confirmed_at is None


def test_guests_count_against_the_capacity(client, pilot, open_session):
    for number in (1, 2):
        sign_up(client, open_session, email=f"gast{number}@gemeente.example")
    for guest in Guest.objects.all():
        services.confirm_guest(guest_id=guest.pk)
    registration = services.register(
        session=open_session, membership=pilot.participant, response=Registration.Response.GOING
    )
    assert registration.waiting
    full = sign_up(client, open_session, email="gast3@gemeente.example")
    assert "Deze bijeenkomst is vol." in full.content.decode()
    assert Guest.objects.count() == 2


def test_a_guest_who_cancels_frees_the_seat_for_the_waiting_list(client, pilot, open_session):
    open_session.capacity = 1
    open_session.save(update_fields=["capacity"])
    sign_up(client, open_session)
    guest = Guest.objects.get()
    services.confirm_guest(guest_id=guest.pk)
    services.register(
        session=open_session, membership=pilot.participant, response=Registration.Response.GOING
    )
    page = client.post(guest_path(guest), {"action": "cancel"})
    assert "Je bent afgemeld." in page.content.decode()
    assert Reminder.objects.filter(
        rule=Rule.SESSION_OFFER, recipient=pilot.participant.user
    ).exists()


def test_a_confirmed_guest_downloads_the_calendar_file(client, open_session):
    sign_up(client, open_session)
    guest = Guest.objects.get()
    path = reverse("workshops:guest-ics", kwargs={"token": tokens.guest_token(guest.pk)})
    assert client.get(path).status_code == 404  # not before confirming
    services.confirm_guest(guest_id=guest.pk)
    response = client.get(path)
    assert response["Content-Type"] == "text/calendar"
    assert b"SUMMARY:AVG in de praktijk" in response.content


def test_a_confirmed_guest_gets_the_session_reminder_once(client, open_session):
    sign_up(client, open_session)
    guest = Guest.objects.get()
    services.confirm_guest(guest_id=guest.pk)
    with time_machine.travel(open_session.starts_at - timedelta(hours=2), tick=False):
        notifications.sweep()
        notifications.sweep()
    reminders = mails_of(Rule.SESSION_SOON)
    assert [m.to for m in reminders] == [["mila@gemeente.example"]]
    assert reminders[0].attachments[0][0] == f"bijeenkomst-{open_session.pk}.ics"
    assert guest_ids_linked_in(reminders[0].body) == {guest.pk}


def test_a_guest_who_cancelled_gets_no_reminder(client, open_session):
    sign_up(client, open_session)
    guest = Guest.objects.get()
    services.confirm_guest(guest_id=guest.pk)
    services.cancel_guest(guest_id=guest.pk)
    with time_machine.travel(open_session.starts_at - timedelta(hours=2), tick=False):
        notifications.sweep()
    assert not mails_of(Rule.SESSION_SOON)


def test_guests_are_erased_30_days_after_the_session_by_the_daily_task(client, open_session):
    sign_up(client, open_session)
    guest = Guest.objects.get()
    notifications.sweep()
    assert Reminder.objects.filter(guest=guest).exists()
    with time_machine.travel(open_session.ends_at + timedelta(days=29), tick=False):
        assert tasks.erase_past_guests() == 0
    with time_machine.travel(open_session.ends_at + timedelta(days=30, minutes=1), tick=False):
        assert tasks.erase_past_guests() == 1
    assert not Guest.objects.exists()
    assert not Reminder.objects.filter(rule=Rule.GUEST_CONFIRM).exists()
    erased = client.get(guest_path(guest))
    assert erased.status_code == 404
    assert "Deze aanmelding bestaat niet (meer)." in erased.content.decode()


def test_a_guest_link_shows_only_their_own_sign_up(client, pilot, open_session):
    sign_up(client, open_session, name="Mila Jansen", email="mila@gemeente.example")
    sign_up(client, open_session, name="Ravi Pinas", email="ravi@gemeente.example")
    mila = Guest.objects.get(name="Mila Jansen")
    page = client.get(guest_path(mila)).content.decode()
    assert "Mila Jansen" in page
    assert "Ravi Pinas" not in page
    assert pilot.participant.user.full_name not in page
    # The link is no key to the pilot's pages.
    detail = reverse("workshops:session-detail", args=[pilot.proeftuin.pk, open_session.pk])
    assert client.get(detail).status_code == 302


def test_a_guest_link_of_another_kind_or_altered_gives_a_clear_page_and_changes_nothing(
    client, open_session
):
    sign_up(client, open_session)
    guest = Guest.objects.get()
    wrong_kind = reverse("workshops:guest", kwargs={"token": tokens.sign_up_token(guest.pk)})
    altered = guest_path(guest)[:-3] + "zz/"
    for path in (wrong_kind, altered):
        page = client.post(path, {"action": "confirm"})
        assert page.status_code == 404
        assert "Deze link klopt niet of werkt niet meer." in page.content.decode()
    assert Guest.objects.get().confirmed_at is None


def test_the_sign_up_form_names_the_field_at_fault(client, open_session):
    page = sign_up(client, open_session, name=" ", email="geen-adres").content.decode()
    assert page.count('class="field field-error"') == 2
    assert not Guest.objects.exists()


def test_a_name_that_turns_the_text_around_is_refused_on_the_name_field(client, open_session):
    page = sign_up(client, open_session, name="Mila \u202egnp.exe").content.decode()
    assert "leesrichting omdraait" in page
    assert page.count('class="field field-error"') == 1
    assert not Guest.objects.exists()


def test_a_second_sign_up_with_an_address_does_not_tell_whether_it_signed_up(client, open_session):
    """Whoever holds the coach's link learns nothing of who signed up: the page answers as for
    a new address, and only the address's owner hears of it, with their own link again."""

    def without_tokens(page) -> str:  # the form's CSRF token and the language switch's link
        return re.sub(r'value="[^"]*"', "", page.content.decode())

    first = sign_up(client, open_session)
    again = sign_up(client, open_session, name="Iemand Anders", email="MILA@gemeente.example")
    assert again.status_code == first.status_code == 200
    assert without_tokens(again) == without_tokens(first)
    assert Guest.objects.count() == 1
    notifications.sweep()
    guest = Guest.objects.get()
    confirm, repeated = sorted(mails_of(Rule.GUEST_CONFIRM), key=lambda m: m.subject)
    assert confirm.subject == "Bevestig je aanmelding: AVG in de praktijk"
    assert repeated.subject == "Je aanmelding: AVG in de praktijk"
    assert repeated.to == ["mila@gemeente.example"]
    assert "Je stond al aangemeld" in repeated.body
    assert "Hallo Mila Jansen," in repeated.body
    assert guest_ids_linked_in(repeated.body) == {guest.pk}


def test_the_link_asked_for_again_goes_out_at_most_once_a_day(client, open_session):
    for _attempt in range(4):
        sign_up(client, open_session)
    notifications.sweep()
    assert len(mails_of(Rule.GUEST_CONFIRM)) == 2
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        sign_up(client, open_session)
        notifications.sweep()
    assert len(mails_of(Rule.GUEST_CONFIRM)) == 3


def test_a_confirmed_guest_who_signs_up_again_gets_their_link_again(client, open_session):
    sign_up(client, open_session)
    notifications.sweep()
    services.confirm_guest(guest_id=Guest.objects.get().pk)
    sign_up(client, open_session)
    notifications.sweep()
    [_confirm, repeated] = mails_of(Rule.GUEST_CONFIRM)
    assert "Je stond al aangemeld" in repeated.body


def test_the_link_asked_for_again_in_english_is_english(client, open_session):
    sign_up(client, open_session)
    Guest.objects.update(language="en")
    sign_up(client, open_session)
    notifications.sweep()
    [repeated] = [m for m in mails_of(Rule.GUEST_CONFIRM) if "again" in m.body]
    assert repeated.subject == "Your sign-up: AVG in de praktijk"
    assert "You were already signed up" in repeated.body


def test_the_sign_up_page_is_rate_limited_per_address(client, open_session):
    for number in range(10):
        sign_up(client, open_session, email=f"gast{number}@gemeente.example")
    page = sign_up(client, open_session, email="nog-een@gemeente.example")
    assert page.status_code == 429
    assert "Te veel aanmeldingen" in page.content.decode()


def test_a_session_closed_to_colleagues_takes_no_guests(client, open_session):
    services.set_open_to_colleagues(session=open_session, is_open=False)
    page = sign_up(client, open_session)
    assert page.status_code == 404
    assert not Guest.objects.exists()


def test_the_coach_sees_the_link_and_marks_guests_present(client_for, pilot, open_session):
    client = client_for(pilot.coach)
    detail = reverse("workshops:session-detail", args=[pilot.proeftuin.pk, open_session.pk])
    assert "/gast/aanmelden/" in client.get(detail).content.decode()
    guest = services.sign_up_guest(
        session_id=open_session.pk, name="Mila Jansen", email="mila@gemeente.example"
    )
    services.confirm_guest(guest_id=guest.pk)
    # The session took place (moved into the past without a service: nobody is told).
    type(open_session).objects.filter(pk=open_session.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    client.post(
        reverse("workshops:session-guests", args=[pilot.proeftuin.pk, open_session.pk]),
        {"action": "present", "guests": [guest.pk]},
    )
    assert Guest.objects.get().present is True


def test_the_guest_pages_speak_english_when_english_is_chosen(client, open_session):
    client.cookies["django_language"] = "en"
    page = client.get(sign_up_path(open_session)).content.decode()
    assert "What we keep about you" in page


def test_a_confirmed_guest_hears_when_the_session_is_cancelled(client, open_session):
    sign_up(client, open_session)
    services.confirm_guest(guest_id=Guest.objects.get().pk)
    services.cancel_session(session=open_session)
    notifications.sweep()
    [message] = mails_of(Rule.SESSION_CHANGED)
    assert message.to == ["mila@gemeente.example"]
    assert message.subject == "Geannuleerd: AVG in de praktijk"


def test_guests_who_came_count_in_the_directors_figures_also_after_they_are_erased(
    client_for, pilot, open_session
):
    from proeftuin import overview

    for name, email in [("Mila Jansen", "mila@gemeente.example"), ("Ravi Pinas", "ravi@x.example")]:
        guest = services.sign_up_guest(session_id=open_session.pk, name=name, email=email)
        services.confirm_guest(guest_id=guest.pk)
    type(open_session).objects.filter(pk=open_session.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=2)
    )
    open_session.refresh_from_db()
    came = Guest.objects.get(name="Mila Jansen")
    services.mark_guests_present(session=open_session, present=[came.pk])

    period = overview.period_for(pilot.proeftuin, today=timezone.localdate())

    def guests_in_overview() -> int:
        return overview.build(proeftuin=pilot.proeftuin, period=period).guests_present

    assert guests_in_overview() == 1
    page = client_for(pilot.director).get(reverse("proeftuin:overview", args=[pilot.proeftuin.pk]))
    assert "Gasten van buiten de proeftuin" in page.content.decode()
    with time_machine.travel(open_session.ends_at + timedelta(days=31), tick=False):
        assert services.erase_past_guests() == 2
        assert guests_in_overview() == 1

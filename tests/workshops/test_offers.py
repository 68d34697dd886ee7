"""A free seat is offered to the first person waiting; the offer is answered once, or expires."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Reminder, Rule
from tests.factories import SessionFactory
from workshops import emails, services, tokens
from workshops.models import Registration, WaitingOffer

pytestmark = pytest.mark.django_db

GOING = Registration.Response.GOING
NOT_GOING = Registration.Response.NOT_GOING


@pytest.fixture
def full(pilot):
    """A session with one seat: the participant has it, two others wait in turn."""
    session = SessionFactory(
        proeftuin=pilot.proeftuin,
        capacity=1,
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=1),
    )
    services.register(session=session, membership=pilot.participant, response=GOING)
    services.register(session=session, membership=pilot.other_participant, response=GOING)
    services.register(session=session, membership=pilot.third_participant, response=GOING)
    return session


def registration(membership):
    return Registration.objects.get(membership=membership)


def free_the_seat(pilot, session):
    services.register(session=session, membership=pilot.participant, response=NOT_GOING)


def test_a_freed_seat_is_offered_to_the_first_waiting_and_nobody_moves_up_by_themselves(
    pilot, full
):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    assert offer.registration == registration(pilot.other_participant)
    assert registration(pilot.other_participant).waiting
    assert registration(pilot.third_participant).waiting
    reminder = Reminder.objects.get(rule=Rule.SESSION_OFFER)
    assert reminder.recipient == pilot.other_participant.user


def test_an_offer_expires_after_24_hours(pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    assert offer.expires_at - offer.created_at == timedelta(hours=24)


def test_an_offer_made_close_to_the_start_expires_at_the_start(pilot, full):
    full.starts_at = timezone.now() + timedelta(hours=3)
    full.ends_at = full.starts_at + timedelta(hours=1)
    full.save(update_fields=["starts_at", "ends_at"])
    free_the_seat(pilot, full)
    assert WaitingOffer.objects.get().expires_at == full.starts_at


def test_a_newcomer_cannot_take_a_seat_held_by_an_offer(pilot, full):
    free_the_seat(pilot, full)
    again = services.register(session=full, membership=pilot.participant, response=GOING)
    assert again.waiting


def test_accepting_takes_the_seat_once(pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    services.accept_offer(offer_id=offer.pk)
    assert not registration(pilot.other_participant).waiting
    with pytest.raises(services.OfferClosed):
        services.accept_offer(offer_id=offer.pk)
    offer.refresh_from_db()
    assert offer.state == WaitingOffer.State.ACCEPTED
    assert registration(pilot.third_participant).waiting
    assert WaitingOffer.objects.count() == 1


def test_declining_passes_the_seat_to_the_next_and_takes_you_off_the_list(pilot, full):
    free_the_seat(pilot, full)
    first = WaitingOffer.objects.get()
    services.decline_offer(offer_id=first.pk)
    assert registration(pilot.other_participant).response == NOT_GOING
    second = WaitingOffer.objects.get(state=WaitingOffer.State.OPEN)
    assert second.registration == registration(pilot.third_participant)
    assert Reminder.objects.filter(
        rule=Rule.SESSION_OFFER, recipient=pilot.third_participant.user
    ).exists()


def test_an_unanswered_offer_expires_in_the_sweep_and_passes_on_once(pilot, full):
    free_the_seat(pilot, full)
    first = WaitingOffer.objects.get()
    with time_machine.travel(first.expires_at + timedelta(minutes=1), tick=False):
        notifications.sweep()
        notifications.sweep()
        assert services.expire_offers(now=timezone.now()) == 0
    first.refresh_from_db()
    assert first.state == WaitingOffer.State.EXPIRED
    assert not registration(pilot.other_participant).waiting
    assert registration(pilot.other_participant).response == NOT_GOING
    [second] = WaitingOffer.objects.filter(state=WaitingOffer.State.OPEN)
    assert second.registration == registration(pilot.third_participant)
    assert Reminder.objects.filter(rule=Rule.SESSION_OFFER).count() == 2


def test_accepting_after_expiry_takes_no_seat(pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    with (
        time_machine.travel(offer.expires_at + timedelta(seconds=1), tick=False),
        pytest.raises(services.OfferClosed),
    ):
        services.accept_offer(offer_id=offer.pk)
    assert registration(pilot.other_participant).waiting


def test_leaving_the_list_with_a_seat_on_offer_passes_it_on(pilot, full):
    free_the_seat(pilot, full)
    services.register(session=full, membership=pilot.other_participant, response=NOT_GOING)
    [offer] = WaitingOffer.objects.filter(state=WaitingOffer.State.OPEN)
    assert offer.registration == registration(pilot.third_participant)


def test_raising_the_capacity_offers_the_new_seat(pilot, full):
    services.update_session(
        session=full,
        details=services.SessionDetails(kind=full.kind, title=full.title, capacity=2),
        starts_at=full.starts_at,
        ends_at=full.ends_at,
    )
    assert WaitingOffer.objects.get().registration == registration(pilot.other_participant)


def test_a_seat_given_away_meanwhile_is_not_taken_by_an_old_offer(pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    # The coach lets someone else have the seat (a correction in the admin, say).
    Registration.objects.filter(membership=pilot.participant).update(response=GOING)
    with pytest.raises(services.OfferClosed):
        services.accept_offer(offer_id=offer.pk)
    assert registration(pilot.other_participant).waiting


# ---- the links of the mail ---------------------------------------------------------------------


def offer_path(offer, action):
    return reverse("workshops:offer", kwargs={"token": tokens.offer_token(offer.pk, action)})


def test_opening_the_accept_link_asks_first_and_the_button_takes_the_seat(client, pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    page = client.get(offer_path(offer, tokens.ACCEPT))
    assert page.status_code == 200
    assert "Ja, ik neem de plek" in page.content.decode()
    assert registration(pilot.other_participant).waiting  # a link checker takes no seat
    done = client.post(offer_path(offer, tokens.ACCEPT))
    assert "Gelukt: de plek is van jou." in done.content.decode()
    assert not registration(pilot.other_participant).waiting


def test_an_accept_link_used_twice_says_so_and_changes_nothing(client, pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    client.post(offer_path(offer, tokens.DECLINE))
    again = client.post(offer_path(offer, tokens.ACCEPT))
    assert again.status_code == 409
    body = again.content.decode()
    assert "Je hebt dit aanbod al afgeslagen" in body
    assert "Er is niets veranderd." in body
    assert registration(pilot.other_participant).response == NOT_GOING


def test_an_expired_link_gives_a_clear_page(client, pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    with time_machine.travel(offer.expires_at + timedelta(minutes=1), tick=False):
        page = client.get(offer_path(offer, tokens.ACCEPT))
        pressed = client.post(offer_path(offer, tokens.ACCEPT))
    assert page.status_code == pressed.status_code == 409
    assert "Dit aanbod is verlopen" in pressed.content.decode()
    assert registration(pilot.other_participant).waiting


def test_an_altered_link_gives_a_clear_page_in_english_too(client, pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    page = client.post(offer_path(offer, tokens.ACCEPT)[:-3] + "xy/")
    assert page.status_code == 404
    assert "Deze link klopt niet" in page.content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(offer_path(offer, tokens.ACCEPT)[:-3] + "xy/")
    assert "This link is not right" in english.content.decode()
    assert registration(pilot.other_participant).waiting


def test_the_person_offered_a_seat_can_take_it_on_the_session_page(client_for, pilot, full):
    free_the_seat(pilot, full)
    client = client_for(pilot.other_participant)
    page = client.get(reverse("workshops:session-detail", args=[pilot.proeftuin.pk, full.pk]))
    assert "Er is een plek voor je vrij." in page.content.decode()
    client.post(
        reverse("workshops:offer-answer", args=[pilot.proeftuin.pk, full.pk]),
        {"answer": "accept"},
    )
    assert not registration(pilot.other_participant).waiting


def test_someone_else_cannot_answer_an_offer_on_the_session_page(client_for, pilot, full):
    free_the_seat(pilot, full)
    client_for(pilot.third_participant).post(
        reverse("workshops:offer-answer", args=[pilot.proeftuin.pk, full.pk]),
        {"answer": "accept"},
    )
    assert registration(pilot.third_participant).waiting
    assert WaitingOffer.objects.get().state == WaitingOffer.State.OPEN


def test_the_offer_mail_is_sent_once_and_not_after_an_answer(pilot, full):
    free_the_seat(pilot, full)
    services.accept_offer(offer_id=WaitingOffer.objects.get().pk)
    notifications.sweep()
    assert not [m for m in mail.outbox if ".session_offer@" in m.extra_headers["Message-ID"]]


def test_the_offer_links_in_the_context_lead_to_the_offer(pilot, full):
    free_the_seat(pilot, full)
    offer = WaitingOffer.objects.get()
    context = emails.offer_context(full, offer)
    token = context["accept_url"].rstrip("/").rsplit("/", 1)[1]
    assert tokens.read_offer_token(token) == (offer.pk, tokens.ACCEPT)

import threading
import time

import pytest
from django.db import connection, connections

from tests.factories import ParticipantFactory, ProeftuinFactory, SessionFactory
from workshops import services
from workshops.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks all)"
    ),
]


def test_parallel_sign_ups_never_fill_more_seats_than_the_session_has(monkeypatch):
    count_seats = services._going_count

    def slow_count(session):
        # Widen the gap between counting and writing, so a missing lock shows every time.
        seats = count_seats(session)
        time.sleep(0.05)
        return seats

    monkeypatch.setattr(services, "_going_count", slow_count)
    proeftuin = ProeftuinFactory()
    session = SessionFactory(proeftuin=proeftuin, capacity=3)
    people = ParticipantFactory.create_batch(10, proeftuin=proeftuin)
    start = threading.Barrier(len(people))
    errors = []

    def sign_up(membership):
        try:
            start.wait(timeout=30)
            services.register(session=session, membership=membership, response="going")
        except Exception as exc:  # collected and reported below; a thread cannot fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(m,)) for m in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    registrations = Registration.objects.filter(session=session)
    assert registrations.count() == 10
    assert registrations.filter(waiting_since__isnull=True).count() == 3
    assert registrations.filter(waiting_since__isnull=False).count() == 7


def test_two_accepts_of_one_offer_at_once_take_one_seat_and_one_hears_it_is_used(monkeypatch):
    from workshops.models import WaitingOffer

    count_seats = services._taken_seats

    def slow_count(session):
        seats = count_seats(session)
        time.sleep(0.05)
        return seats

    proeftuin = ProeftuinFactory()
    session = SessionFactory(proeftuin=proeftuin, capacity=1)
    first, waiting, newcomer = ParticipantFactory.create_batch(3, proeftuin=proeftuin)
    services.register(session=session, membership=first, response="going")
    services.register(session=session, membership=waiting, response="going")
    services.register(session=session, membership=first, response="not_going")
    offer = WaitingOffer.objects.get()
    monkeypatch.setattr(services, "_taken_seats", slow_count)
    start = threading.Barrier(3)
    outcomes = []

    def accept():
        try:
            start.wait(timeout=30)
            services.accept_offer(offer_id=offer.pk)
            outcomes.append("accepted")
        except services.OfferClosed:
            outcomes.append("closed")
        except Exception as exc:  # reported below; a thread cannot fail the test
            outcomes.append(exc)
        finally:
            connections.close_all()

    def sign_up():
        try:
            start.wait(timeout=30)
            registration = services.register(session=session, membership=newcomer, response="going")
            outcomes.append("waiting" if registration.waiting else "seated")
        except Exception as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept), threading.Thread(target=accept)]
    threads.append(threading.Thread(target=sign_up))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(map(str, outcomes)) == ["accepted", "closed", "waiting"]
    seated = Registration.objects.filter(
        session=session, response="going", waiting_since__isnull=True
    )
    assert [r.membership_id for r in seated] == [waiting.pk]

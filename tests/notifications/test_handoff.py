"""A sweep hands each claimed row to a send task; a hand-off that fails strands nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from notifications import services
from notifications.models import Reminder
from tests.factories import ReminderFactory

pytestmark = pytest.mark.django_db
State = Reminder.State


@pytest.fixture(autouse=True)
def _no_planners(monkeypatch):
    from notifications import registry

    monkeypatch.setattr(registry, "PLANNERS", [])


@pytest.fixture
def three_due(pilot):
    now = timezone.now()
    return [
        ReminderFactory(
            recipient=m.user, proeftuin=pilot.proeftuin, due_at=now - timedelta(minutes=i)
        )
        for i, m in enumerate([pilot.participant, pilot.other_participant, pilot.third_participant])
    ]


def test_a_hand_off_that_fails_gives_that_row_and_the_rest_back_at_once(three_due):
    handed = []

    def send(reminder_id):
        if handed:
            raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")
        handed.append(reminder_id)

    now = timezone.now()
    result = services.sweep(now=now, send=send)
    assert len(handed) == 1
    assert result.outcomes == {"queued": 1, "released": 2}
    states = dict(Reminder.objects.values_list("pk", "state"))
    assert sorted(states.values()) == [State.PENDING, State.PENDING, State.SENDING]
    assert states[handed[0]] == State.SENDING

    queued_next = []
    services.sweep(now=now, send=queued_next.append)
    assert sorted(queued_next) == sorted(set(states) - set(handed))


def test_rows_a_dying_sweep_claimed_but_never_handed_off_go_to_the_next_sweep(three_due):
    now = timezone.now()
    claimed = services.claim_due(now=now)  # ... and the sweep was killed here
    queued = []
    services.sweep(now=now + timedelta(seconds=30), send=queued.append)
    assert queued == []  # within the grace, the first sweep may still be handing them off
    services.sweep(now=now + timedelta(minutes=2), send=queued.append)
    assert sorted(queued) == sorted(claimed)


def test_rows_handed_off_wait_for_their_send_task_and_are_not_queued_twice(three_due):
    now = timezone.now()
    queued = []
    services.sweep(now=now, send=queued.append)
    services.sweep(now=now + timedelta(minutes=2), send=queued.append)
    services.sweep(now=now + timedelta(minutes=4), send=queued.append)
    assert sorted(queued) == sorted(r.pk for r in three_due)


def test_a_row_whose_try_has_begun_is_never_retaken_for_a_missing_hand_off(three_due):
    now = timezone.now()
    [first, *_rest] = services.claim_due(now=now)
    Reminder.objects.filter(pk=first).update(send_started_at=now)  # a send task is at work
    queued = []
    services.sweep(now=now + timedelta(minutes=2), send=queued.append)
    assert first not in queued

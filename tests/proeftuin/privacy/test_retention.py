from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from learning.models import LearningActivity, SkillGoal
from proeftuin import privacy
from proeftuin.models import AuditEvent, Membership, Proeftuin
from proeftuin.tasks import anonymise_expired_pilots
from tests.conftest import make_pilot
from tests.factories import ParticipantFactory, ProeftuinFactory
from tests.proeftuin.privacy.people import seed_person


def ended_pilot(months_ago: int, retention_months: int = 12):
    today = timezone.localdate()
    ends_on = today - timedelta(days=int(months_ago * 30.5))
    pilot = make_pilot(
        starts_on=ends_on - timedelta(days=365), ends_on=ends_on, retention_months=retention_months
    )
    seed_person(pilot.participant, "oud", coach=pilot.coach)
    return pilot


@pytest.mark.django_db
def test_a_pilot_past_its_retention_is_anonymised_exactly_once():
    pilot = ended_pilot(months_ago=13)
    minutes = sum(
        LearningActivity.objects.filter(membership__proeftuin=pilot.proeftuin).values_list(
            "minutes", flat=True
        )
    )
    assert privacy.anonymise_due_pilots() == [pilot.proeftuin.pk]
    assert privacy.anonymise_due_pilots() == []
    assert anonymise_expired_pilots.apply().get() == []

    events = AuditEvent.objects.filter(action=AuditEvent.Action.ANONYMISED)
    assert events.count() == 3  # one per participant, not one per run
    assert SkillGoal.objects.get(membership=pilot.participant).statement == privacy.ERASED
    assert not Membership.objects.filter(
        proeftuin=pilot.proeftuin, is_active=True, role="participant"
    ).exists()
    after = LearningActivity.objects.filter(membership__proeftuin=pilot.proeftuin)
    assert sum(after.values_list("minutes", flat=True)) == minutes
    pilot.proeftuin.refresh_from_db()
    assert pilot.proeftuin.anonymised_at is not None


@pytest.mark.django_db
def test_a_pilot_still_within_its_retention_is_left_alone():
    pilot = ended_pilot(months_ago=11)
    running = make_pilot()
    assert privacy.anonymise_due_pilots() == []
    assert SkillGoal.objects.get(membership=pilot.participant).statement == "oud-goal"
    running.proeftuin.refresh_from_db()
    assert running.proeftuin.anonymised_at is None


@pytest.mark.django_db
def test_a_second_claim_on_the_same_pilot_does_nothing():
    pilot = ended_pilot(months_ago=13)
    assert privacy.anonymise_pilot(proeftuin_id=pilot.proeftuin.pk) is True
    assert privacy.anonymise_pilot(proeftuin_id=pilot.proeftuin.pk) is False
    assert AuditEvent.objects.filter(action="anonymised").count() == 3


@pytest.mark.django_db
def test_a_participant_who_is_still_in_another_pilot_keeps_their_account():
    pilot = ended_pilot(months_ago=13)
    user = pilot.participant.user
    ParticipantFactory(user=user, proeftuin=ProeftuinFactory())
    privacy.anonymise_due_pilots()
    user.refresh_from_db()
    assert user.is_active and user.erased_at is None
    assert SkillGoal.objects.get(membership=pilot.participant).statement == privacy.ERASED
    # Their account-level data stays for the pilot they are still in.
    assert user.calendar_feeds.exists()


@pytest.mark.django_db
def test_a_participant_only_in_the_expired_pilot_loses_their_account():
    pilot = ended_pilot(months_ago=13)
    privacy.anonymise_due_pilots()
    user = pilot.participant.user
    user.refresh_from_db()
    assert user.erased_at is not None and not user.is_active


@pytest.mark.django_db
def test_the_retention_ends_on_the_same_day_so_many_months_later():
    pilot = Proeftuin(ends_on=date(2025, 1, 31), retention_months=13)
    assert privacy.retention_ends_on(pilot) == date(2026, 2, 28)
    pilot.retention_months = 0
    assert privacy.retention_ends_on(pilot) == date(2025, 1, 31)


@pytest.mark.django_db
def test_the_retention_sweep_is_in_the_beat_schedule_daily():
    task = PeriodicTask.objects.get(task="proeftuin.tasks.anonymise_expired_pilots")
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("3", "30")


@pytest.mark.worker
def test_two_sweeps_through_a_real_worker_anonymise_the_pilot_once(celery_worker_process):
    pilot = ended_pilot(months_ago=13)
    first, second = anonymise_expired_pilots.delay(), anonymise_expired_pilots.delay()
    results = [first.get(timeout=60), second.get(timeout=60)]
    assert sorted(results, key=len) == [[], [pilot.proeftuin.pk]]
    assert AuditEvent.objects.filter(action="anonymised").count() == 3

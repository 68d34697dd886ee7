from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from learning.models import LearningActivity
from workshops.models import (
    Attendance,
    Guest,
    Registration,
    Session,
    SessionFeedback,
    SessionSeries,
    WaitingOffer,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Session,
    SessionSeries,
    Registration,
    Attendance,
    SessionFeedback,
    LearningActivity,
    WaitingOffer,
    Guest,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_has_past_and_coming_sessions_and_a_second_run_changes_nothing():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert counts() == first

    now = timezone.now()
    assert Session.objects.filter(ends_at__lt=now, attendances__state="present").exists()
    assert Session.objects.filter(starts_at__gt=now + timedelta(days=60)).exists()
    assert LearningActivity.objects.filter(session__isnull=False).exists()
    assert SessionFeedback.objects.exists()
    assert Registration.objects.filter(waiting_since__isnull=False).exists()
    assert WaitingOffer.objects.filter(state=WaitingOffer.State.EXPIRED).exists()
    assert WaitingOffer.objects.filter(state=WaitingOffer.State.OPEN).exists()
    assert (
        Guest.objects.filter(confirmed_at__isnull=False, session__open_to_colleagues=True).count()
        >= 2
    )
    assert Session.objects.filter(status=Session.Status.CANCELLED).exists()
    soon = Session.objects.filter(starts_at__gt=now, starts_at__lt=now + timedelta(days=2))
    assert Registration.objects.filter(session__in=soon, response="going").exists()
    assert Session.objects.filter(title="Datagedreven werken", series__isnull=False).count() >= 6


def test_the_demo_has_a_session_with_self_check_ins_late_and_excused_marks_and_materials():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    session = Session.objects.get(title="Open data van de gemeente gebruiken")
    states = set(session.attendances.values_list("state", flat=True))
    assert {"present", "late", "excused"} <= states
    assert session.attendances.filter(checked_in_at__isnull=False).exists()
    assert session.attendances.filter(state="excused").exclude(reason="").exists()
    assert session.materials.exists()
    assert session.summary
    assert Attendance.objects.filter(state="excused", session__starts_at__gt=timezone.now())

"""The demo shows the whole cycle: baseline, ambition, plan, and a follow-up that moved."""

import pytest
from django.core.management import call_command

from proeftuin.measurement import report as reports
from proeftuin.models import MeasurementRound, PlanAction, Proeftuin

pytestmark = pytest.mark.django_db


def test_the_demo_follow_up_moved_two_dimensions_and_the_plan_has_actions_done_and_open():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    proeftuin = Proeftuin.objects.get(organisation__name="Diversion (demo)")
    follow_up = MeasurementRound.objects.get(proeftuin=proeftuin, title="Tussenmeting")
    report = reports.round_report(follow_up)
    moved = {d.dimension for d in report.dimensions if d.change_organisation.value}
    assert moved == {"data_analysis", "learning_and_change"}
    assert all(d.ambition for d in report.dimensions)
    statuses = set(PlanAction.objects.filter(proeftuin=proeftuin).values_list("status", flat=True))
    assert statuses == {"done", "open"}

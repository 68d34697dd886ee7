"""Erasing a participant leaves every figure of the pilot's history exactly as it was."""

import csv
import io
import zoneinfo
from dataclasses import fields
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from learning.models import ActivityKind, Experiment, SkillGoal
from proeftuin import overview, privacy
from proeftuin.models import Dimension, MeasurementRound
from tests import factories

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 17, 12, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS)


@pytest.fixture
def twelve():
    """Twelve participants with history in every part of the overview; the first is erased."""
    proeftuin = factories.ProeftuinFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    director = factories.DirectorFactory(proeftuin=proeftuin)
    people = [factories.ParticipantFactory(proeftuin=proeftuin) for _ in range(12)]
    kinds = [ActivityKind.READING, ActivityKind.COURSE, ActivityKind.WORKSHOP]
    for n, person in enumerate(people):
        for month in (3, 4, 5, 6):
            if (n + month) % 3:
                factories.ActivityFactory(
                    membership=person,
                    on=date(2026, month, 1 + n),
                    minutes=30 + 15 * n,
                    kind=kinds[(n + month) % 3],
                )
        factories.GoalFactory(
            membership=person,
            status=[SkillGoal.Status.ACHIEVED, SkillGoal.Status.IN_PROGRESS][n % 2],
            starts_on=date(2026, 2, 1),
            due_on=date(2026, 9, 1),
        )
        factories.ExperimentFactory(
            owner=person, status=[Experiment.Status.RUNNING, Experiment.Status.DONE][n % 2]
        )
    # Two sessions with five and six of the twelve present: 46 % on average.
    for day, present in ((date(2026, 4, 8), 5), (date(2026, 5, 13), 6)):
        session = factories.SessionFactory(
            proeftuin=proeftuin, starts_at=_at(day), ends_at=_at(day, 12)
        )
        for person in people[:present]:
            factories.AttendanceFactory(session=session, membership=person)
    baseline = factories.MeasurementRoundFactory(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=date(2026, 1, 10),
        closes_on=date(2026, 1, 24),
    )
    follow_up = factories.MeasurementRoundFactory(
        proeftuin=proeftuin, opens_on=date(2026, 5, 1), closes_on=date(2026, 5, 14)
    )
    for n, person in enumerate(people):
        for measurement_round, stage in ((baseline, 1 + n % 3), (follow_up, 2 + n % 3)):
            factories.MaturityAssessmentFactory(
                membership=person,
                round=measurement_round,
                stages={Dimension.DATA_ANALYSIS: stage},
            )
    return proeftuin, director, people


def _figures(proeftuin) -> dict:
    period = overview.period_for(proeftuin, today=NOW.date())
    data = overview.build(proeftuin=proeftuin, period=period)
    # Everything but the per-person rows, which only the coach sees and which lose the erased.
    return {f.name: getattr(data, f.name) for f in fields(data) if f.name not in {"people"}}


def _csv(client, proeftuin) -> list[list[str]]:
    body = client.get(reverse("proeftuin:overview-export", args=[proeftuin.pk])).content.decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def test_the_pilot_of_twelve_shows_its_figures_before_the_erasure(twelve):
    proeftuin, _director, _people = twelve
    figures = _figures(proeftuin)
    assert figures["participants"] == 12
    assert figures["attendance_rate"].display == "46"
    assert not figures["hours_total"].suppressed


def test_erasing_one_of_twelve_participants_leaves_every_figure_of_the_overview_as_it_was(
    twelve,
):
    proeftuin, _director, people = twelve
    before = _figures(proeftuin)
    privacy.erase_person(user=people[0].user, actor=None)
    after = _figures(proeftuin)
    assert after["participants"] == 12
    assert after["attendance_rate"].display == "46"
    assert after == before


def test_erasing_one_of_twelve_participants_leaves_every_row_of_the_csv_as_it_was(
    twelve, client_for
):
    proeftuin, director, people = twelve
    client = client_for(director)
    before = _csv(client, proeftuin)
    privacy.erase_person(user=people[0].user, actor=None)
    assert ["Deelname", "deelnemers in totaal", "12", "12"] in _csv(client, proeftuin)
    assert _csv(client, proeftuin) == before

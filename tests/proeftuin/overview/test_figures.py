"""The disclosure-control rule: small cells hidden, and no hidden cell to be worked out."""

import random
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
import time_machine

from learning.models import ActivityKind, Experiment, SkillGoal
from proeftuin import overview
from proeftuin.models import Dimension, MeasurementRound
from proeftuin.overview.figures import Hidden, count_part, figure, part, protect
from tests import factories

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 17, 12, 0, tzinfo=AMS)
K = 3


# --- the rule on its own ---------------------------------------------------------------------


def test_a_figure_over_one_or_two_people_is_hidden_and_over_nobody_shown():
    assert figure(120, {7}, K).hidden is Hidden.TOO_FEW
    assert figure(120, {7, 8}, K).hidden is Hidden.TOO_FEW
    assert figure(120, {7, 8, 9}, K).value == 120
    assert figure(0, set(), K).display == "0"


def test_one_hidden_part_hides_the_smallest_shown_part_with_people_in_it():
    parts = [part(5, {1}, K), part(9, {2, 3, 4}, K), part(0, set(), K), part(7, {5, 6, 7}, K)]
    shown, total = protect(parts, min_group=K, total=figure(21, set(range(1, 8)), K))
    assert [f.hidden for f in shown] == [Hidden.TOO_FEW, None, None, Hidden.COMPLEMENT]
    assert total.value == 21


def test_two_hidden_parts_about_fewer_than_the_group_size_together_hide_a_third():
    parts = [part(1, {1}, K), part(1, {1}, K), part(4, {2, 3, 4}, K), part(6, {5, 6, 7}, K)]
    shown, _total = protect(parts, min_group=K)
    assert [f.hidden for f in shown] == [Hidden.TOO_FEW, Hidden.TOO_FEW, Hidden.COMPLEMENT, None]


def test_the_total_is_hidden_instead_when_the_caller_asks_for_it():
    parts = [part(2.0, {1}, K), part(3.0, {2, 3, 4}, K)]
    shown, total = protect(parts, min_group=K, total=figure(5.0, {1, 2, 3, 4}, K), hide_total=True)
    assert [f.hidden for f in shown] == [Hidden.TOO_FEW, None]
    assert total.hidden is Hidden.COMPLEMENT


def test_a_part_left_out_of_the_page_still_counts_as_one_a_reader_can_work_out():
    # Goals behind schedule are not shown, but they are the goals set minus the rest.
    parts = [part(4, {1, 2, 3}, K), part(1, {4}, K, published=False)]
    shown, _total = protect(parts, min_group=K, total=figure(5, {1, 2, 3, 4}, K))
    assert shown[0].hidden is Hidden.COMPLEMENT


def test_the_stages_of_a_round_with_too_few_answers_are_all_hidden_zeros_too():
    cells = overview.stage_cells([0, 2, 0, 0, 0], respondents=2, min_group=K)
    assert [cell.hidden for cell in cells] == [Hidden.TOO_FEW] * 5


def test_a_stage_of_nobody_is_shown_beside_hidden_stages():
    cells, _total = protect([count_part(n, 6, K) for n in (0, 1, 5, 0, 0)], min_group=K)
    assert [cell.shown_value for cell in cells] == [0, None, None, 0, 0]
    assert [cell.hidden for cell in cells][1:3] == [Hidden.TOO_FEW, Hidden.COMPLEMENT]


# --- every published table of random pilots ----------------------------------------------------


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=AMS)


def random_pilot(seed: int):
    rng = random.Random(seed)
    proeftuin = factories.ProeftuinFactory(
        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), min_group_size=K
    )
    people = [factories.ParticipantFactory(proeftuin=proeftuin) for _ in range(rng.randint(4, 9))]
    kinds = list(ActivityKind)[:4]
    rounds = [
        factories.MeasurementRoundFactory(
            proeftuin=proeftuin,
            kind=MeasurementRound.Kind.BASELINE,
            opens_on=date(2026, 1, 10),
            closes_on=date(2026, 1, 24),
        ),
        factories.MeasurementRoundFactory(
            proeftuin=proeftuin, opens_on=date(2026, 5, 1), closes_on=date(2026, 5, 14)
        ),
    ]
    for person in people:
        for month in range(1, 7):
            if rng.random() < 0.45:
                factories.ActivityFactory(
                    membership=person,
                    on=date(2026, month, rng.randint(1, 28)),
                    minutes=rng.randint(15, 120),
                    kind=rng.choice(kinds),
                )
        for _ in range(rng.randint(0, 2)):
            start = date(2026, 1, 1) + timedelta(days=rng.randint(0, 120))
            factories.GoalFactory(
                membership=person,
                status=rng.choice(list(SkillGoal.Status)),
                starts_on=start,
                due_on=start + timedelta(days=rng.randint(20, 200)),
                current_level=rng.randint(1, 3),
                confirmation=rng.choice(["", "confirmed"]),
            )
        if rng.random() < 0.7:
            factories.ExperimentFactory(owner=person, status=rng.choice(list(Experiment.Status)))
        for measurement_round in rounds:
            if rng.random() < 0.8:
                factories.MaturityAssessmentFactory(
                    membership=person,
                    round=measurement_round,
                    stages={d: rng.randint(1, 5) for d in Dimension},
                )
    return proeftuin


def _value(cell):
    """What the page publishes for a cell: its number, or None when hidden."""
    if isinstance(cell, int) or cell is None:
        return cell
    return None if cell.suppressed else cell.value


def tables(proeftuin, min_group: int) -> dict[str, tuple[list, object]]:
    """Every group of published cells that adds up, with its total: {name: (parts, total)}."""
    proeftuin.min_group_size = min_group
    proeftuin.save(update_fields=["min_group_size"])
    period = overview.period_for(proeftuin, today=NOW.date())
    data = overview.build(proeftuin=proeftuin, period=period)
    found = {
        "hours per month": ([_value(f) for _m, f in data.hours_per_month], data.hours_total),
        "activities per kind": ([_value(f) for _k, f in data.activities_per_kind], None),
        "goals by state": (
            [_value(data.goals[key]) for key in ("on_track", "achieved", "dropped")],
            data.goals["set"],
        ),
        "experiments by status": ([_value(f) for _s, f in data.experiments], None),
        "achieved goals by confirmation": (
            [_value(data.goals[key]) for key in ("achieved_confirmed", "achieved_self_declared")],
            data.goals["achieved"],
        ),
    }
    for change in data.culture:
        for when, cells, measurement_round in (
            ("baseline", change.baseline, data.baseline_round),
            ("latest", change.latest, data.latest_round),
        ):
            if cells is not None:
                found[f"stages {change.dimension} {when}"] = (
                    [_value(c) for c in cells],
                    measurement_round.respondents,
                )
    return {name: (parts, _value(total)) for name, (parts, total) in found.items()}


@pytest.mark.parametrize("seed", range(8))
def test_no_hidden_cell_of_any_published_table_is_the_total_minus_the_shown_parts(seed):
    with time_machine.travel(NOW, tick=False):
        proeftuin = random_pilot(seed)
        truth = tables(proeftuin, min_group=1)  # a group of one hides nothing
        published = tables(proeftuin, min_group=K)
    for name, (parts, total) in published.items():
        true_parts, _true_total = truth[name]
        hidden = [true for shown, true in zip(parts, true_parts, strict=True) if shown is None]
        unknown = len(hidden)
        if name == "goals by state":
            unknown += 1  # goals behind schedule: not on the page, the set minus the states
        if name.startswith(("activities", "experiments")):
            total = sum(true_parts)  # not on the page: protected as if it were published
        if name.startswith("stages"):
            assert all(v is None or v == 0 or v >= K for v in parts), (seed, name, parts)
        if total is None:
            continue  # the total is hidden: nothing to subtract from
        worked_out = total - sum(v for v in parts if v is not None)
        assert not (hidden and unknown == 1), (seed, name, parts, f"{total} gives {worked_out}")
        if name.startswith("stages") and any(v is not None for v in parts):
            # What a reader works out is a number of people: nobody, or enough of them.
            assert worked_out == 0 or worked_out >= K, (seed, name, parts, worked_out)

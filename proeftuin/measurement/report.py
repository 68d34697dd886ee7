"""The round report: what a closed round says about the group, within the disclosure rule.

Every number in it is a `Figure` from `proeftuin.overview.figures` (the stage distributions
through `stage_cells`, medians, changes and spreads through `figure`), so a cell about fewer
people than the pilot's group size is hidden with its reason. Anything derived from a hidden
figure is hidden with it: the change since the baseline needs both medians, the advice for
the group's stage would tell the median.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    Ambition,
    AssessmentAnswer,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    PlanAction,
    Role,
    Stage,
)
from ..overview import median_of, stage_cells
from ..overview.figures import Figure, Hidden, figure
from .advice import advice_table, linked, skills_by_key
from .stages import Subject

ORG, SELF = Subject.ORGANISATION, Subject.SELF


@dataclass
class DimensionReport:
    dimension: str
    label: str
    organisation: list[Figure]  # people per stage 1..5
    myself: list[Figure]
    median_organisation: Figure
    median_myself: Figure
    change_organisation: Figure | None  # since the baseline; None in the baseline itself
    change_myself: Figure | None
    change_text: str
    spread: Figure  # the width of the middle half of the "organisation" answers, in stages
    spread_text: str
    group_stage: int | None  # the stage the group is at (median rounded down), if shown
    advice: dict | None
    most_disagreement: bool = False
    # Follow-up rounds: the ambition for the dimension and the plan's actions by the round's end.
    ambition: Ambition | None = None
    actions_done: list[PlanAction] = field(default_factory=list)
    actions_open: list[PlanAction] = field(default_factory=list)

    @property
    def reached(self) -> bool | None:
        """Whether the group's median is at the ambition; None when unknown or hidden."""
        median = self.median_organisation
        if self.ambition is None or median.suppressed or median.value is None:
            return None
        return median.value >= self.ambition.target_stage

    @property
    def stage_rows(self) -> list[dict]:
        return [
            {
                "stage": stage,
                "label": Stage(stage).label,
                "organisation": self.organisation[stage - 1],
                "myself": self.myself[stage - 1],
            }
            for stage in Stage.values
        ]

    @property
    def group_stage_label(self) -> str:
        return Stage(self.group_stage).label if self.group_stage else ""


@dataclass
class RoundReport:
    round: MeasurementRound
    baseline: MeasurementRound | None
    min_group: int
    respondents: Figure
    participants: int
    dimensions: list[DimensionReport]
    same_people: bool

    @property
    def hidden_reason(self) -> str:
        return self.respondents.reason

    @property
    def is_follow_up(self) -> bool:
        return self.baseline is not None


def is_closed(measurement_round: MeasurementRound, today: date | None = None) -> bool:
    return (today or timezone.localdate()) > measurement_round.closes_on


def may_read_report(membership: Membership, measurement_round: MeasurementRound) -> bool:
    """Those who answered the round, the coach and the director; only once it has closed."""
    if measurement_round.proeftuin_id != membership.proeftuin_id:
        return False
    if not is_closed(measurement_round):
        return False
    if membership.role != Role.PARTICIPANT:
        return True
    return MaturityAssessment.objects.filter(
        membership=membership, round=measurement_round
    ).exists()


def _distribution(measurement_round) -> tuple[dict, set[int]]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 5)
    rows = (
        AssessmentAnswer.objects.filter(assessment__round=measurement_round)
        .values("dimension", "subject", "stage")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[(row["dimension"], row["subject"])][row["stage"] - 1] += row["n"]
    people = set(
        MaturityAssessment.objects.filter(round=measurement_round).values_list(
            "membership_id", flat=True
        )
    )
    return counts, people


def _middle_half(counts: list[int]) -> tuple[float, float] | None:
    stages = [stage for stage, n in enumerate(counts, start=1) for _ in range(n)]
    if len(stages) < 2:
        return None
    low, _median, high = statistics.quantiles(stages, n=4, method="inclusive")
    return low, high


def _stage_number(value: float) -> str:
    return formats.number_format(value, decimal_pos=0 if value == int(value) else 1)


def change_meaning(change: float, people: int, same_people: bool) -> str:
    """An honest sentence on what a change of the median means in a group of this size."""
    size = abs(change)
    if size == 0:
        text = _(
            "De middelste fase is gelijk gebleven. Bij %(n)s mensen kunnen losse antwoorden "
            "wel verschoven zijn; kijk daarom ook naar de verdeling."
        ) % {"n": people}
    elif size < 1:
        text = _(
            "Een verschuiving van een halve fase. Bij %(n)s mensen ontstaat die al als één of "
            "twee mensen een andere fase kiezen: een vraag voor het gesprek, nog geen resultaat."
        ) % {"n": people}
    else:
        text = ngettext(
            "Een verschuiving van %(size)s fase. Bij %(n)s mensen valt dat op, maar het is geen "
            "bewijs: bespreek samen wat erachter zit.",
            "Een verschuiving van %(size)s fasen. Bij %(n)s mensen valt dat op, maar het is "
            "geen bewijs: bespreek samen wat erachter zit.",
            math.ceil(size),
        ) % {"size": _stage_number(size), "n": people}
    if not same_people:
        text += " " + _(
            "Niet precies dezelfde mensen vulden beide rondes in; ook dat kan het verschil "
            "verklaren."
        )
    return text


def _change(now: Figure, before: Figure | None, people: int) -> Figure | None:
    if before is None:
        return None
    if now.suppressed or before.suppressed or now.value is None or before.value is None:
        reason = now.hidden or before.hidden or Hidden.TOO_FEW
        return Figure(None, people, reason, decimals=1)
    return Figure(now.value - before.value, people, decimals=1)


def round_report(measurement_round: MeasurementRound) -> RoundReport:
    """The report of one round; the caller has checked `may_read_report`."""
    proeftuin = measurement_round.proeftuin
    min_group = proeftuin.min_group_size
    counts, people = _distribution(measurement_round)
    respondents = len(people)
    baseline = None
    if measurement_round.kind == MeasurementRound.Kind.FOLLOW_UP:
        baseline = MeasurementRound.objects.filter(
            proeftuin=proeftuin, kind=MeasurementRound.Kind.BASELINE
        ).first()
    base_counts, base_people = _distribution(baseline) if baseline else ({}, set())
    same_people = people == base_people
    compared = min(respondents, len(base_people))
    advice = advice_table(proeftuin.organisation)
    skills = skills_by_key(proeftuin.organisation)

    def median(source, n, dimension, subject) -> Figure:
        return figure(median_of(source[(dimension, subject)]), n, min_group, decimals=1)

    dimensions = []
    for dimension in Dimension:
        d = dimension.value
        med_org = median(counts, respondents, d, ORG)
        med_self = median(counts, respondents, d, SELF)
        before_org = median(base_counts, len(base_people), d, ORG) if baseline else None
        before_self = median(base_counts, len(base_people), d, SELF) if baseline else None
        change_org = _change(med_org, before_org, compared)
        change_self = _change(med_self, before_self, compared)
        change_text = ""
        if change_org is not None and not change_org.suppressed:
            change_text = change_meaning(change_org.value, compared, same_people)
        middle = _middle_half(counts[(d, ORG)])
        spread = figure(middle[1] - middle[0] if middle else None, respondents, min_group, 1)
        spread_text = ""
        if middle and not spread.suppressed:
            spread_text = _(
                "De middelste helft van de antwoorden over de organisatie ligt tussen fase "
                "%(low)s en %(high)s."
            ) % {"low": _stage_number(middle[0]), "high": _stage_number(middle[1])}
        group_stage = int(med_org.value) if not med_org.suppressed and med_org.value else None
        dimensions.append(
            DimensionReport(
                dimension=d,
                label=dimension.label,
                organisation=stage_cells(counts[(d, ORG)], respondents, min_group),
                myself=stage_cells(counts[(d, SELF)], respondents, min_group),
                median_organisation=med_org,
                median_myself=med_self,
                change_organisation=change_org,
                change_myself=change_self,
                change_text=change_text,
                spread=spread,
                spread_text=spread_text,
                group_stage=group_stage,
                advice=linked(advice[(d, group_stage)], skills) if group_stage else None,
            )
        )
    if baseline is not None:
        ambitions = {a.dimension: a for a in Ambition.objects.filter(proeftuin=proeftuin)}
        actions = PlanAction.objects.filter(proeftuin=proeftuin).exclude(
            status=PlanAction.Status.DROPPED
        )
        for row in dimensions:
            row.ambition = ambitions.get(row.dimension)
        for action in actions.order_by("due_on", "pk"):
            row = next(r for r in dimensions if r.dimension == action.dimension)
            done = action.status == PlanAction.Status.DONE and (
                action.done_on is None or action.done_on <= measurement_round.closes_on
            )
            (row.actions_done if done else row.actions_open).append(action)
    shown = [r for r in dimensions if not r.spread.suppressed and r.spread.value]
    if shown:
        widest = max(r.spread.value for r in shown)
        for r in shown:
            r.most_disagreement = r.spread.value == widest
    participants = Membership.objects.filter(
        proeftuin=proeftuin, role=Role.PARTICIPANT, is_active=True
    ).count()
    return RoundReport(
        round=measurement_round,
        baseline=baseline,
        min_group=min_group,
        respondents=figure(respondents, respondents, min_group),
        participants=participants,
        dimensions=dimensions,
        same_people=same_people,
    )


def medians_by_round(
    proeftuin, today: date | None = None
) -> list[tuple[MeasurementRound, dict[str, Figure]]]:
    """Per closed round, oldest first, the median stage about the organisation per dimension;
    three queries however many rounds there are."""
    today = today or timezone.localdate()
    min_group = proeftuin.min_group_size
    rounds = list(
        MeasurementRound.objects.filter(proeftuin=proeftuin, closes_on__lt=today)
        .annotate(respondents=Count("assessments"))
        .order_by("opens_on")
    )
    medians = organisation_medians(rounds, min_group_of={r.pk: min_group for r in rounds})
    return [(r, medians[r.pk]) for r in rounds]


def organisation_medians(rounds, min_group_of: dict[int, int]) -> dict[int, dict[str, Figure]]:
    """Per round (annotated with `respondents`), the median stage about the organisation per
    dimension, hidden under the group size `min_group_of` gives for the round; one query
    however many rounds and pilots."""
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0] * 5)
    rows = (
        AssessmentAnswer.objects.filter(assessment__round__in=[r.pk for r in rounds], subject=ORG)
        .values("assessment__round_id", "dimension", "stage")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[(row["assessment__round_id"], row["dimension"])][row["stage"] - 1] += row["n"]
    return {
        r.pk: {
            d: figure(median_of(counts[(r.pk, d)]), r.respondents, min_group_of[r.pk], decimals=1)
            for d in Dimension.values
        }
        for r in rounds
    }


def medians_by_rounds(pilots, today: date | None = None) -> dict[int, tuple]:
    """Per pilot its latest closed round and that round's medians about the organisation, as
    `medians_by_round` gives them; three queries for any number of pilots."""
    today = today or timezone.localdate()
    pilots = {p.pk: p for p in pilots}
    latest: dict[int, MeasurementRound] = {}
    for r in (
        MeasurementRound.objects.filter(proeftuin_id__in=list(pilots), closes_on__lt=today)
        .annotate(respondents=Count("assessments"))
        .order_by("opens_on")
    ):
        latest[r.proeftuin_id] = r
    medians = organisation_medians(
        list(latest.values()),
        min_group_of={r.pk: pilots[pilot_id].min_group_size for pilot_id, r in latest.items()},
    )
    return {pilot_id: (r, medians[r.pk]) for pilot_id, r in latest.items()}

"""The peer benchmark: where organisations stood at their baseline and where they are now, per
dimension, and where the asking organisation stands among them.

Each contributing organisation brings one figure per dimension and moment: the median stage
about the organisation in its pilot's baseline, and in its latest closed follow-up. That figure
comes from `measurement.report.medians_by_round`, so it is already hidden when the pilot's round
had fewer respondents than its group size; `figures.contributions` keeps such a figure out of
the cell, and `figures.across_organisations` hides a cell of fewer than five organisations.
No other organisation is ever named: a cell holds a median over organisations and a count.
Only an organisation that contributes sees the others (give to get).
"""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..measurement.report import medians_by_round, organisation_medians
from ..models import (
    AssessmentAnswer,
    BenchmarkContribution,
    BenchmarkVersion,
    Dimension,
    MeasurementRound,
    Organisation,
    Proeftuin,
    Stage,
)
from ..overview.figures import Figure, across_organisations, contributions

BASELINE, NOW = "baseline", "now"


@dataclass
class BenchmarkRow:
    dimension: str
    label: str
    peers_baseline: Figure  # median over the contributing organisations
    peers_now: Figure
    own_baseline: Figure | None  # this organisation's own median; None without such a round
    own_now: Figure | None

    @property
    def position(self) -> str:
        """Where this organisation stands now against the middle of all, if both are shown."""
        own, peers = self.own_now, self.peers_now
        if own is None or own.suppressed or peers.suppressed or own.value is None:
            return ""
        if own.value > peers.value:
            return _("Je organisatie staat nu hoger dan het midden van de organisaties.")
        if own.value < peers.value:
            return _("Je organisatie staat nu lager dan het midden van de organisaties.")
        return _("Je organisatie staat nu precies in het midden van de organisaties.")


@dataclass
class Benchmark:
    organisation: Organisation
    contributing: bool
    rows: list[BenchmarkRow]


def is_contributing(organisation: Organisation) -> bool:
    return BenchmarkContribution.objects.filter(organisation=organisation).exists()


def benchmark_pilot(organisation_id: int) -> Proeftuin | None:
    """The pilot an organisation's figures come from: its latest one with a closed baseline."""
    return _pilots_with_baseline([organisation_id]).get(organisation_id)


def _pilots_with_baseline(organisation_ids, today=None) -> dict[int, Proeftuin]:
    today = today or timezone.localdate()
    closed_baseline = MeasurementRound.objects.filter(
        proeftuin=OuterRef("pk"), kind=MeasurementRound.Kind.BASELINE, closes_on__lt=today
    )
    pilots: dict[int, Proeftuin] = {}
    for pilot in (
        Proeftuin.objects.filter(organisation_id__in=list(organisation_ids))
        .filter(Exists(closed_baseline))
        .order_by("starts_on", "pk")
    ):
        pilots[pilot.organisation_id] = pilot  # the latest start wins
    return pilots


def organisation_figures(pilot: Proeftuin, today=None) -> dict[str, dict[str, Figure]]:
    """One pilot's medians about the organisation per dimension: at the baseline, and in the
    latest closed follow-up ({} there when none has closed yet)."""
    rounds = medians_by_round(pilot, today=today)
    baseline = next((m for r, m in rounds if r.kind == MeasurementRound.Kind.BASELINE), {})
    follow_ups = [m for r, m in rounds if r.kind == MeasurementRound.Kind.FOLLOW_UP]
    return {BASELINE: baseline, NOW: follow_ups[-1] if follow_ups else {}}


def figures_of_pilots(pilots, today=None) -> dict[int, dict[str, dict[str, Figure]]]:
    """`organisation_figures` for many pilots at once, by pilot id: two queries however many
    organisations contribute, instead of three per organisation."""
    today = today or timezone.localdate()
    pilots = {p.pk: p for p in pilots}
    chosen: dict[int, dict[str, MeasurementRound]] = {pk: {} for pk in pilots}
    for r in (
        MeasurementRound.objects.filter(proeftuin_id__in=list(pilots), closes_on__lt=today)
        .annotate(respondents=Count("assessments"))
        .order_by("opens_on")
    ):
        moments = chosen[r.proeftuin_id]
        if r.kind == MeasurementRound.Kind.BASELINE:
            moments.setdefault(BASELINE, r)  # the first baseline, as medians_by_round reads
        elif r.kind == MeasurementRound.Kind.FOLLOW_UP:
            moments[NOW] = r  # the latest closed follow-up
    min_group_of = {
        r.pk: pilots[pk].min_group_size for pk, moments in chosen.items() for r in moments.values()
    }
    rounds = [r for moments in chosen.values() for r in moments.values()]
    medians = organisation_medians(rounds, min_group_of=min_group_of)
    return {
        pk: {
            moment: medians[r.pk] if (r := chosen[pk].get(moment)) else {}
            for moment in (BASELINE, NOW)
        }
        for pk in pilots
    }


def benchmark_for(organisation: Organisation, today=None) -> Benchmark:
    """The benchmark as `organisation` sees it; the caller has checked the reader's role.

    The cells over the organisations are the same for every reader and are cached under the
    day and the version token (`peer_cells`); the organisation's own figures are read fresh
    from its own pilot, so a change of its own shows at its next view whatever the cache holds.
    """
    if not is_contributing(organisation):
        return Benchmark(organisation, contributing=False, rows=[])
    today = today or timezone.localdate()
    cells = peer_cells(today)
    own_pilot = _pilots_with_baseline([organisation.pk], today=today).get(organisation.pk)
    own = (
        figures_of_pilots([own_pilot], today=today)[own_pilot.pk]
        if own_pilot
        else {BASELINE: {}, NOW: {}}
    )
    rows = [
        BenchmarkRow(
            dimension=dimension.value,
            label=dimension.label,
            peers_baseline=cells[dimension.value][BASELINE],
            peers_now=cells[dimension.value][NOW],
            own_baseline=own[BASELINE].get(dimension.value),
            own_now=own[NOW].get(dimension.value),
        )
        for dimension in Dimension
    ]
    return Benchmark(organisation, contributing=True, rows=rows)


# ---- the cells over all contributing organisations, cached under a version -----------------

# A day at most: the key holds the day as well, as rounds close by the date.
CELLS_TIMEOUT = 24 * 60 * 60


def peer_cells(today) -> dict[str, dict[str, Figure]]:
    """Per dimension and moment, the median over the contributing organisations.

    Computing them reads every contributing organisation's answers (a cost that grows with the
    instance), so they are cached under the day and `BenchmarkVersion`'s token, which every
    change that can move a cell replaces in the same transaction (`connect`): leaving takes an
    organisation out of every cell at the next view, in every process, whatever the cache is."""
    token = BenchmarkVersion.objects.values_list("token", flat=True).first() or ""
    key = f"network:benchmark-cells:{today.isoformat()}:{token}"
    return cache.get_or_set(key, lambda: _compute_peer_cells(today), CELLS_TIMEOUT)


def _compute_peer_cells(today) -> dict[str, dict[str, Figure]]:
    contributing_ids = BenchmarkContribution.objects.values_list("organisation_id", flat=True)
    pilots = _pilots_with_baseline(contributing_ids, today=today)
    by_pilot = figures_of_pilots(pilots.values(), today=today)
    per_organisation = {org_id: by_pilot[pilot.pk] for org_id, pilot in pilots.items()}
    cells: dict[str, dict[str, Figure]] = {}
    for dimension in Dimension.values:
        cells[dimension] = {}
        for moment in (BASELINE, NOW):
            values = contributions(
                {
                    org_id: figures[moment][dimension]
                    for org_id, figures in per_organisation.items()
                    if dimension in figures[moment]
                }
            )
            median = float(statistics.median(values.values())) if values else None
            cells[dimension][moment] = across_organisations(median, values, decimals=1)
    return cells


def new_version() -> None:
    """Cells cached until now are not read again (a new random token: a restored database or a
    rolled-back transaction can never bring back a token whose cells are still cached)."""
    BenchmarkVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def _contributes(**organisation) -> bool:
    return BenchmarkContribution.objects.filter(**organisation).exists()


def _round_closed_and_contributing(round_filter: Q) -> bool:
    return MeasurementRound.objects.filter(
        round_filter,
        closes_on__lt=timezone.localdate(),
        proeftuin__organisation__benchmark_contribution__isnull=False,
    ).exists()


# What a pilot's figure in the benchmark depends on (besides its rounds and answers).
PILOT_FIELDS = {"organisation", "organisation_id", "starts_on", "min_group_size"}


def _contribution_changed(sender, instance, **kwargs) -> None:
    new_version()


def _pilot_saved(sender, instance: Proeftuin, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not PILOT_FIELDS & set(update_fields):
        return  # a change no cell reads (a name, reminder timing, sharing the toolkit)
    if _contributes(organisation_id=instance.organisation_id):
        new_version()


def _pilot_deleted(sender, instance: Proeftuin, **kwargs) -> None:
    if _contributes(organisation_id=instance.organisation_id):
        new_version()


def _round_changed(sender, instance: MeasurementRound, **kwargs) -> None:
    # Closing a round early moves its date into the past: its figures enter the cells now.
    if _contributes(organisation__proeftuinen=instance.proeftuin_id):
        new_version()


def _answer_deleted(sender, instance: AssessmentAnswer, **kwargs) -> None:
    # Answers are given only while a round is open (`save_assessment`, each assessment with its
    # answers), so a closed round changes only by removing answers, alone or with their
    # assessment or membership (a cascade deletes the answers first).
    if _round_closed_and_contributing(Q(assessments=instance.assessment_id)):
        new_version()


def connect() -> None:
    """Every write that can move a cell, by any path that saves or deletes through the ORM (a
    view, the API, the admin, an erasure, a cascade), gives the cells a new version."""
    from django.db.models.signals import post_delete, post_save

    for signal, done in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(_contribution_changed, BenchmarkContribution, dispatch_uid=f"bv-c-{done}")
        signal.connect(_round_changed, MeasurementRound, dispatch_uid=f"bv-round-{done}")
    post_save.connect(_pilot_saved, sender=Proeftuin, dispatch_uid="bv-pilot-saved")
    post_delete.connect(_pilot_deleted, sender=Proeftuin, dispatch_uid="bv-pilot-deleted")
    post_delete.connect(_answer_deleted, sender=AssessmentAnswer, dispatch_uid="bv-aa-deleted")


def stage_name(figure: Figure | None) -> str:
    """The stage a shown median falls in (2,5 is still Benieuwd), for the reader's eye."""
    if figure is None or figure.suppressed or figure.value is None:
        return ""
    return Stage(max(1, min(5, int(figure.value)))).label

"""Every figure of the overview pages, in a fixed number of queries whatever the pilot's size.

Privacy: every figure about people is made by `figures` (the disclosure-control rule): hidden
below the pilot's `min_group_size` people, and hidden where it would let a hidden one be worked
out; pages show the reason instead. Names leave this module only
in `people` (the coach's detail) and `shared` (participants who share with the director, when
the pilot allows it); the views decide which of the two a role receives.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from learning.models import ActivityKind, Experiment, LearningActivity, Lesson, SkillGoal
from learning.progress import CONFIRMED, SELF_DECLARED, achievement
from learning.progress import goal_is_on_track as is_on_track
from learning.selectors import GOAL_PROGRESS_FIELDS
from proeftuin.months import add_months as add_months
from proeftuin.months import first_of_month
from proeftuin.months import last_of_month as last_of_month
from workshops.models import Attendance, Session

from .. import audit
from ..models import (
    AssessmentAnswer,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Proeftuin,
    Role,
    Stage,
    User,
)
from .export import Item as Item
from .export import csv_rows as csv_rows
from .export import goal_labels as goal_labels
from .export import headers as headers
from .export import items as items
from .export import month_key as month_key
from .export import plain as plain
from .figures import Figure as Figure
from .figures import Hidden as Hidden
from .figures import count_part, figure, part, protect
from .figures import too_few_text as too_few_text
from .periods import MAX_CHART_MONTHS as MAX_CHART_MONTHS
from .periods import Period as Period
from .periods import parse_month as parse_month
from .periods import period_for as period_for

# Figure, Hidden, figure and too_few_text are re-exported: callers import them from here.

ORG = AssessmentAnswer.Subject.ORGANISATION
SELF = AssessmentAnswer.Subject.SELF
LATEST_LESSONS = 5


@dataclass
class PersonRow:
    membership_id: int
    user_id: int
    name: str
    hours: float = 0.0
    activities: int = 0
    last_active: date | None = None
    goals_set: int = 0
    goals_achieved: int = 0
    sessions_attended: int = 0
    rounds_answered: int = 0


@dataclass
class DimensionChange:
    dimension: str
    label: str
    baseline: list[Figure] | None  # people per stage 1..5 (about the organisation)
    latest: list[Figure] | None
    baseline_people: int
    latest_people: int
    medians: list[Figure]  # one per round, about the organisation
    self_medians: list[Figure]  # one per round, about oneself

    chart: str = ""

    @property
    def median_pairs(self) -> list[tuple[Figure, Figure]]:
        return list(zip(self.medians, self.self_medians, strict=True))

    @property
    def baseline_counts(self) -> list[int] | None:
        """The baseline's people per stage for the chart; None when any of them is hidden."""
        return _counts(self.baseline)

    @property
    def latest_counts(self) -> list[int] | None:
        return _counts(self.latest)

    @property
    def stage_rows(self) -> list[dict]:
        """Rows of the table alternative: stage, baseline count, latest count."""
        return [
            {
                "stage": Stage(number).label,
                "baseline": self.baseline[number - 1] if self.baseline is not None else None,
                "latest": self.latest[number - 1] if self.latest is not None else None,
            }
            for number in Stage.values
        ]


def _counts(cells: list[Figure] | None) -> list[int] | None:
    # A stacked bar with a hidden segment would show the hidden count as its width.
    if cells is None or any(cell.suppressed for cell in cells):
        return None
    return [cell.value for cell in cells]


@dataclass
class Overview:
    proeftuin: Proeftuin
    period: Period
    today: date
    min_group: int
    participants: int
    active_month: date
    active: Figure
    hours_per_month: list[tuple[date, Figure]]
    hours_total: Figure
    activities_per_kind: list[tuple[str, Figure]]
    goals: dict[str, Figure]
    sessions_held: int
    attendance_rate: Figure
    # Colleagues from outside the pilot at sessions open to the organisation (no learning path)
    guests_present: int
    next_session: dict | None
    rounds: list[MeasurementRound]
    baseline_round: MeasurementRound | None
    latest_round: MeasurementRound | None
    culture: list[DimensionChange]
    experiments: list[tuple[str, Figure]]
    experiments_total: Figure
    lessons: list[dict]
    people: list[PersonRow] = field(default_factory=list)
    shared: list[PersonRow] = field(default_factory=list)

    @property
    def chart_months(self) -> list[tuple[date, Figure]]:
        return self.hours_per_month[-MAX_CHART_MONTHS:]


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def build(
    *,
    proeftuin: Proeftuin,
    period: Period,
    now: datetime | None = None,
    with_people: bool = False,
    with_shared: bool = False,
) -> Overview:
    """Compute the overview of one pilot over a period (about ten queries, whatever the size).

    `with_people` adds a row per participant (the coach's detail); `with_shared` adds rows for
    participants who chose to share with the director, only if the pilot allows it.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    min_group = proeftuin.min_group_size
    start, end = period.start, period.end

    # Rows are the people on the list today; the totals count everyone whose data the figures
    # hold (`member_ids_subquery`), so an erasure leaves every figure as it was.
    counted = list(
        Membership.objects.filter(pk__in=member_ids_subquery(proeftuin))
        .order_by("user__full_name", "pk")
        .values(
            "pk",
            "user_id",
            "user__full_name",
            "user__email",
            "shares_progress_with_director",
            "is_active",
        )
    )
    participants = [p for p in counted if p["is_active"]]
    total = len(counted)
    rows = {
        p["pk"]: PersonRow(
            p["pk"], p["user_id"], p["user__full_name"] or p["user__email"].split("@")[0]
        )
        for p in participants
    }

    # Participation: one grouped query over (person, kind, month).
    activity_rows = (
        LearningActivity.objects.filter(
            membership_id__in=member_ids_subquery(proeftuin), on__gte=start, on__lte=end
        )
        # Year and month as numbers: converting a truncated date per row cost more CPU than
        # all the rest of the overview (measured with bench/explain.py --profile).
        .annotate(year=ExtractYear("on"), month_number=ExtractMonth("on"))
        .values("membership_id", "kind", "year", "month_number")
        .annotate(minutes=Sum("minutes"), count=Count("id"), last=Max("on"))
    )
    minutes_by_month: dict[date, int] = defaultdict(int)
    people_by_month: dict[date, set[int]] = defaultdict(set)
    count_by_kind: Counter = Counter()
    people_by_kind: dict[str, set[int]] = defaultdict(set)
    for row in activity_rows:
        month = date(row["year"], row["month_number"], 1)
        minutes_by_month[month] += row["minutes"]
        people_by_month[month].add(row["membership_id"])
        count_by_kind[row["kind"]] += row["count"]
        people_by_kind[row["kind"]].add(row["membership_id"])
        person = rows.get(row["membership_id"])
        if person is not None:
            person.hours += row["minutes"] / 60
            person.activities += row["count"]
            if person.last_active is None or row["last"] > person.last_active:
                person.last_active = row["last"]

    active_month = min(first_of_month(today), first_of_month(end))
    active = figure(len(people_by_month.get(active_month, set())), total, min_group)
    everyone_active = set().union(*people_by_month.values()) if people_by_month else set()
    # Each month is also a period of its own that the director can choose, so hiding another
    # month would protect nothing: a hidden month hides the period's total instead.
    month_figures, hours_total = protect(
        [
            part(
                round(minutes_by_month.get(month, 0) / 60, 1),
                people_by_month.get(month, set()),
                min_group,
                decimals=1,
            )
            for month in period.months
        ],
        min_group=min_group,
        total=figure(round(sum(minutes_by_month.values()) / 60, 1), everyone_active, min_group, 1),
        hide_total=True,
    )
    hours_per_month = list(zip(period.months, month_figures, strict=True))
    kinds = [kind for kind in ActivityKind if count_by_kind[kind.value]]
    kind_figures, _total = protect(
        [part(count_by_kind[k.value], people_by_kind[k.value], min_group) for k in kinds],
        min_group=min_group,
    )
    activities_per_kind = [
        (kind.label, shown) for kind, shown in zip(kinds, kind_figures, strict=True)
    ]

    # Goals that were alive during the period.
    goal_rows = SkillGoal.objects.filter(
        membership_id__in=member_ids_subquery(proeftuin), starts_on__lte=end
    ).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    goal_counts: Counter = Counter()
    goal_people: dict[str, set[int]] = defaultdict(set)
    for goal in goal_rows.values(*GOAL_PROGRESS_FIELDS, "confirmation"):
        status = goal["status"]
        how = achievement(status, goal["confirmation"])
        if how:
            goal_counts[f"achieved_{how}"] += 1
            goal_people[f"achieved_{how}"].add(goal["membership_id"])
        if status == SkillGoal.Status.ACHIEVED:
            state = "achieved"
        elif status == SkillGoal.Status.DROPPED:
            state = "dropped"
        elif is_on_track(goal, today):
            state = "on_track"
        else:
            state = "behind"
        for key in ("set", state):
            goal_counts[key] += 1
            goal_people[key].add(goal["membership_id"])
        person = rows.get(goal["membership_id"])
        if person is not None:
            person.goals_set += 1
            person.goals_achieved += status == SkillGoal.Status.ACHIEVED
    # "Behind" is not shown, but it is the goals set minus the rest: it is a part all the same.
    states = ("on_track", "achieved", "dropped", "behind")
    state_figures, goals_set = protect(
        [
            part(goal_counts[key], goal_people[key], min_group, published=key != "behind")
            for key in states
        ],
        min_group=min_group,
        total=figure(goal_counts["set"], goal_people["set"], min_group),
    )
    goals = {"set": goals_set, **dict(zip(states[:3], state_figures, strict=False))}
    # Achieved splits into confirmed by the coach and self-declared: two parts of that figure.
    ways = (f"achieved_{CONFIRMED}", f"achieved_{SELF_DECLARED}")
    way_figures, _achieved = protect(
        [part(goal_counts[key], goal_people[key], min_group) for key in ways],
        min_group=min_group,
        total=goals["achieved"],
    )
    goals.update(zip(ways, way_figures, strict=True))

    # Sessions held in the period and how many participants were there.
    held = list(
        Session.objects.filter(
            proeftuin=proeftuin,
            status=Session.Status.PLANNED,
            starts_at__gte=_local_midnight(start),
            starts_at__lt=min(_local_midnight(end + timedelta(days=1)), now),
        )
        .annotate(
            present=Count(
                "attendances",
                filter=Q(
                    attendances__state__in=Attendance.COUNTED,
                    attendances__membership__role=Role.PARTICIPANT,
                    attendances__membership__pk__in=member_ids_subquery(proeftuin),
                ),
            )
        )
        .values_list("present", "guests_present")
    )
    guests_present = sum(guests for _present, guests in held)
    held = [present for present, _guests in held]
    rate = round(100 * statistics.mean(held) / total) if held and total else None
    attendance_rate = figure(rate, total if held else 0, min_group)
    next_session = (
        Session.objects.filter(
            proeftuin=proeftuin, status=Session.Status.PLANNED, starts_at__gte=now
        )
        .order_by("starts_at")
        .values("title", "starts_at", "kind")
        .first()
    )
    if with_people:
        attended = (
            Attendance.objects.filter(
                session__proeftuin=proeftuin,
                state__in=Attendance.COUNTED,
                session__starts_at__gte=_local_midnight(start),
                session__starts_at__lt=_local_midnight(end + timedelta(days=1)),
            )
            .values("membership_id")
            .annotate(n=Count("id"))
        )
        for row in attended:
            if row["membership_id"] in rows:
                rows[row["membership_id"]].sessions_attended = row["n"]

    # Culture change: rounds opened by the end of the period, and the stage distributions.
    rounds = list(
        MeasurementRound.objects.filter(proeftuin=proeftuin, opens_on__lte=min(end, today))
        .annotate(respondents=Count("assessments"))
        .order_by("opens_on")
    )
    distribution: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0] * 5)
    answer_rows = (
        AssessmentAnswer.objects.filter(assessment__round__in=[r.pk for r in rounds])
        .values("assessment__round_id", "dimension", "subject", "stage")
        .annotate(n=Count("id"))
    )
    for row in answer_rows:
        key = (row["assessment__round_id"], row["dimension"], row["subject"])
        distribution[key][row["stage"] - 1] += row["n"]
    answered_rounds = [r for r in rounds if r.respondents]
    baseline_round = next((r for r in rounds if r.kind == MeasurementRound.Kind.BASELINE), None)
    # The latest round is the latest closed one: a round still open holds a partial picture.
    closed = [r for r in answered_rounds if r.closes_on < today]
    latest_round = (closed or answered_rounds or [None])[-1]
    culture = []
    for dimension in Dimension:

        def counts(measurement_round, dimension=dimension):
            if measurement_round is None:
                return None
            return stage_cells(
                distribution[(measurement_round.pk, dimension.value, ORG)],
                measurement_round.respondents,
                min_group,
            )

        def medians(about, dimension=dimension):
            return [
                figure(
                    median_of(distribution[(r.pk, dimension.value, about)]),
                    r.respondents,
                    min_group,
                    decimals=1,
                )
                for r in rounds
            ]

        culture.append(
            DimensionChange(
                dimension=dimension.value,
                label=dimension.label,
                baseline=counts(baseline_round),
                latest=counts(latest_round),
                baseline_people=baseline_round.respondents if baseline_round else 0,
                latest_people=latest_round.respondents if latest_round else 0,
                medians=medians(ORG),
                self_medians=medians(SELF),
            )
        )
    if with_people:
        answered = (
            MaturityAssessment.objects.filter(round__in=[r.pk for r in rounds])
            .values("membership_id")
            .annotate(n=Count("id"))
        )
        for row in answered:
            if row["membership_id"] in rows:
                rows[row["membership_id"]].rounds_answered = row["n"]

    # Experiments running at some point of the period, by status.
    experiment_rows = (
        Experiment.objects.filter(
            owner__proeftuin=proeftuin, planned_start__lte=end, planned_end__gte=start
        )
        .values("status", "owner_id")
        .annotate(n=Count("id"))
    )
    by_status: Counter = Counter()
    owners: dict[str, set[int]] = defaultdict(set)
    for row in experiment_rows:
        by_status[row["status"]] += row["n"]
        owners[row["status"]].add(row["owner_id"])
    status_figures, _total = protect(
        [part(by_status[s.value], owners[s.value], min_group) for s in Experiment.Status],
        min_group=min_group,
    )
    experiments = [
        (status.label, shown)
        for status, shown in zip(Experiment.Status, status_figures, strict=True)
    ]
    experiments_total = figure(
        sum(by_status.values()), set().union(*owners.values()) if owners else set(), min_group
    )

    lessons = [
        {
            "kind": Lesson.Kind(lesson["kind"]).label,
            "dimension": Dimension(lesson["dimension"]).label,
            "text": lesson["toolkit_text"].strip() or lesson["text"],
        }
        for lesson in Lesson.objects.filter(proeftuin=proeftuin, review=Lesson.Review.APPROVED)
        .order_by(F("approved_at").desc(nulls_last=True), "-created_at")
        .values("kind", "dimension", "text", "toolkit_text")[:LATEST_LESSONS]
    ]

    shared_ids = (
        [p["pk"] for p in participants if p["shares_progress_with_director"]]
        if with_shared and proeftuin.director_sees_individuals
        else []
    )
    return Overview(
        proeftuin=proeftuin,
        period=period,
        today=today,
        min_group=min_group,
        participants=total,
        active_month=active_month,
        active=active,
        hours_per_month=hours_per_month,
        hours_total=hours_total,
        activities_per_kind=activities_per_kind,
        goals=goals,
        sessions_held=len(held),
        attendance_rate=attendance_rate,
        guests_present=guests_present,
        next_session=next_session,
        rounds=rounds,
        baseline_round=baseline_round,
        latest_round=latest_round,
        culture=culture,
        experiments=experiments,
        experiments_total=experiments_total,
        lessons=lessons,
        people=list(rows.values()) if with_people else [],
        shared=[rows[pk] for pk in shared_ids],
    )


def member_ids_subquery(proeftuin: Proeftuin):
    """Active participants, and those whose data was erased: an erasure keeps the pilot's
    history (hours, activities, goals) as it was, anonymously. Someone who left is not counted."""
    return Membership.objects.filter(
        Q(is_active=True) | Q(user__erased_at__isnull=False),
        proeftuin=proeftuin,
        role=Role.PARTICIPANT,
    ).values("pk")


def stage_cells(counts: list[int], respondents: int, min_group: int) -> list[Figure]:
    """People per stage 1..5 of one question, the respondents of the round being the total."""
    cells, _total = protect(
        [count_part(n, respondents, min_group) for n in counts],
        min_group=min_group,
        total=figure(respondents, respondents, min_group),
    )
    return cells


def median_of(counts: list[int]) -> float | None:
    """The median stage of a distribution given as people per stage 1..5."""
    stages = [stage for stage, n in enumerate(counts, start=1) for _ in range(n)]
    return float(statistics.median(stages)) if stages else None


# --- the participant's own figures against the pilot ---------------------------------------


@dataclass
class Comparison:
    label: str
    own: str
    median: Figure


def own_against_pilot(*, membership: Membership, period: Period) -> dict:
    """A participant's own figures next to the pilot's median; never anyone else's figures."""
    proeftuin = membership.proeftuin
    min_group = proeftuin.min_group_size
    ids = list(member_ids_subquery(proeftuin).values_list("pk", flat=True))
    minutes: Counter = Counter()
    activities: Counter = Counter()
    for row in (
        LearningActivity.objects.filter(
            membership_id__in=ids, on__gte=period.start, on__lte=period.end
        )
        .values("membership_id")
        .annotate(minutes=Sum("minutes"), n=Count("id"))
    ):
        minutes[row["membership_id"]] = row["minutes"]
        activities[row["membership_id"]] = row["n"]
    achieved: Counter = Counter(
        SkillGoal.objects.filter(
            membership_id__in=ids, status=SkillGoal.Status.ACHIEVED
        ).values_list("membership_id", flat=True)
    )
    attended: Counter = Counter(
        Attendance.objects.filter(
            membership_id__in=ids,
            state__in=Attendance.COUNTED,
            session__starts_at__gte=_local_midnight(period.start),
            session__starts_at__lt=_local_midnight(period.end + timedelta(days=1)),
        ).values_list("membership_id", flat=True)
    )

    def median_figure(counter: Counter, divide: int = 1, decimals: int = 0) -> Figure:
        values = [counter[pk] / divide for pk in ids]
        value = statistics.median(values) if values else None
        if value is not None:
            value = round(value, decimals) if decimals else round(value)
        return figure(value, len(ids), min_group, decimals)

    me = membership.pk
    comparisons = [
        Comparison(
            _("Uren geleerd"),
            formats.number_format(round(minutes[me] / 60, 1), decimal_pos=1),
            median_figure(minutes, divide=60, decimals=1),
        ),
        Comparison(_("Leeractiviteiten"), str(activities[me]), median_figure(activities)),
        Comparison(_("Leerdoelen behaald"), str(achieved[me]), median_figure(achieved)),
        Comparison(_("Bijeenkomsten bijgewoond"), str(attended[me]), median_figure(attended)),
    ]

    latest = (
        MeasurementRound.objects.filter(proeftuin=proeftuin, opens_on__lte=timezone.localdate())
        .annotate(respondents=Count("assessments"))
        .filter(respondents__gt=0)
        .order_by("-opens_on")
        .first()
    )
    stages = []
    if latest is not None:
        distribution: dict[str, list[int]] = defaultdict(lambda: [0] * 5)
        own: dict[str, int] = {}
        for row in AssessmentAnswer.objects.filter(assessment__round=latest, subject=SELF).values(
            "dimension", "stage", "assessment__membership_id"
        ):
            distribution[row["dimension"]][row["stage"] - 1] += 1
            if row["assessment__membership_id"] == me:
                own[row["dimension"]] = row["stage"]
        for dimension in Dimension:
            own_stage = own.get(dimension.value)
            stages.append(
                Comparison(
                    dimension.label,
                    Stage(own_stage).label if own_stage else "—",
                    figure(
                        median_of(distribution[dimension.value]),
                        latest.respondents,
                        min_group,
                        decimals=1,
                    ),
                )
            )
    return {"comparisons": comparisons, "latest_round": latest, "stages": stages}


# --- audit -----------------------------------------------------------------------------------


def record_named_views(
    *, actor: User, subject_ids: list[int], what: audit.What, proeftuin: Proeftuin
) -> None:
    """The rows `audit.viewed` writes, in one INSERT so the page's query count stays fixed."""
    audit.record_each(actor=actor, subjects=subject_ids, what=what, proeftuin=proeftuin)

"""The toolkit (informatiepakket): reviewed lessons, headline figures and session topics.

Nothing in it may name a person. The coach removes identifying details when approving a lesson;
as a safety net every text that leaves the pilot is also passed through `redactor_for`, which
replaces the names and e-mail addresses of the pilot's members.

The headline figures are the overview's over the whole pilot, so they pass the same
disclosure-control rule (`proeftuin.overview.figures`) as every page, export and e-mail. The
culture change comes from the round reports (`proeftuin.measurement.report`), the skills from
`figures.protect`, so what a report hides stays hidden here.

One `build`, three formats (`formats`): HTML, Markdown and PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learning import ethics
from learning.models import Experiment, Lesson, SkillGoal
from workshops.models import Session

from .. import overview
from ..measurement.report import is_closed, round_report
from ..models import Dimension, MeasurementRound, Proeftuin, Stage
from ..overview import Figure
from ..overview.figures import count_part, figure, protect
from .anonymity import redactor_for


@dataclass
class Figures:
    min_group_size: int
    participants: Figure
    hours: Figure
    sessions_held: int
    experiments: Figure

    @property
    def shown(self) -> bool:
        """Below the group size the pilot itself is too small to say anything about its people."""
        return not self.participants.suppressed


@dataclass
class DimensionLessons:
    key: str
    label: str
    good_practices: list[str] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.good_practices or self.pitfalls)


@dataclass
class StageLessons:
    """Good practices and pitfalls of one culture stage, as the coach placed them in review."""

    stage: int
    label: str
    good_practices: list[str] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)


@dataclass
class Topic:
    on: date
    title: str
    kind: str


@dataclass
class Theme:
    label: str
    topics: list[Topic]


@dataclass
class CultureChange:
    """One dimension from the baseline to the last closed round, as the round reports show it."""

    label: str
    baseline: Figure | None  # the median stage about the organisation
    latest: Figure | None
    change: Figure | None
    change_text: str


@dataclass
class SkillProgress:
    name: str
    dimension: str
    working_on: Figure  # people with a learning goal on the skill
    reached: Figure  # of them, people who reached a goal on it


@dataclass
class Case:
    """An experiment the coach approved a lesson of; every text passed the redactor."""

    title: str
    question: str
    data_used: str
    done: str
    outcome: str
    lessons: list[str]
    # The approved review and the answers others learn most from, without the reviewer's name.
    ethics: list[str] = field(default_factory=list)
    # Whose question it was: the team or group in words from the backlog, never a person.
    origin: str = ""
    key: int = 0  # the experiment's id: the case's address in the shared library


@dataclass
class FirstStep:
    """Where to begin in one dimension: the advice for the stage the pilot started at."""

    label: str
    stage: str
    looks_like: str
    next_asks: str
    actions: list[str]


@dataclass
class Toolkit:
    pilot_name: str
    organisation_name: str
    purpose: str
    starts_on: date
    ends_on: date
    figures: Figures
    dimensions: list[DimensionLessons]
    topics: list[Topic]
    made_on: date
    months: int = 0
    themes: list[Theme] = field(default_factory=list)
    culture: list[CultureChange] = field(default_factory=list)
    culture_round: str = ""
    skills: list[SkillProgress] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    first_steps: list[FirstStep] = field(default_factory=list)
    summary: str = ""
    stages: list[StageLessons] = field(default_factory=list)

    @property
    def lesson_count(self) -> int:
        return sum(len(d.good_practices) + len(d.pitfalls) for d in self.dimensions)


def headline_figures(proeftuin: Proeftuin) -> Figures:
    """The overview's figures over the pilot's whole run, hours in whole hours."""
    period = overview.Period(
        start=overview.first_of_month(proeftuin.starts_on),
        end=overview.last_of_month(proeftuin.ends_on),
    )
    data = overview.build(proeftuin=proeftuin, period=period)
    hours = data.hours_total
    if not hours.suppressed:
        hours = replace(hours, value=round(hours.value), decimals=0)
    return Figures(
        min_group_size=proeftuin.min_group_size,
        participants=overview.figure(data.participants, data.participants, data.min_group),
        hours=hours,
        sessions_held=data.sessions_held,
        experiments=data.experiments_total,
    )


def _closed_rounds(proeftuin: Proeftuin) -> tuple[MeasurementRound | None, MeasurementRound | None]:
    """The baseline and the last closed round (the same one while only the baseline closed)."""
    closed = [r for r in proeftuin.measurement_rounds.order_by("opens_on", "pk") if is_closed(r)]
    baseline = next((r for r in closed if r.kind == MeasurementRound.Kind.BASELINE), None)
    return baseline, (closed[-1] if closed else None)


def culture_change(proeftuin: Proeftuin) -> tuple[str, list[CultureChange], list[FirstStep]]:
    """Per dimension the median at the baseline and now, and the advice for where it began."""
    baseline, latest = _closed_rounds(proeftuin)
    if latest is None:
        return "", [], []
    latest_report = round_report(latest)
    base_report = round_report(baseline) if baseline and baseline != latest else None
    culture, steps = [], []
    for i, now in enumerate(latest_report.dimensions):
        before = base_report.dimensions[i] if base_report else None
        culture.append(
            CultureChange(
                label=str(now.label),
                baseline=before.median_organisation if before else None,
                latest=now.median_organisation,
                change=now.change_organisation,
                change_text=now.change_text,
            )
        )
        start = before or now
        if start.advice:
            advice = start.advice["advice"]
            steps.append(
                FirstStep(
                    label=str(now.label),
                    stage=str(Stage(advice.stage).label),
                    looks_like=advice.looks_like,
                    next_asks=advice.next_asks,
                    actions=[a["text"] for a in start.advice["actions"]],
                )
            )
    return latest.title or str(latest.get_kind_display()), culture, steps


def skill_progress(proeftuin: Proeftuin) -> list[SkillProgress]:
    """Per skill: people with a goal on it and people who reached one, as protected parts."""
    min_group = proeftuin.min_group_size
    people: dict[int, dict] = {}
    goals = (
        SkillGoal.objects.filter(membership__proeftuin=proeftuin)
        .exclude(status=SkillGoal.Status.DROPPED)
        .select_related("skill")
        .order_by("skill__dimension", "skill__name")
    )
    for goal in goals:
        row = people.setdefault(
            goal.skill_id, {"skill": goal.skill, "all": set(), "reached": set()}
        )
        row["all"].add(goal.membership_id)
        if goal.status == SkillGoal.Status.ACHIEVED:
            row["reached"].add(goal.membership_id)
    result = []
    for row in people.values():
        working, reached = len(row["all"]), len(row["reached"])
        total = figure(working, working, min_group)
        # Reached and not yet add up to those working on it: protect them as a group.
        parts, total = protect(
            [
                count_part(reached, working, min_group),
                count_part(working - reached, working, min_group),
            ],
            min_group=min_group,
            total=total,
        )
        result.append(
            SkillProgress(
                name=row["skill"].display_name,
                dimension=str(Dimension(row["skill"].dimension).label),
                working_on=total,
                reached=parts[0],
            )
        )
    return result


# What a case tells of its ethics review: whether a second person approved it, and the answers
# another organisation learns most from. Who reviewed is never named.
CASE_ETHICS_QUESTIONS = (
    "affected",
    "understanding_and_consent",
    "personal_data",
    "not_want_to_know",
)


def _ethics_lines(experiment: Experiment, redact) -> list[str]:
    review = getattr(experiment, "ethics_review", None)
    if review is None:
        return []
    lines = []
    if review.state == review.State.APPROVED and review.decided_at:
        lines.append(
            _("Ethisch getoetst en goedgekeurd door een tweede persoon op %(day)s.")
            % {"day": date_format(timezone.localtime(review.decided_at).date())}
        )
    for key in CASE_ETHICS_QUESTIONS:
        answer = redact(getattr(review, key).strip())
        if answer:
            lines.append(f"{ethics.question(key).label} {answer}")
    return lines


def _origin_line(experiment: Experiment, redact) -> str:
    question = experiment.origin
    if question is None:
        return ""
    return _("Een vraag van %(who)s, uit de vragenlijst van de proeftuin. Waarom: %(why)s") % {
        "who": redact(question.asked_by.strip()),
        "why": redact(question.why.strip()),
    }


def cases(proeftuin: Proeftuin, redact) -> list[Case]:
    """Each experiment with an approved lesson, as a case without names."""
    lessons: dict[int, list[str]] = {}
    for experiment_id, text in (
        Lesson.objects.filter(
            proeftuin=proeftuin, review=Lesson.Review.APPROVED, experiment__isnull=False
        )
        .order_by("approved_at", "pk")
        .values_list("experiment_id", "toolkit_text")
    ):
        if text.strip():
            lessons.setdefault(experiment_id, []).append(redact(text.strip()))
    experiments = (
        Experiment.objects.filter(pk__in=lessons)
        .select_related("ethics_review", "origin")
        .order_by("planned_start", "pk")
    )
    result = []
    for e in experiments:
        done = _("%(status)s; gepland van %(start)s tot %(end)s.") % {
            "status": e.get_status_display().capitalize(),
            "start": date_format(e.planned_start),
            "end": date_format(e.planned_end),
        }
        ethics_lines = _ethics_lines(e, redact)
        result.append(
            Case(
                title=redact(e.title),
                question=redact(e.question.strip()),
                data_used=redact(e.data_used.strip()),
                done=done,
                outcome=redact(e.outcome.strip()),
                lessons=lessons[e.pk],
                ethics=ethics_lines,
                origin=_origin_line(e, redact),
                key=e.pk,
            )
        )
    return result


def _themes(proeftuin: Proeftuin, topics_by_session: dict[int, Topic]) -> list[Theme]:
    """Sessions by the dimensions of the skills they built; those without one under 'other'."""
    by_dimension: dict[str, list[Topic]] = {key: [] for key, _label in Dimension.choices}
    linked = set()
    for session_id, dimension in Session.skills.through.objects.filter(
        session_id__in=topics_by_session
    ).values_list("session_id", "skill__dimension"):
        topic = topics_by_session[session_id]
        if dimension in by_dimension and topic not in by_dimension[dimension]:
            by_dimension[dimension].append(topic)
            linked.add(session_id)
    themes = [
        Theme(label=str(label), topics=sorted(by_dimension[key], key=lambda t: t.on))
        for key, label in Dimension.choices
        if by_dimension[key]
    ]
    rest = [t for pk, t in topics_by_session.items() if pk not in linked]
    if rest:
        themes.append(Theme(label=_("Andere onderwerpen"), topics=rest))
    return themes


def summary(purpose: str, figures: Figures, months: int) -> str:
    """The pilot in a paragraph: purpose, people (when shown), duration; no names."""
    parts = [purpose] if purpose else []
    if figures.shown:
        parts.append(
            ngettext(
                "%(people)s medewerkers leerden samen werken met data, gedurende %(months)s maand.",
                "%(people)s medewerkers leerden samen werken met data, "
                "gedurende %(months)s maanden.",
                months,
            )
            % {"people": figures.participants.display, "months": months}
        )
    else:
        parts.append(
            ngettext(
                "Een kleine groep medewerkers leerde samen werken met data, "
                "gedurende %(months)s maand.",
                "Een kleine groep medewerkers leerde samen werken met data, "
                "gedurende %(months)s maanden.",
                months,
            )
            % {"months": months}
        )
    parts.append(_("Dit pakket noemt niemand bij naam."))
    return " ".join(parts)


def library_redactor(proeftuin: Proeftuin):
    """The redactor for the public library: members' names, and the organisation's own name
    unless the director chose to be named (then its description stands in)."""
    redact = redactor_for(proeftuin)
    organisation = proeftuin.organisation
    if organisation.named_in_library or not organisation.name.strip():
        return redact
    own_name = re.compile(rf"\b{re.escape(organisation.name.strip())}\b", re.IGNORECASE)
    description = organisation.public_name
    return lambda text: own_name.sub(description, redact(text))


def build(proeftuin: Proeftuin, *, for_library: bool = False) -> Toolkit:
    """The toolkit of a pilot, every text already redacted (for the public library, the
    organisation named only as its director chose)."""
    redact = library_redactor(proeftuin) if for_library else redactor_for(proeftuin)
    dimensions = {
        key: DimensionLessons(key=key, label=str(label)) for key, label in Dimension.choices
    }
    stages = {value: StageLessons(stage=value, label=str(label)) for value, label in Stage.choices}
    approved = Lesson.objects.filter(proeftuin=proeftuin, review=Lesson.Review.APPROVED).order_by(
        "approved_at", "pk"
    )
    for kind, dimension, stage, text in approved.values_list(
        "kind", "dimension", "stage", "toolkit_text"
    ):
        if not text.strip() or dimension not in dimensions:
            continue
        pitfall = kind == Lesson.Kind.PITFALL
        text = redact(text.strip())
        bucket = dimensions[dimension]
        (bucket.pitfalls if pitfall else bucket.good_practices).append(text)
        if stage in stages:
            (stages[stage].pitfalls if pitfall else stages[stage].good_practices).append(text)
    sessions = (
        Session.objects.filter(proeftuin=proeftuin)
        .exclude(status=Session.Status.CANCELLED)
        .order_by("starts_at")
    )
    topics_by_session = {
        s.pk: Topic(
            on=timezone.localtime(s.starts_at).date(),
            title=redact(s.title),
            kind=s.get_kind_display(),
        )
        for s in sessions
    }
    culture_round, culture, first_steps = culture_change(proeftuin)
    months = (
        (proeftuin.ends_on.year - proeftuin.starts_on.year) * 12
        + (proeftuin.ends_on.month - proeftuin.starts_on.month)
        + 1
    )
    figures = headline_figures(proeftuin)
    purpose = redact(proeftuin.purpose)
    organisation = proeftuin.organisation
    return Toolkit(
        pilot_name=redact(proeftuin.name),
        organisation_name=organisation.public_name if for_library else organisation.name,
        purpose=purpose,
        starts_on=proeftuin.starts_on,
        ends_on=proeftuin.ends_on,
        figures=figures,
        dimensions=list(dimensions.values()),
        topics=list(topics_by_session.values()),
        made_on=timezone.localdate(),
        months=months,
        themes=_themes(proeftuin, topics_by_session),
        culture=culture,
        culture_round=redact(culture_round),
        skills=skill_progress(proeftuin),
        cases=cases(proeftuin, redact),
        first_steps=first_steps,
        summary=summary(purpose, figures, months),
        stages=[s for s in stages.values() if s.good_practices or s.pitfalls],
    )

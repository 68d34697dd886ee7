"""The toolkit (informatiepakket): reviewed lessons, headline figures and session topics.

Nothing in it may name a person. The coach removes identifying details when approving a lesson;
as a safety net every text that leaves the pilot is also passed through `redactor_for`, which
replaces the names and e-mail addresses of the pilot's members.

The headline figures are the overview's over the whole pilot, so they pass the same
disclosure-control rule (`proeftuin.overview.figures`) as every page, export and e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone

from learning.models import Lesson
from workshops.models import Session

from .. import overview
from ..models import Dimension, Proeftuin
from ..overview import Figure
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
class Topic:
    on: date
    title: str
    kind: str


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


def build(proeftuin: Proeftuin) -> Toolkit:
    """The toolkit of a pilot, every text already redacted."""
    redact = redactor_for(proeftuin)
    dimensions = {
        key: DimensionLessons(key=key, label=str(label)) for key, label in Dimension.choices
    }
    approved = Lesson.objects.filter(proeftuin=proeftuin, review=Lesson.Review.APPROVED).order_by(
        "approved_at", "pk"
    )
    for kind, dimension, text in approved.values_list("kind", "dimension", "toolkit_text"):
        if not text.strip() or dimension not in dimensions:
            continue
        bucket = dimensions[dimension]
        target = bucket.pitfalls if kind == Lesson.Kind.PITFALL else bucket.good_practices
        target.append(redact(text.strip()))
    sessions = (
        Session.objects.filter(proeftuin=proeftuin)
        .exclude(status=Session.Status.CANCELLED)
        .order_by("starts_at")
    )
    topics = [
        Topic(
            on=timezone.localtime(s.starts_at).date(),
            title=redact(s.title),
            kind=s.get_kind_display(),
        )
        for s in sessions
    ]
    return Toolkit(
        pilot_name=redact(proeftuin.name),
        organisation_name=proeftuin.organisation.name,
        purpose=redact(proeftuin.purpose),
        starts_on=proeftuin.starts_on,
        ends_on=proeftuin.ends_on,
        figures=headline_figures(proeftuin),
        dimensions=list(dimensions.values()),
        topics=topics,
        made_on=timezone.localdate(),
    )

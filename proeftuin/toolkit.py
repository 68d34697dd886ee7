"""The toolkit (informatiepakket): reviewed lessons, headline figures and session topics.

Nothing in it may name a person. The coach removes identifying details when approving a lesson;
as a safety net every text that leaves the pilot is also passed through `redactor_for`, which
replaces the names and e-mail addresses of the pilot's members.

The headline figures are the overview's over the whole pilot, so they pass the same
disclosure-control rule (`proeftuin.overview.figures`) as every page, export and e-mail.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.models import Lesson
from workshops.models import Session

from . import overview
from .errors import DomainError
from .models import Dimension, Invitation, Membership, Proeftuin
from .overview import Figure

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
NAME_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "el", "al", "la", "le", "da"}


class LessonNotAnonymous(DomainError):
    """The toolkit text still identifies someone; the message names what to remove."""


# -- anonymity ----------------------------------------------------------------------------------


def member_identifiers(proeftuin: Proeftuin) -> tuple[list[str], list[str]]:
    """Full names and e-mail addresses of everybody in (or invited to) the pilot."""
    names, emails = set(), set()
    for full_name, email in Membership.objects.filter(proeftuin=proeftuin).values_list(
        "user__full_name", "user__email"
    ):
        names.add(full_name.strip())
        emails.add(email.lower())
    for full_name, email in Invitation.objects.filter(proeftuin=proeftuin).values_list(
        "full_name", "email"
    ):
        names.add(full_name.strip())
        emails.add(email.lower())
    return sorted(n for n in names if n), sorted(emails)


def _name_patterns(names: list[str]) -> list[re.Pattern]:
    """Whole names first, then each capitalised part of a name (a first or last name alone)."""
    parts = {
        part
        for name in names
        for part in name.split()
        if len(part) >= 3 and part.lower() not in NAME_PARTICLES
    }
    whole = [re.compile(re.escape(name), re.IGNORECASE) for name in sorted(names, key=len)[::-1]]
    # Case-sensitive: "Floor" the colleague, not "floor" in a sentence.
    single = [re.compile(rf"\b{re.escape(part)}\b") for part in sorted(parts, key=len)[::-1]]
    return whole + single


def redactor_for(proeftuin: Proeftuin) -> Callable[[str], str]:
    """A function that removes members' names and any e-mail address from a text."""
    names, _emails = member_identifiers(proeftuin)
    patterns = _name_patterns(names)
    placeholder = _("[naam verwijderd]")

    def redact(text: str) -> str:
        text = EMAIL.sub(_("[e-mailadres verwijderd]"), text or "")
        for pattern in patterns:
            text = pattern.sub(placeholder, text)
        return text

    return redact


def identifying_words(proeftuin: Proeftuin, text: str) -> list[str]:
    """The names or e-mail addresses of members that a text still contains."""
    found = [m.group(0) for m in EMAIL.finditer(text)]
    names, _emails = member_identifiers(proeftuin)
    for pattern in _name_patterns(names):
        found.extend(m.group(0) for m in pattern.finditer(text))
    return sorted(set(found))


# -- review (writes) --------------------------------------------------------------------------


@transaction.atomic
def approve_lesson(*, lesson, toolkit_text: str, kind: str, dimension: str):
    """Approve a lesson for the toolkit with its anonymised text; refuses a text with a name."""
    toolkit_text = toolkit_text.strip()
    if not toolkit_text:
        raise LessonNotAnonymous(_("Schrijf de tekst voor het informatiepakket."))
    leftovers = identifying_words(lesson.proeftuin, toolkit_text)
    if leftovers:
        raise LessonNotAnonymous(
            _("Haal eerst weg wat naar iemand verwijst: %(words)s.")
            % {"words": ", ".join(leftovers)}
        )
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.toolkit_text = toolkit_text
    lesson.kind = kind
    lesson.dimension = dimension
    lesson.review = Lesson.Review.APPROVED
    lesson.approved_at = timezone.now()
    lesson.save(update_fields=["toolkit_text", "kind", "dimension", "review", "approved_at"])
    return lesson


@transaction.atomic
def send_back_to_draft(*, lesson, toolkit_text: str | None = None):
    """Take a lesson out of the toolkit again (keeping the edited text, if any)."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.review = Lesson.Review.DRAFT
    lesson.approved_at = None
    if toolkit_text is not None:
        lesson.toolkit_text = toolkit_text.strip()
    lesson.save(update_fields=["review", "approved_at", "toolkit_text"])
    return lesson


@transaction.atomic
def publish(*, proeftuin: Proeftuin) -> str:
    """Give the toolkit a public, unguessable link (the same one when already published)."""
    proeftuin = Proeftuin.objects.select_for_update().get(pk=proeftuin.pk)
    if not proeftuin.toolkit_public_token:
        proeftuin.toolkit_public_token = secrets.token_urlsafe(32)
        proeftuin.save(update_fields=["toolkit_public_token"])
    return proeftuin.toolkit_public_token


def revoke(*, proeftuin: Proeftuin) -> None:
    """Withdraw the public link; it answers 404 from now on."""
    Proeftuin.objects.filter(pk=proeftuin.pk).update(toolkit_public_token=None)


# -- reads --------------------------------------------------------------------------------------


def lessons_for_review(proeftuin: Proeftuin):
    return (
        Lesson.objects.filter(proeftuin=proeftuin)
        .select_related("experiment", "session")
        .order_by("review", "-created_at")
    )


def lesson_for_review_or_404(proeftuin: Proeftuin, lesson_id: int):
    return get_object_or_404(
        Lesson.objects.select_related("experiment", "session", "proeftuin", "author__user"),
        pk=lesson_id,
        proeftuin=proeftuin,
    )


def public_pilot_or_404(token: str) -> Proeftuin:
    if not token or len(token) < 20:
        raise Http404
    pilot = (
        Proeftuin.objects.select_related("organisation").filter(toolkit_public_token=token).first()
    )
    if pilot is None:
        raise Http404
    return pilot


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


def as_html_file(toolkit: Toolkit) -> str:
    """A self-contained HTML document (its CSS inside), for download and printing."""
    return render_to_string("proeftuin/toolkit_file.html", {"toolkit": toolkit})


def _md(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line, keep one line."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def as_markdown(toolkit: Toolkit) -> str:
    """The toolkit as Markdown: headings per dimension, lessons as bullet lists."""
    f = toolkit.figures
    lines = [
        f"# {_('Informatiepakket')}: {_md(toolkit.pilot_name)}",
        "",
        f"{_md(toolkit.organisation_name)} · {date_format(toolkit.starts_on)} – "
        f"{date_format(toolkit.ends_on)}",
        "",
    ]
    if toolkit.purpose:
        lines += [_md(toolkit.purpose), ""]
    lines += [f"## {_('De proeftuin in cijfers')}", ""]
    if f.shown:
        lines += [
            f"- {_('Deelnemers')}: {f.participants.display}",
            f"- {_('Uren geleerd')}: {f.hours.display}",
            f"- {_('Bijeenkomsten gehouden')}: {f.sessions_held}",
            f"- {_('Praktijkexperimenten')}: {f.experiments.display}",
        ]
    else:
        lines += [
            f"- {_('Bijeenkomsten gehouden')}: {f.sessions_held}",
            "",
            _("Andere cijfers tonen we pas vanaf %(n)s deelnemers, zodat niemand herkenbaar is.")
            % {"n": f.min_group_size},
        ]
    lines += ["", f"## {_('Lessen')}", ""]
    for dimension in toolkit.dimensions:
        lines += [f"### {dimension.label}", ""]
        if dimension.empty:
            lines += [_("Nog geen goedgekeurde lessen."), ""]
            continue
        for title, items in (
            (_("Goede praktijken"), dimension.good_practices),
            (_("Valkuilen"), dimension.pitfalls),
        ):
            if items:
                lines += [f"#### {title}", ""] + [f"- {_md(item)}" for item in items] + [""]
    lines += [f"## {_('Onderwerpen van de bijeenkomsten')}", ""]
    lines += [f"- {date_format(t.on)}: {_md(t.title)} ({t.kind})" for t in toolkit.topics] or [
        _("Nog geen bijeenkomsten.")
    ]
    lines += [
        "",
        _("Gemaakt op %(date)s. Zonder namen van deelnemers.")
        % {"date": date_format(toolkit.made_on)},
    ]
    return "\n".join(lines).strip() + "\n"

"""What a figure about people may show: the one disclosure-control rule.

Every figure about people that leaves a person's own pages goes through here: the overview
page and its CSV, the director's digest, the toolkit (page, downloads, public link), and
whatever later publishes across organisations.

1. A figure is computed over the people whose data is in it (not over the pilot). Over one
   to `min_group` minus one people it is hidden (`Hidden.TOO_FEW`). Over nobody it is shown:
   a 0 says that nobody did something, which tells nothing about any one person.
2. Figures that add up to a total (months to the period, stages to the respondents of a
   round, kinds to all activities, states to the goals set) are protected as a group, as if
   the total were published, because a total turns up elsewhere: in another period, the
   toolkit, a later report. What a reader can compute from the shown parts and the total is
   the sum of the parts not shown; that sum must itself be about nobody or about at least
   `min_group` people. Otherwise more is hidden (`Hidden.COMPLEMENT`): the smallest shown part
   that has people in it, or, where the caller says so (`hide_total=True`), the total.
3. A figure across organisations (the peer benchmark) is built from each organisation's own
   figure, and only from one that rule 1 shows under that organisation's group size
   (`contributions`); over fewer than `MIN_ORGANISATIONS` organisations it is hidden
   (`Hidden.TOO_FEW_ORGANISATIONS`), so no cell points at one organisation or a pair of them.
"""

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from django.utils import formats
from django.utils.translation import gettext as _

# The fewest organisations a cross-organisation figure is computed over (k-anonymity).
MIN_ORGANISATIONS = 5


class Hidden(Enum):
    TOO_FEW = "too_few"  # computed over fewer people than the group size
    COMPLEMENT = "complement"  # shown, it would let a reader work out a hidden figure
    TOO_FEW_ORGANISATIONS = "too_few_organisations"  # across fewer than MIN_ORGANISATIONS

    @property
    def text(self) -> str:
        """What a reader sees instead of the number, in the active language."""
        if self is Hidden.COMPLEMENT:
            return _("verborgen, anders is een verborgen cijfer terug te rekenen")
        if self is Hidden.TOO_FEW_ORGANISATIONS:
            return _("te weinig organisaties")
        return too_few_text()


def too_few_text() -> str:
    return _("te weinig deelnemers")


@dataclass(frozen=True)
class Figure:
    """A number and the count of people it was computed over; `hidden` says why it is not shown."""

    value: float | int | None
    people: int
    hidden: Hidden | None = None
    decimals: int = 0

    @property
    def suppressed(self) -> bool:
        return self.hidden is not None

    @property
    def shown_value(self) -> float | int | None:
        return None if self.hidden else self.value

    @property
    def reason(self) -> str:
        return self.hidden.text if self.hidden else ""

    @property
    def display(self) -> str:
        if self.hidden:
            return self.hidden.text
        if self.value is None:
            return too_few_text()
        if isinstance(self.value, float) or self.decimals:
            return formats.number_format(self.value, decimal_pos=self.decimals)
        return str(self.value)

    def __str__(self) -> str:
        return self.display


def _size(people: int | Collection) -> int:
    return people if isinstance(people, int) else len(people)


def too_few(people: int | Collection, min_group: int) -> bool:
    return 0 < _size(people) < min_group


def figure(value, people: int | Collection, min_group: int, decimals: int = 0) -> Figure:
    """A figure over `people` (a number, or the ids of the people whose data is in it)."""
    count = _size(people)
    if too_few(count, min_group):
        return Figure(None, count, Hidden.TOO_FEW, decimals)
    return Figure(value, count, decimals=decimals)


def people_count(count: int, population: int, min_group: int) -> Figure:
    """A cell whose value is a number of people (a stage of a distribution): the cell's own
    people decide, and `people` stays the population it was counted in."""
    hidden = Hidden.TOO_FEW if too_few(count, min_group) else None
    return Figure(None if hidden else count, population, hidden)


@dataclass(frozen=True)
class Part:
    """One part of a group that adds up to a total, and the people whose data is in it.

    `people` is a set of ids when parts may share people (months, kinds), or a number when
    they cannot (stages of one question). `published=False` marks a part a page leaves out
    that a reader can still work out as the total minus the rest (goals behind schedule).
    """

    figure: Figure
    value: float | int
    people: int | frozenset
    published: bool = True


def part(value, people: int | Collection, min_group: int, decimals: int = 0, published=True):
    people = people if isinstance(people, int) else frozenset(people)
    return Part(figure(value, people, min_group, decimals), value, people, published)


def count_part(count: int, population: int, min_group: int) -> Part:
    return Part(people_count(count, population, min_group), count, count)


def _people_of(parts: Sequence[Part]) -> int:
    if all(isinstance(p.people, int) for p in parts):
        return sum(p.people for p in parts)
    return len(frozenset().union(*(p.people for p in parts if not isinstance(p.people, int))))


def protect(
    parts: Sequence[Part], *, min_group: int, total: Figure | None = None, hide_total=False
) -> tuple[list[Figure], Figure | None]:
    """The parts' figures and the total, with complementary suppression (see the module)."""
    figures = [p.figure for p in parts]
    if total is not None and total.hidden is Hidden.TOO_FEW:
        # Parts of a figure about too few people are about too few people, zeros included.
        return [replace(f, value=None, hidden=f.hidden or Hidden.TOO_FEW) for f in figures], total

    def unknown() -> list[Part]:
        return [p for p, f in zip(parts, figures, strict=True) if f.suppressed or not p.published]

    while total is None or not total.suppressed:
        if not too_few(_people_of(unknown()), min_group):
            break
        if hide_total and total is not None:
            total = replace(total, value=None, hidden=Hidden.COMPLEMENT)
            break
        candidates = [
            i
            for i, (p, f) in enumerate(zip(parts, figures, strict=True))
            if p.published and not f.suppressed and _size(p.people)
        ]
        if not candidates:
            if total is not None:
                total = replace(total, value=None, hidden=Hidden.COMPLEMENT)
            break
        smallest = min(candidates, key=lambda i: (parts[i].value, _size(parts[i].people), i))
        figures[smallest] = replace(figures[smallest], value=None, hidden=Hidden.COMPLEMENT)
    return figures, total


def contributions(figures: Mapping[Hashable, Figure]) -> dict[Hashable, float | int]:
    """Each organisation's own figure that may enter a cross-organisation figure: only one
    shown under that organisation's own group size (rule 1)."""
    # A hidden figure carries no value (rule 1), so only shown ones get through.
    return {key: f.shown_value for key, f in figures.items() if f.shown_value is not None}


def across_organisations(value, organisations: int | Collection, decimals: int = 0) -> Figure:
    """A figure over organisations (their number, or their keys); `people` holds that number."""
    count = _size(organisations)
    if count < MIN_ORGANISATIONS:
        return Figure(None, count, Hidden.TOO_FEW_ORGANISATIONS, decimals)
    return Figure(value, count, decimals=decimals)

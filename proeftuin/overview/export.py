"""The overview as CSV rows: aggregates only, no names; a hidden figure stays hidden."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ..models import Stage
from .figures import Figure

if TYPE_CHECKING:
    from . import Overview


@dataclass(frozen=True)
class Item:
    """One figure of the overview as it leaves the site (CSV, workbook, API): no names.

    `value` is None where the figure is hidden, and so is `people`: how many people a hidden
    cell holds is a figure about those few people too. `reason` then says why, in words.
    """

    section: str
    label: str
    value: float | int | None
    people: int | None
    reason: str = ""
    hidden: str | None = None  # the code of figures.Hidden


def headers() -> list[str]:
    return [_("onderdeel"), _("cijfer"), _("waarde"), _("aantal personen")]


def csv_rows(overview: Overview) -> list[list[str]]:
    """The aggregates as rows of (section, figure, value, people counted); no names."""
    rows: list[list[str]] = [headers()]
    for item in items(overview):
        if item.hidden:
            rows.append([item.section, item.label, item.reason, ""])
        else:
            rows.append([item.section, item.label, plain(item.value), plain(item.people)])
    return rows


def items(overview: Overview) -> list[Item]:
    """Every figure of the overview, in the order of the page, through the disclosure rule."""
    rows: list[Item] = []

    def add(section: str, label: str, value: Figure | int, people: int | None = None):
        if isinstance(value, Figure):
            if value.hidden:
                rows.append(Item(section, label, None, None, value.hidden.text, value.hidden.value))
            else:
                rows.append(Item(section, label, value.value, value.people))
        else:
            rows.append(Item(section, label, value, people))

    participation = _("Deelname")
    add(participation, _("deelnemers in totaal"), overview.participants, overview.participants)
    add(
        participation,
        _("actief in %(month)s") % {"month": month_key(overview.active_month)},
        overview.active,
    )
    add(participation, _("uren geleerd in de periode"), overview.hours_total)
    for month, hours in overview.hours_per_month:
        add(participation, _("uren geleerd in %(month)s") % {"month": month_key(month)}, hours)
    for kind, count in overview.activities_per_kind:
        add(participation, _("activiteiten: %(kind)s") % {"kind": kind}, count)
    goals = _("Leerdoelen")
    for key, label in goal_labels().items():
        add(goals, label, overview.goals[key])
    sessions = _("Bijeenkomsten")
    add(sessions, _("gehouden"), overview.sessions_held)
    add(sessions, _("gemiddelde opkomst: aanwezig of te laat (%)"), overview.attendance_rate)
    add(sessions, _("gasten van buiten de proeftuin, aanwezig"), overview.guests_present)
    culture = _("Cultuurverandering")
    for change in overview.culture:
        for index, stage in enumerate(Stage):
            if overview.baseline_round and change.baseline is not None:
                add(
                    culture,
                    f"{change.label}: {stage.label} ({_('nulmeting')})",
                    change.baseline[index],
                )
            if (
                overview.latest_round
                and overview.latest_round != overview.baseline_round
                and change.latest is not None
            ):
                add(
                    culture,
                    f"{change.label}: {stage.label} ({_('laatste meting')})",
                    change.latest[index],
                )
        for measurement_round, median in zip(overview.rounds, change.medians, strict=True):
            add(
                culture,
                f"{change.label}: {_('mediaan')} {measurement_round.opens_on:%Y-%m-%d}",
                median,
            )
    experiments = _("Praktijkexperimenten")
    for label, count in overview.experiments:
        add(experiments, label, count)
    return rows


def plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def month_key(month: date) -> str:
    return month.strftime("%Y-%m")


def goal_labels() -> dict[str, str]:
    return {
        "set": _("gesteld"),
        "on_track": _("op koers"),
        "achieved": _("behaald"),
        "achieved_confirmed": _("behaald, bevestigd door de coach"),
        "achieved_self_declared": _("behaald, zelf gemeld"),
        "dropped": _("gestopt"),
    }

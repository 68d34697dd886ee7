"""The overview as CSV rows: aggregates only, no names; a hidden figure stays hidden."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ..models import Stage
from .figures import Figure

if TYPE_CHECKING:
    from . import Overview


def csv_rows(overview: Overview) -> list[list[str]]:
    """The aggregates as rows of (section, figure, value, people counted); no names."""
    rows: list[list[str]] = [[_("onderdeel"), _("cijfer"), _("waarde"), _("aantal personen")]]

    def add(section: str, label: str, value: Figure | int | str, people: int | str = ""):
        if isinstance(value, Figure):
            if value.hidden:
                # How many people a hidden cell holds is a figure about those few people too.
                rows.append([section, label, value.hidden.text, ""])
            else:
                rows.append([section, label, plain(value.value), str(value.people)])
        else:
            rows.append([section, label, str(value), str(people)])

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
    add(sessions, _("gemiddelde opkomst (%)"), overview.attendance_rate)
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
        "dropped": _("gestopt"),
    }

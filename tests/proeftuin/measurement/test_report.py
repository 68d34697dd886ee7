"""The round report: figures on a known pilot, the disclosure rule, and who reads it."""

import pytest
from django.urls import reverse

from proeftuin.measurement import report as reports
from proeftuin.models import MeasurementRound
from proeftuin.overview.figures import Hidden
from tests import factories
from tests.conftest import make_pilot
from tests.proeftuin.measurement.known_pilot import DATA, answer, days

pytestmark = pytest.mark.django_db


def data_analysis(report):
    return next(d for d in report.dimensions if d.dimension == DATA)


def test_the_report_shows_the_medians_and_the_change_since_the_baseline(known):
    _pilot, baseline, follow_up = known
    row = data_analysis(reports.round_report(follow_up))
    assert row.median_organisation.value == 3.0
    assert row.median_myself.value == 2.0
    assert row.change_organisation.value == 1.0
    assert row.change_myself.value == 0.0
    assert data_analysis(reports.round_report(baseline)).median_organisation.value == 2.0


def test_the_distribution_hides_a_stage_of_two_people_and_the_part_that_would_give_it_away(
    known,
):
    _pilot, _baseline, follow_up = known
    cells = data_analysis(reports.round_report(follow_up)).organisation
    assert [c.shown_value for c in cells] == [0, None, 5, None, 0]
    assert cells[3].hidden is Hidden.TOO_FEW
    assert cells[1].hidden is Hidden.COMPLEMENT


def test_a_change_of_one_stage_among_ten_people_comes_with_an_honest_sentence(known):
    _pilot, _baseline, follow_up = known
    assert data_analysis(reports.round_report(follow_up)).change_text == (
        "Een verschuiving van 1 fase. Bij 10 mensen valt dat op, maar het is geen bewijs: "
        "bespreek samen wat erachter zit."
    )


def test_the_sentence_says_so_when_not_the_same_people_answered_both_rounds():
    text = reports.change_meaning(0.5, 9, same_people=False)
    assert text.startswith("Een verschuiving van een halve fase. Bij 9 mensen")
    assert text.endswith("ook dat kan het verschil verklaren.")


def test_the_dimension_where_answers_lie_furthest_apart_is_marked(known):
    _pilot, _baseline, follow_up = known
    report = reports.round_report(follow_up)
    assert [d.dimension for d in report.dimensions if d.most_disagreement] == [DATA]
    assert data_analysis(report).spread_text == (
        "De middelste helft van de antwoorden over de organisatie ligt tussen fase 2,2 en 3."
    )


def test_the_report_gives_the_advice_for_the_stage_the_group_is_at(known, client_for):
    pilot, _baseline, follow_up = known
    url = reverse("proeftuin:measurement-report", args=[pilot.proeftuin.pk, follow_up.pk])
    page = client_for(pilot.participant).get(url).content.decode()
    assert "De groep staat bij Bewust: ons advies" in page
    assert "Schrijf bij elke analyse vooraf op welke vraag ze beantwoordt" in page


def test_a_round_with_fewer_answers_than_the_group_size_hides_every_figure_and_says_why(
    client_for,
):
    pilot = make_pilot(min_group_size=3)
    closed = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=days(-20),
        closes_on=days(-1),
    )
    answer(pilot.participant, closed, {DATA: 4})
    answer(pilot.other_participant, closed, {DATA: 4})
    report = reports.round_report(closed)
    row = data_analysis(report)
    assert report.respondents.hidden is Hidden.TOO_FEW
    assert all(cell.suppressed for cell in row.organisation + row.myself)
    assert row.median_organisation.suppressed and row.advice is None
    url = reverse("proeftuin:measurement-report", args=[pilot.proeftuin.pk, closed.pk])
    page = client_for(pilot.director).get(url).content.decode()
    assert "Aantal antwoorden: te weinig deelnemers." in page
    assert "niet getoond, want de middelste fase is verborgen (te weinig deelnemers)" in page
    assert "Gedreven: ons advies" not in page


def test_who_answered_the_coach_and_the_director_read_the_report_and_others_do_not(
    known, client_for
):
    pilot, _baseline, follow_up = known
    url = reverse("proeftuin:measurement-report", args=[pilot.proeftuin.pk, follow_up.pk])
    for member in (pilot.participant, pilot.coach, pilot.director):
        assert client_for(member).get(url).status_code == 200
    newcomer = factories.ParticipantFactory(proeftuin=pilot.proeftuin)
    assert client_for(newcomer).get(url).status_code == 404


def test_the_report_of_a_round_still_open_is_not_there_yet(pilot, client_for):
    still_open = factories.MeasurementRoundFactory(proeftuin=pilot.proeftuin)
    answer(pilot.participant, still_open, {})
    url = reverse("proeftuin:measurement-report", args=[pilot.proeftuin.pk, still_open.pk])
    assert client_for(pilot.coach).get(url).status_code == 404


def _pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_report_downloads_as_a_pdf_with_its_figures_advice_and_no_name(known, client_for):
    pilot, _baseline, follow_up = known
    url = reverse("proeftuin:measurement-report-pdf", args=[pilot.proeftuin.pk, follow_up.pk])
    response = client_for(pilot.director).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="verslag-')
    text = " ".join(_pdf_text(response).split())
    assert "Verslag van" in text and "Analyse van gegevens" in text
    assert "De groep staat bij Bewust: ons advies" in text
    assert "Zet in het plan" not in text  # a link for the screen, not for paper
    names = [m.user.full_name for m in pilot.proeftuin.memberships.select_related("user")]
    assert not [name for name in names if name and name in text]
    page = client_for(pilot.director).get(
        reverse("proeftuin:measurement-report", args=[pilot.proeftuin.pk, follow_up.pk])
    )
    assert url in page.content.decode()


def test_the_pdf_of_a_small_round_hides_what_the_page_hides(client_for):
    pilot = make_pilot(min_group_size=3)
    closed = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=days(-20),
        closes_on=days(-1),
    )
    answer(pilot.participant, closed, {DATA: 4})
    answer(pilot.other_participant, closed, {DATA: 4})
    url = reverse("proeftuin:measurement-report-pdf", args=[pilot.proeftuin.pk, closed.pk])
    text = " ".join(_pdf_text(client_for(pilot.director).get(url)).split())
    assert "Aantal antwoorden: te weinig deelnemers." in text
    assert "Gedreven: ons advies" not in text
    # Someone who may not read the report gets no PDF either.
    newcomer = factories.ParticipantFactory(proeftuin=pilot.proeftuin)
    assert client_for(newcomer).get(url).status_code == 404

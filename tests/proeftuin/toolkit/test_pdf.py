"""The informatiepakket as PDF: a real, paginated PDF with the HTML's contents and no names.

WeasyPrint's own document API reads the laid-out pages back (the project has no PDF reader):
`pdf_document` is what `as_pdf` writes, so its text is the text of the file.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from learning.models import EthicsReview, Lesson, SkillGoal
from proeftuin import toolkit
from proeftuin.models import Membership, Proeftuin
from proeftuin.toolkit.formats import pdf_document
from tests.factories import (
    ExperimentFactory,
    GoalFactory,
    MaturityAssessmentFactory,
    MeasurementRoundFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

HEADINGS_NL = [
    "Informatiepakket",
    "De proeftuin in het kort",
    "De cultuurverandering",
    "Vaardigheden",
    "Bijeenkomsten per thema",
    "Praktijkcases",
    "Lessen",
    "Waar begin je?",
]


def pdf_text(proeftuin, language="nl") -> tuple[str, int]:
    """The words on the PDF's pages and the number of pages."""
    with translation.override(language):
        document = pdf_document(toolkit.build(proeftuin))
    words = [
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if getattr(box, "text", None)
    ]
    return " ".join(" ".join(words).split()), len(document.pages)


def closed_rounds(pilot, baseline_stage: int, latest_stage: int):
    """A closed baseline and a closed follow-up, answered by the pilot's three participants."""
    today = timezone.localdate()
    baseline = MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind="baseline",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=50),
    )
    follow_up = MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        title="Vervolgmeting",
        opens_on=today - timedelta(days=10),
        closes_on=today - timedelta(days=2),
    )
    people = (pilot.participant, pilot.other_participant, pilot.third_participant)
    for person in people:
        MaturityAssessmentFactory(
            membership=person,
            round=baseline,
            stages=dict.fromkeys(("data_analysis",), baseline_stage),
        )
        MaturityAssessmentFactory(
            membership=person, round=follow_up, stages={"data_analysis": latest_stage}
        )


def test_the_pdf_download_is_a_pdf_named_after_the_pilot(pilot, client_for):
    response = client_for(pilot.participant).get(
        reverse("proeftuin:toolkit-pdf", args=[pilot.proeftuin.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="informatiepakket-proeftuin-' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")


def test_the_toolkit_page_links_to_the_pdf(pilot, client_for):
    page = client_for(pilot.director).get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk]))
    url = reverse("proeftuin:toolkit-pdf", args=[pilot.proeftuin.pk])
    assert f'href="{url}"' in page.content.decode()
    assert "Download als pdf" in page.content.decode()


def test_the_pdf_has_a_cover_and_a_page_for_each_part_with_its_heading(pilot):
    text, pages = pdf_text(pilot.proeftuin)
    for heading in HEADINGS_NL:
        assert heading in text, heading
    # The cover, then the summary, culture, skills, sessions, cases, lessons, where to begin.
    assert pages >= 8
    assert "1 / " not in text  # the cover carries no page number
    assert f"2 / {pages}" in text


def test_the_pdf_is_in_english_for_an_english_reader(pilot, client_for):
    text, _pages = pdf_text(pilot.proeftuin, "en")
    assert "Where to begin?" in text and "Waar begin je?" not in text
    response = client_for(pilot.participant).get(
        reverse("proeftuin:toolkit-pdf", args=[pilot.proeftuin.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200


def test_an_approved_experiment_is_a_case_with_question_data_outcome_and_lesson(pilot):
    experiment = ExperimentFactory(
        owner=pilot.participant,
        title="Wachtlijst in beeld",
        question="Waarom wachten jongeren zo lang?",
        data_used="Aanmelddata van vorig jaar",
        outcome="De wachttijd zit vooral in de intake.",
        status="done",
    )
    Lesson.objects.create(
        proeftuin=pilot.proeftuin,
        author=pilot.participant,
        experiment=experiment,
        kind="good_practice",
        dimension="data_analysis",
        text="x",
        toolkit_text="Vraag de intakers mee te kijken.",
        review="approved",
        approved_at=timezone.now(),
    )
    EthicsReview.objects.create(
        experiment=experiment,
        personal_data="Alleen de aanmelddatum en de intakedatum, zonder namen.",
        state=EthicsReview.State.APPROVED,
        decided_at=timezone.now(),
    )
    ExperimentFactory(owner=pilot.participant, title="Nog niet goedgekeurd")
    text, _pages = pdf_text(pilot.proeftuin)
    case = text.split("Praktijkcases")[-1].split("Lessen")[0]
    for expected in (
        "Wachtlijst in beeld",
        "Waarom wachten jongeren zo lang?",
        "Aanmelddata van vorig jaar",
        "Ethisch getoetst en goedgekeurd door een tweede persoon",
        "Alleen de aanmelddatum en de intakedatum, zonder namen.",
        "Afgerond",
        "De wachttijd zit vooral in de intake.",
        "Vraag de intakers mee te kijken.",
    ):
        assert expected in case, expected
    assert "Nog niet goedgekeurd" not in text


def test_the_culture_change_of_a_group_large_enough_is_in_the_pdf(pilot):
    closed_rounds(pilot, baseline_stage=2, latest_stage=4)
    text, _pages = pdf_text(pilot.proeftuin)
    culture = text.split("De cultuurverandering")[-1].split("Vaardigheden")[0]
    assert "Vervolgmeting" in culture
    assert "Analyse van gegevens 2,0 4,0 2,0" in culture
    assert "Een verschuiving van 2 fasen" in culture


def test_a_small_pilots_suppressed_figures_stay_suppressed_in_the_pdf(pilot):
    pilot.proeftuin.min_group_size = 4
    pilot.proeftuin.save()
    closed_rounds(pilot, baseline_stage=2, latest_stage=4)
    skill = SkillFactory(organisation=pilot.proeftuin.organisation, name="Draaitabellen")
    for person in (pilot.participant, pilot.other_participant, pilot.third_participant):
        GoalFactory(membership=person, skill=skill, status=SkillGoal.Status.ACHIEVED)
    text, _pages = pdf_text(pilot.proeftuin)
    culture = text.split("De cultuurverandering")[-1].split("Vaardigheden")[0]
    hidden = " ".join(["te weinig deelnemers"] * 3)
    assert f"Analyse van gegevens {hidden}" in culture
    assert "4,0" not in culture and "verschuiving" not in culture
    skills = text.split("Vaardigheden")[-1].split("Bijeenkomsten per thema")[0]
    assert "Draaitabellen Analyse van gegevens te weinig deelnemers te weinig deelnemers" in skills
    assert "Een kleine groep medewerkers" in text
    # The advice for the group's stage would tell the hidden median.
    where = text.split("Waar begin je?")[-1]
    assert "Begin met een nulmeting" in where


def test_skills_show_who_worked_on_them_and_who_reached_a_goal_in_a_large_enough_group(pilot):
    skill = SkillFactory(organisation=pilot.proeftuin.organisation, name="Draaitabellen")
    for person in (pilot.participant, pilot.other_participant, pilot.third_participant):
        GoalFactory(membership=person, skill=skill, status=SkillGoal.Status.ACHIEVED)
    text, _pages = pdf_text(pilot.proeftuin)
    assert "Draaitabellen Analyse van gegevens 3 3" in text


def test_one_person_not_yet_at_the_goal_cannot_be_worked_out_from_the_skills(pilot):
    skill = SkillFactory(organisation=pilot.proeftuin.organisation, name="Draaitabellen")
    extra = Membership.objects.create(
        proeftuin=pilot.proeftuin,
        user=pilot.coach.user.__class__.objects.create(
            email="vierde@example.org", full_name="Vierde Deelnemer"
        ),
        role="participant",
    )
    people = (pilot.participant, pilot.other_participant, pilot.third_participant)
    for person in people:
        GoalFactory(membership=person, skill=skill, status=SkillGoal.Status.ACHIEVED)
    GoalFactory(membership=extra, skill=skill)
    text, _pages = pdf_text(pilot.proeftuin)
    # 4 with a goal and 3 reached would tell that one person did not.
    assert "Draaitabellen Analyse van gegevens 4 verborgen" in text


def test_the_public_link_serves_the_pdf_and_a_revoked_link_does_not(pilot, client):
    token = toolkit.publish(proeftuin=pilot.proeftuin)
    url = reverse("proeftuin:toolkit-public-pdf", args=[token])
    page = client.get(reverse("proeftuin:toolkit-public", args=[token])).content.decode()
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    toolkit.revoke(proeftuin=pilot.proeftuin)
    assert client.get(url).status_code == 404


def test_the_pdf_of_the_demo_pilot_names_no_member(client_for):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    proeftuin = Proeftuin.objects.get(organisation__slug="diversion-demo")
    members = list(Membership.objects.filter(proeftuin=proeftuin).select_related("user"))
    someone = next(m for m in members if m.role == "participant")
    experiment = ExperimentFactory(
        owner=someone,
        title=f"Proef van {someone.user.full_name}",
        question=f"Vraag van {someone.user.email}",
        outcome=f"Besproken met {someone.user.full_name}: nuttig.",
    )
    Lesson.objects.create(
        proeftuin=proeftuin,
        author=someone,
        experiment=experiment,
        kind="pitfall",
        dimension="people_and_organisation",
        text="x",
        toolkit_text=f"{someone.user.full_name} vergat toestemming te vragen.",
        review="approved",
        approved_at=timezone.now(),
    )
    text, pages = pdf_text(proeftuin)
    assert "vergat toestemming te vragen" in text and pages >= 8
    for member in members:
        assert member.user.full_name not in text, member.user.full_name
        assert member.user.email not in text, member.user.email
    assert not toolkit.EMAIL.search(text)
    response = client_for(members[0]).get(reverse("proeftuin:toolkit-pdf", args=[proeftuin.pk]))
    assert response.status_code == 200

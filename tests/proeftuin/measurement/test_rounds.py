"""Measurement rounds: opening them, answering them, and who may do what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from proeftuin import measurement
from proeftuin.models import (
    AssessmentAnswer,
    AssessmentDraft,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
)
from tests import factories

pytestmark = pytest.mark.django_db

BASELINE = MeasurementRound.Kind.BASELINE
FOLLOW_UP = MeasurementRound.Kind.FOLLOW_UP


def today():
    return timezone.localdate()


def all_stages(stage: int = 3) -> dict:
    return {(d, s): stage for d in Dimension.values for s in ("organisation", "self")}


def step_data(dimension: str, stage: int = 3, **extra) -> dict:
    data = {"dimension": dimension, "organisation": str(stage), "self": str(stage)}
    data.update(extra)
    return data


@pytest.fixture
def open_round(pilot):
    return factories.MeasurementRoundFactory(proeftuin=pilot.proeftuin, kind=BASELINE)


@pytest.fixture
def closed_round(pilot):
    return factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind=BASELINE,
        opens_on=today() - timedelta(days=30),
        closes_on=today() - timedelta(days=1),
    )


# --- opening rounds ------------------------------------------------------------------------


def test_the_first_round_is_the_baseline(pilot):
    created = measurement.open_round(
        proeftuin=pilot.proeftuin,
        kind=BASELINE,
        opens_on=today(),
        closes_on=today() + timedelta(days=14),
    )
    assert created.kind == BASELINE


def test_a_follow_up_cannot_come_before_the_baseline(pilot):
    with pytest.raises(measurement.RoundInvalid) as error:
        measurement.open_round(
            proeftuin=pilot.proeftuin,
            kind=FOLLOW_UP,
            opens_on=today(),
            closes_on=today() + timedelta(days=14),
        )
    assert error.value.field == "kind"
    assert not MeasurementRound.objects.exists()


def test_a_pilot_has_only_one_baseline(pilot, closed_round):
    with pytest.raises(measurement.RoundInvalid, match="al een nulmeting"):
        measurement.open_round(
            proeftuin=pilot.proeftuin,
            kind=BASELINE,
            opens_on=today(),
            closes_on=today() + timedelta(days=14),
        )


def test_a_round_cannot_close_before_it_opens(pilot):
    with pytest.raises(measurement.RoundInvalid) as error:
        measurement.open_round(
            proeftuin=pilot.proeftuin,
            kind=BASELINE,
            opens_on=today() + timedelta(days=5),
            closes_on=today() + timedelta(days=4),
        )
    assert error.value.field == "closes_on"


def test_rounds_do_not_overlap(pilot, open_round):
    with pytest.raises(measurement.RoundInvalid, match="overlapt"):
        measurement.open_round(
            proeftuin=pilot.proeftuin,
            kind=FOLLOW_UP,
            opens_on=today(),
            closes_on=today() + timedelta(days=30),
        )


def test_a_round_stays_inside_the_pilot(pilot):
    with pytest.raises(measurement.RoundInvalid, match="looptijd"):
        measurement.open_round(
            proeftuin=pilot.proeftuin,
            kind=BASELINE,
            opens_on=today(),
            closes_on=pilot.proeftuin.ends_on + timedelta(days=1),
        )


def test_the_coach_opens_a_round_on_the_page(pilot, client_for):
    response = client_for(pilot.coach).post(
        reverse("proeftuin:measurement-new", args=[pilot.proeftuin.pk]),
        {
            "kind": BASELINE,
            "title": "Nulmeting",
            "opens_on": today().isoformat(),
            "closes_on": (today() + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert MeasurementRound.objects.get().title == "Nulmeting"


def test_a_wrong_date_is_shown_on_the_field_and_nothing_is_stored(pilot, client_for):
    response = client_for(pilot.coach).post(
        reverse("proeftuin:measurement-new", args=[pilot.proeftuin.pk]),
        {
            "kind": BASELINE,
            "opens_on": today().isoformat(),
            "closes_on": (today() - timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "De sluitdatum ligt vóór de openingsdatum." in response.content.decode()
    assert not MeasurementRound.objects.exists()


# --- answering -----------------------------------------------------------------------------


def test_a_participant_answers_every_dimension_for_the_organisation_and_themselves(
    pilot, open_round
):
    measurement.save_assessment(
        measurement_round=open_round,
        membership=pilot.participant,
        stages=all_stages(3),
        notes={Dimension.PUBLIC_VALUE: "We vragen nu toestemming."},
    )
    answers = AssessmentAnswer.objects.filter(assessment__membership=pilot.participant)
    assert answers.count() == 8
    assert answers.get(dimension=Dimension.PUBLIC_VALUE, subject="self").note == (
        "We vragen nu toestemming."
    )


def test_answering_again_replaces_the_answer_instead_of_adding_one(pilot, open_round):
    for stage in (2, 4):
        measurement.save_assessment(
            measurement_round=open_round, membership=pilot.participant, stages=all_stages(stage)
        )
    assert MaturityAssessment.objects.count() == 1
    assert set(AssessmentAnswer.objects.values_list("stage", flat=True)) == {4}


def test_a_closed_round_cannot_be_answered(pilot, closed_round):
    with pytest.raises(measurement.RoundClosed):
        measurement.save_assessment(
            measurement_round=closed_round, membership=pilot.participant, stages=all_stages()
        )
    assert not MaturityAssessment.objects.exists()


def test_a_closed_round_keeps_its_answers_when_posted_again(pilot, closed_round, client_for):
    factories.MaturityAssessmentFactory(
        membership=pilot.participant, round=closed_round, stages={Dimension.DATA_ANALYSIS: 1}
    )
    response = client_for(pilot.participant).post(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, closed_round.pk]),
        step_data(Dimension.DATA_ANALYSIS, 5),
    )
    assert response.status_code == 302
    assert not AssessmentAnswer.objects.filter(stage=5).exists()
    page = client_for(pilot.participant).get(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, closed_round.pk])
    )
    assert "Deze meetronde is gesloten" in page.content.decode()
    assert 'type="radio"' not in page.content.decode()


@pytest.mark.parametrize("role", ["coach", "director"])
def test_only_participants_answer_a_round(pilot, open_round, role):
    with pytest.raises(measurement.NotAParticipant):
        measurement.save_assessment(
            measurement_round=open_round, membership=getattr(pilot, role), stages=all_stages()
        )


def test_a_participant_of_another_pilot_cannot_answer_this_round(open_round, other_pilot):
    with pytest.raises(measurement.NotAParticipant):
        measurement.save_assessment(
            measurement_round=open_round, membership=other_pilot.participant, stages=all_stages()
        )


def test_the_form_shows_one_dimension_with_we_and_i_statements(pilot, open_round, client_for):
    page = client_for(pilot.participant).get(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, open_round.pk])
    )
    text = page.content.decode()
    assert text.count('type="radio"') == 10
    assert "Stap 1 van 4: Analyse van gegevens" in text
    assert "<legend>Waar sta ik zelf?</legend>" in text
    assert "We stellen eerst een vraag" in text
    assert "Ik begin met een vraag, zoek de gegevens erbij" in text


def _post_step(client, pilot, open_round, dimension, stage=3, **extra):
    return client.post(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, open_round.pk]),
        step_data(dimension, stage, **extra),
    )


def test_each_step_is_saved_and_the_next_dimension_follows(pilot, open_round, client_for):
    client = client_for(pilot.participant)
    response = _post_step(client, pilot, open_round, Dimension.DATA_ANALYSIS, 4, note="Grafieken")
    assert response.status_code == 302
    assert response["Location"].endswith(f"?dimensie={Dimension.LEARNING_AND_CHANGE}")
    draft = AssessmentDraft.objects.get(membership=pilot.participant, round=open_round)
    assert draft.answers[Dimension.DATA_ANALYSIS] == {
        "organisation": 4,
        "self": 4,
        "note": "Grafieken",
    }


def test_a_half_answered_round_does_not_count_as_answered(pilot, open_round, client_for):
    client = client_for(pilot.participant)
    _post_step(client, pilot, open_round, Dimension.DATA_ANALYSIS)
    assert not MaturityAssessment.objects.exists()
    assert pilot.participant in measurement.non_respondents(open_round)


def test_coming_back_later_resumes_at_the_first_unanswered_dimension(pilot, open_round, client_for):
    client = client_for(pilot.participant)
    _post_step(client, pilot, open_round, Dimension.DATA_ANALYSIS)
    _post_step(client, pilot, open_round, Dimension.PEOPLE_AND_ORGANISATION)
    page = client.get(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, open_round.pk])
    )
    assert "Stap 2 van 4: Leren en veranderen" in page.content.decode()


def test_the_last_step_stores_the_whole_answer_once(pilot, open_round, client_for):
    client = client_for(pilot.participant)
    for dimension in Dimension.values[:-1]:
        _post_step(client, pilot, open_round, dimension, 2)
    response = _post_step(client, pilot, open_round, Dimension.values[-1], 5, note="Open")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "proeftuin:measurement-rounds", args=[pilot.proeftuin.pk]
    )
    assessment = MaturityAssessment.objects.get(membership=pilot.participant, round=open_round)
    assert assessment.answers.count() == 8
    assert assessment.answers.filter(stage=5).count() == 2
    assert not AssessmentDraft.objects.exists()


def test_changing_one_dimension_after_answering_changes_only_that_one(
    pilot, open_round, client_for
):
    factories.MaturityAssessmentFactory(membership=pilot.participant, round=open_round)
    _post_step(client_for(pilot.participant), pilot, open_round, Dimension.PUBLIC_VALUE, 5)
    answers = AssessmentAnswer.objects.filter(assessment__membership=pilot.participant)
    assert answers.count() == 8
    assert set(answers.filter(stage=5).values_list("dimension", flat=True)) == {
        Dimension.PUBLIC_VALUE
    }
    assert not AssessmentDraft.objects.exists()


def test_a_missing_stage_is_named_and_nothing_is_stored(pilot, open_round, client_for):
    data = step_data(Dimension.PUBLIC_VALUE)
    del data["self"]
    response = client_for(pilot.participant).post(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, open_round.pk]), data
    )
    assert response.status_code == 400
    assert "Kies een fase." in response.content.decode()
    assert not AssessmentDraft.objects.exists()


def test_a_step_with_a_stage_out_of_range_is_refused_naming_the_field(pilot, open_round):
    with pytest.raises(measurement.AnswerInvalid) as refused:
        measurement.save_step(
            measurement_round=open_round,
            membership=pilot.participant,
            dimension=Dimension.DATA_ANALYSIS,
            organisation_stage=3,
            self_stage=6,
        )
    assert refused.value.field == "self"
    assert not AssessmentDraft.objects.exists()


def test_a_step_in_a_closed_round_is_refused(pilot, closed_round):
    with pytest.raises(measurement.RoundClosed):
        measurement.save_step(
            measurement_round=closed_round,
            membership=pilot.participant,
            dimension=Dimension.DATA_ANALYSIS,
            organisation_stage=3,
            self_stage=3,
        )


def test_a_participant_sees_their_own_answers_over_the_rounds(pilot, closed_round, client_for):
    factories.MaturityAssessmentFactory(
        membership=pilot.participant, round=closed_round, stages={Dimension.DATA_ANALYSIS: 4}
    )
    other = factories.MaturityAssessmentFactory(
        membership=pilot.other_participant, round=closed_round
    )
    other.answers.filter(subject="self").update(note="Geheim van een ander")
    page = client_for(pilot.participant).get(
        reverse("proeftuin:measurement-rounds", args=[pilot.proeftuin.pk])
    )
    text = page.content.decode()
    assert "Gedreven" in text  # stage 4 of their own answer
    assert "Geheim van een ander" not in text


# --- who may see what ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "rounds", "new", "answer"),
    [
        ("participant", 200, 404, 200),
        ("coach", 200, 200, 404),
        ("director", 404, 404, 404),
        ("other_organisation", 404, 404, 404),
    ],
)
def test_the_permission_matrix_of_the_measurement_pages(
    pilot, other_pilot, open_round, client_for, who, rounds, new, answer
):
    membership = other_pilot.participant if who == "other_organisation" else getattr(pilot, who)
    client = client_for(membership)
    pk = pilot.proeftuin.pk
    assert client.get(reverse("proeftuin:measurement-rounds", args=[pk])).status_code == rounds
    assert client.get(reverse("proeftuin:measurement-new", args=[pk])).status_code == new
    assert (
        client.get(reverse("proeftuin:measurement-answer", args=[pk, open_round.pk])).status_code
        == answer
    )


def test_a_round_of_another_pilot_is_not_found(pilot, other_pilot, client_for):
    foreign = factories.MeasurementRoundFactory(proeftuin=other_pilot.proeftuin, kind=BASELINE)
    response = client_for(pilot.participant).get(
        reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, foreign.pk])
    )
    assert response.status_code == 404


def test_the_coach_home_shows_how_many_answered_the_open_round(pilot, open_round, client_for):
    factories.MaturityAssessmentFactory(membership=pilot.participant, round=open_round)
    page = client_for(pilot.coach).get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert "1 van 3 deelnemers hebben ingevuld" in page.content.decode()


def test_answering_a_round_marks_its_notifications_read_and_no_others(pilot, open_round):
    from notifications.models import Reminder, Rule
    from tests.notifications.helpers import sent

    mine = sent(pilot.participant, rule=Rule.ROUND_OPENED, subject_key=f"round:{open_round.pk}")
    other = sent(pilot.participant, rule=Rule.GONE_QUIET, subject_key=f"round:{open_round.pk}")
    theirs = sent(
        pilot.other_participant, rule=Rule.ROUND_OPENED, subject_key=f"round:{open_round.pk}"
    )
    measurement.save_assessment(
        measurement_round=open_round, membership=pilot.participant, stages=all_stages()
    )
    read = set(Reminder.objects.filter(read_at__isnull=False).values_list("pk", flat=True))
    assert read == {mine.pk}
    assert other.pk not in read and theirs.pk not in read


def test_an_open_round_is_announced_on_the_dashboard_until_the_participant_answered(
    pilot, open_round, client_for
):
    client = client_for(pilot.participant)
    dashboard = reverse("learning:dashboard", args=[pilot.proeftuin.pk])
    answer_url = reverse("proeftuin:measurement-answer", args=[pilot.proeftuin.pk, open_round.pk])
    assert answer_url in client.get(dashboard).content.decode()
    measurement.save_assessment(
        measurement_round=open_round, membership=pilot.participant, stages=all_stages()
    )
    assert answer_url not in client.get(dashboard).content.decode()


# --- closing a round now -------------------------------------------------------------------


def test_the_coach_closes_an_open_round_and_the_report_is_there_at_once(
    pilot, open_round, client_for
):
    factories.MaturityAssessmentFactory(membership=pilot.participant, round=open_round)
    client = client_for(pilot.coach)
    close_url = reverse("proeftuin:measurement-close", args=[pilot.proeftuin.pk, open_round.pk])
    confirm = client.get(close_url).content.decode()
    assert "Sluiten kun je niet ongedaan maken." in confirm
    response = client.post(close_url)
    report_url = reverse("proeftuin:measurement-report", args=[pilot.proeftuin.pk, open_round.pk])
    assert response["Location"] == report_url
    assert client.get(report_url).status_code == 200
    answered = client_for(pilot.participant).get(report_url)
    assert answered.status_code == 200
    open_round.refresh_from_db()
    assert not open_round.is_open()


def test_closing_a_round_that_is_not_open_is_refused_with_a_message(
    pilot, closed_round, client_for
):
    before = closed_round.closes_on
    response = client_for(pilot.coach).post(
        reverse("proeftuin:measurement-close", args=[pilot.proeftuin.pk, closed_round.pk])
    )
    assert response.status_code == 400
    assert "Alleen een open meetronde kan worden gesloten." in response.content.decode()
    closed_round.refresh_from_db()
    assert closed_round.closes_on == before


def test_a_round_that_opened_today_closes_from_tomorrow(pilot):
    today = timezone.localdate()
    fresh = factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin, kind=BASELINE, opens_on=today
    )
    with pytest.raises(measurement.RoundClosed):
        measurement.close_round(measurement_round=fresh)
    fresh.refresh_from_db()
    assert fresh.is_open()


def test_closing_a_round_drops_the_unfinished_steps(pilot, open_round):
    measurement.save_step(
        measurement_round=open_round,
        membership=pilot.participant,
        dimension=Dimension.DATA_ANALYSIS,
        organisation_stage=2,
        self_stage=2,
    )
    measurement.close_round(measurement_round=open_round)
    assert not AssessmentDraft.objects.exists()
    assert not MaturityAssessment.objects.exists()

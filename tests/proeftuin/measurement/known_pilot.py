"""A known pilot for the report, the plan and their reminders: ten participants, two rounds."""

from datetime import timedelta

from django.utils import timezone

from proeftuin.models import AssessmentAnswer, Dimension, MaturityAssessment, MeasurementRound
from tests import factories
from tests.conftest import make_pilot

DATA = Dimension.DATA_ANALYSIS
BASELINE_DATA = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3]
FOLLOW_UP_DATA = [2, 2, 2, 3, 3, 3, 3, 3, 4, 4]


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def answer(membership, measurement_round, organisation: dict, myself: int = 2):
    assessment = MaturityAssessment.objects.create(membership=membership, round=measurement_round)
    AssessmentAnswer.objects.bulk_create(
        AssessmentAnswer(
            assessment=assessment,
            dimension=dimension,
            subject=subject,
            stage=organisation.get(dimension, 2) if subject == "organisation" else myself,
        )
        for dimension in Dimension.values
        for subject in ("organisation", "self")
    )


def known_pilot():
    """Ten participants; data analysis moves from a median of 2 to 3, the rest stays at 2."""
    pilot = make_pilot()
    proeftuin = pilot.proeftuin
    people = [pilot.participant, pilot.other_participant, pilot.third_participant] + [
        factories.ParticipantFactory(proeftuin=proeftuin) for _ in range(7)
    ]
    baseline = factories.MeasurementRoundFactory(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=days(-60),
        closes_on=days(-50),
    )
    follow_up = factories.MeasurementRoundFactory(
        proeftuin=proeftuin, opens_on=days(-20), closes_on=days(-1)
    )
    for person, before, after in zip(people, BASELINE_DATA, FOLLOW_UP_DATA, strict=True):
        answer(person, baseline, {DATA: before})
        answer(person, follow_up, {DATA: after})
    return pilot, baseline, follow_up

"""Demo measurement rounds: a closed baseline, a follow-up showing movement, an open round."""

import random
from datetime import timedelta

from django.db import transaction

from ..models import AssessmentAnswer, Dimension, MaturityAssessment, MeasurementRound
from .stages import SUBJECTS

# Where the group starts per dimension (organisation view); the follow-up moves up a little.
BASELINE_CENTRE = {
    Dimension.DATA_ANALYSIS: 2,
    Dimension.LEARNING_AND_CHANGE: 2,
    Dimension.PEOPLE_AND_ORGANISATION: 1,
    Dimension.PUBLIC_VALUE: 3,
}
NOTES = [
    "We praten vaker over cijfers in het teamoverleg.",
    "Ik durf nu zelf een draaitabel te maken.",
    "Privacy komt eerder ter sprake bij nieuwe ideeën.",
    "Nog veel op gevoel, maar we zijn nieuwsgierig.",
]


@transaction.atomic
def seed(pilot) -> None:
    """Three rounds with answers; a second run changes nothing."""
    today = pilot.today
    starts_on = pilot.proeftuin.starts_on
    baseline = _round(
        pilot,
        title="Nulmeting",
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=starts_on + timedelta(days=7),
        closes_on=starts_on + timedelta(days=21),
    )
    follow_up = _round(
        pilot,
        title="Tussenmeting",
        kind=MeasurementRound.Kind.FOLLOW_UP,
        opens_on=today - timedelta(days=45),
        closes_on=today - timedelta(days=31),
    )
    current = _round(
        pilot,
        title="Vervolgmeting",
        kind=MeasurementRound.Kind.FOLLOW_UP,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=11),
    )
    participants = pilot.participants
    # Baseline: 11 of 12 answered; follow-up: 10; the open round: participants 4..8 so far
    # (participants 1 to 3 can still fill it in during the demo).
    for number, membership in enumerate(participants, start=1):
        if number <= 11:
            _answer(baseline, membership, number, shift=0)
        if number <= 10:
            _answer(follow_up, membership, number, shift=1)
        if 4 <= number <= 8:
            _answer(current, membership, number, shift=1)


def _round(pilot, *, title, kind, opens_on, closes_on) -> MeasurementRound:
    measurement_round, _ = MeasurementRound.objects.get_or_create(
        proeftuin=pilot.proeftuin,
        title=title,
        defaults={"kind": kind, "opens_on": opens_on, "closes_on": closes_on},
    )
    return measurement_round


def _answer(measurement_round, membership, number: int, shift: int) -> None:
    assessment, created = MaturityAssessment.objects.get_or_create(
        membership=membership, round=measurement_round
    )
    if not created:
        return
    rng = random.Random(f"measurement-{measurement_round.title}-{number}")
    answers = []
    for index, dimension in enumerate(Dimension):
        for subject in SUBJECTS:
            centre = BASELINE_CENTRE[dimension] + (1 if subject == "self" else 0)
            moved = shift if rng.random() < 0.6 else 0
            stage = min(5, max(1, centre + moved + rng.choice([-1, 0, 0, 1])))
            note = ""
            if subject == "self" and rng.random() < 0.25:
                note = NOTES[(number + index) % len(NOTES)]
            answers.append(
                AssessmentAnswer(
                    assessment=assessment,
                    dimension=dimension,
                    subject=subject,
                    stage=stage,
                    note=note,
                )
            )
    AssessmentAnswer.objects.bulk_create(answers)

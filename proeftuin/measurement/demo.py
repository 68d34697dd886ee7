"""Demo measurement rounds and the plan: a closed baseline, an ambition and a plan with actions
done and open, a follow-up in which two dimensions moved, and an open round."""

import random
from datetime import timedelta

from django.db import transaction

from ..models import (
    Ambition,
    AssessmentAnswer,
    Commitment,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    PlanAction,
)
from .stages import SUBJECTS

# Where the group starts per dimension (organisation view); the follow-up moves up a little.
BASELINE_CENTRE = {
    Dimension.DATA_ANALYSIS: 2,
    Dimension.LEARNING_AND_CHANGE: 2,
    Dimension.PEOPLE_AND_ORGANISATION: 1,
    Dimension.PUBLIC_VALUE: 3,
}
# The dimensions the plan worked on, which move a stage in the follow-up; the others stay.
MOVED = {Dimension.DATA_ANALYSIS, Dimension.LEARNING_AND_CHANGE}
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
    _plan(pilot, baseline)


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
    # The same person answers alike each round but for the shift, so only the dimensions the
    # plan worked on move (the notes still differ by round).
    rng = random.Random(f"measurement-{number}")
    answers = []
    for index, dimension in enumerate(Dimension):
        for subject in SUBJECTS:
            centre = BASELINE_CENTRE[dimension] + (1 if subject == "self" else 0)
            moved = shift if dimension in MOVED else 0
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


def _plan(pilot, baseline: MeasurementRound) -> None:
    """The director's ambition after the baseline and the plan's actions, some done."""
    from learning.models import Skill
    from workshops.models import Session

    proeftuin, today = pilot.proeftuin, pilot.today
    if proeftuin.ambitions.exists():
        return
    target_on = min(proeftuin.ends_on, today + timedelta(days=120))
    for dimension, stage, why in (
        (Dimension.DATA_ANALYSIS, 3, "We willen wachttijden en drukte zelf kunnen verklaren."),
        (Dimension.LEARNING_AND_CHANGE, 3, "Elke maand samen leren moet gewoon worden."),
        (
            Dimension.PEOPLE_AND_ORGANISATION,
            3,
            "Iedereen weet bij wie je met een datavraag terecht kunt.",
        ),
        (
            Dimension.PUBLIC_VALUE,
            4,
            "Cliënten moeten merken dat we zorgvuldig met hun gegevens omgaan.",
        ),
    ):
        Ambition.objects.create(
            proeftuin=proeftuin,
            dimension=dimension,
            target_stage=stage,
            target_on=target_on,
            why=why,
        )
    Commitment.objects.create(
        proeftuin=proeftuin, hours_per_participant_per_month=4, budget_euros=3500
    )
    skills = {s.key: s for s in Skill.objects.filter(organisation=proeftuin.organisation)}
    session = Session.objects.filter(proeftuin=proeftuin).order_by("starts_at").first()
    after_baseline = baseline.closes_on + timedelta(days=14)
    participants = pilot.participants
    actions = [
        (
            Dimension.DATA_ANALYSIS,
            "Elke maand één vraag uit het werkoverleg met gegevens onderzoeken",
            participants[0],
            after_baseline,
            "done",
            {
                "skill": skills.get("onderzoeksvraag"),
                "goal_statement": "Zelf een onderzoeksvraag scherp krijgen",
            },
        ),
        (
            Dimension.DATA_ANALYSIS,
            "Eén gedeeld register van waar welke gegevens staan",
            pilot.coach,
            after_baseline + timedelta(days=21),
            "done",
            {},
        ),
        (
            Dimension.LEARNING_AND_CHANGE,
            "Vaste maandelijkse leerbijeenkomst in de agenda",
            pilot.coach,
            after_baseline,
            "done",
            {"session": session},
        ),
        (
            Dimension.LEARNING_AND_CHANGE,
            "Elk experiment afsluiten met een kwartier terugkijken",
            participants[1],
            today + timedelta(days=2),
            "open",
            {},
        ),
        (
            Dimension.PUBLIC_VALUE,
            "Bij elk experiment drie vragen: persoonsgegevens, toestemming, niet willen weten",
            participants[2],
            today + timedelta(days=20),
            "open",
            {
                "skill": skills.get("ethisch-afwegen"),
                "goal_statement": "Een ethische afweging maken bij een experiment",
            },
        ),
        (
            Dimension.PEOPLE_AND_ORGANISATION,
            "De directeur vertelt bij een besluit welke gegevens meewogen",
            pilot.director,
            today + timedelta(days=30),
            "open",
            {},
        ),
    ]
    for dimension, text, owner, due_on, status, link in actions:
        PlanAction.objects.create(
            proeftuin=proeftuin,
            dimension=dimension,
            text=text,
            owner=owner,
            due_on=due_on,
            status=status,
            done_on=due_on if status == "done" else None,
            **link,
        )

"""Measurement rounds, the reads: a pilot's rounds, the open one, one's own answers."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import (
    AssessmentAnswer,
    AssessmentDraft,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Proeftuin,
    Role,
    Stage,
)
from .stages import Subject


def rounds_of(proeftuin: Proeftuin) -> list[MeasurementRound]:
    """All rounds of a pilot with their number of answers, oldest first."""
    return list(
        MeasurementRound.objects.filter(proeftuin=proeftuin)
        .annotate(answered=Count("assessments"))
        .order_by("opens_on")
    )


def open_round_of(proeftuin: Proeftuin, today: date | None = None) -> MeasurementRound | None:
    today = today or timezone.localdate()
    return (
        MeasurementRound.objects.filter(
            proeftuin=proeftuin, opens_on__lte=today, closes_on__gte=today
        )
        .order_by("opens_on")
        .first()
    )


def round_of_pilot_or_none(proeftuin: Proeftuin, round_id: int) -> MeasurementRound | None:
    return MeasurementRound.objects.filter(proeftuin=proeftuin, pk=round_id).first()


@dataclass
class OwnRound:
    """One round as one participant sees it: their stages per dimension, if they answered."""

    round: MeasurementRound
    answered: bool
    rows: list[dict]  # dimension label, organisation stage, self stage, note

    @property
    def is_open(self) -> bool:
        return self.round.is_open()


def own_rounds(membership: Membership) -> list[OwnRound]:
    """Every round of the participant's pilot with their own answers (two queries)."""
    own = MaturityAssessment.objects.filter(membership=membership).prefetch_related(
        Prefetch("answers", queryset=AssessmentAnswer.objects.all())
    )
    rounds = MeasurementRound.objects.filter(proeftuin_id=membership.proeftuin_id).prefetch_related(
        Prefetch("assessments", queryset=own, to_attr="own")
    )
    result = []
    for measurement_round in rounds.order_by("opens_on"):
        assessment = measurement_round.own[0] if measurement_round.own else None
        answers = assessment.answers.all() if assessment else []
        by_key = {(a.dimension, a.subject): a for a in answers}
        rows = []
        for dimension in Dimension:
            org = by_key.get((dimension.value, Subject.ORGANISATION))
            own_answer = by_key.get((dimension.value, Subject.SELF))
            rows.append(
                {
                    "dimension": dimension.label,
                    "organisation": Stage(org.stage).label if org else "",
                    "self": Stage(own_answer.stage).label if own_answer else "",
                    "note": own_answer.note if own_answer else "",
                }
            )
        result.append(OwnRound(measurement_round, assessment is not None, rows))
    return result


def initial_answers(membership: Membership, measurement_round: MeasurementRound) -> dict:
    """Form data of an earlier answer to this round, to edit it."""
    initial: dict[str, object] = {}
    answers = AssessmentAnswer.objects.filter(
        assessment__membership=membership, assessment__round=measurement_round
    )
    for answer in answers:
        initial[f"{answer.dimension}__{answer.subject}"] = str(answer.stage)
        if answer.subject == Subject.SELF and answer.note:
            initial[f"{answer.dimension}__note"] = answer.note
    return initial


def non_respondents(measurement_round: MeasurementRound) -> list[Membership]:
    """Active participants of the round's pilot who have not answered it yet."""
    return list(
        Membership.objects.filter(
            proeftuin_id=measurement_round.proeftuin_id, role=Role.PARTICIPANT, is_active=True
        )
        .exclude(Q(assessments__round=measurement_round))
        .select_related("user")
        .order_by("user__full_name")
    )


def step_answers(membership: Membership, measurement_round: MeasurementRound) -> dict[str, dict]:
    """Per dimension answered so far: {"organisation": stage, "self": stage, "note": text},
    from the finished answer if there is one, otherwise from the steps saved."""
    answers = AssessmentAnswer.objects.filter(
        assessment__membership=membership, assessment__round=measurement_round
    )
    result: dict[str, dict] = {}
    for answer in answers:
        row = result.setdefault(answer.dimension, {"note": ""})
        row[answer.subject] = answer.stage
        if answer.subject == Subject.SELF:
            row["note"] = answer.note
    if result:
        return result
    draft = AssessmentDraft.objects.filter(membership=membership, round=measurement_round).first()
    return dict(draft.answers) if draft else {}


def first_unanswered(answers: dict[str, dict]) -> str | None:
    """Where answering resumes: the first dimension without an answer (None: all done)."""
    return next((d for d in Dimension.values if d not in answers), None)

"""Measurement rounds, the writes: opening a round and answering it."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import DomainError
from ..models import (
    AssessmentAnswer,
    AssessmentDraft,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Organisation,
    Proeftuin,
    Role,
    Stage,
    StageAdvice,
)
from .advice import MAX_ACTIONS
from .stages import SUBJECTS, Subject


class MeasurementError(DomainError):
    """A round cannot be opened or answered; the message is shown to the person."""


class RoundInvalid(MeasurementError):
    pass


class RoundClosed(MeasurementError):
    pass


class NotAParticipant(MeasurementError):
    pass


class AnswerInvalid(MeasurementError):
    pass


@transaction.atomic
def open_round(
    *,
    proeftuin: Proeftuin,
    kind: str,
    opens_on: date,
    closes_on: date,
    title: str = "",
    today: date | None = None,
) -> MeasurementRound:
    """Open a measurement round; the first one is the only baseline, dates inside the pilot."""
    today = today or timezone.localdate()
    # Serialise round creation per pilot so two coaches cannot both open the baseline.
    Proeftuin.objects.select_for_update().filter(pk=proeftuin.pk).first()
    rounds = list(MeasurementRound.objects.filter(proeftuin=proeftuin))
    has_baseline = any(r.kind == MeasurementRound.Kind.BASELINE for r in rounds)
    if kind not in MeasurementRound.Kind.values:
        raise RoundInvalid(_("Kies de soort meetronde."), field="kind")
    if kind == MeasurementRound.Kind.BASELINE and has_baseline:
        raise RoundInvalid(_("Deze proeftuin heeft al een nulmeting."), field="kind")
    if kind == MeasurementRound.Kind.FOLLOW_UP and not has_baseline:
        raise RoundInvalid(
            _("Begin met een nulmeting; vervolgmetingen komen daarna."), field="kind"
        )
    if closes_on < opens_on:
        raise RoundInvalid(_("De sluitdatum ligt vóór de openingsdatum."), field="closes_on")
    if closes_on < today:
        raise RoundInvalid(_("De sluitdatum ligt in het verleden."), field="closes_on")
    if opens_on < proeftuin.starts_on or closes_on > proeftuin.ends_on:
        raise RoundInvalid(
            _("Een meetronde valt binnen de looptijd van de proeftuin (%(start)s tot %(end)s).")
            % {"start": proeftuin.starts_on.isoformat(), "end": proeftuin.ends_on.isoformat()},
            field="opens_on",
        )
    for other in rounds:
        if opens_on <= other.closes_on and other.opens_on <= closes_on:
            raise RoundInvalid(
                _("Deze periode overlapt met de meetronde %(round)s.") % {"round": other},
                field="opens_on",
            )
        if (
            kind == MeasurementRound.Kind.FOLLOW_UP
            and other.kind == MeasurementRound.Kind.BASELINE
            and opens_on <= other.closes_on
        ):
            raise RoundInvalid(_("Een vervolgmeting begint na de nulmeting."), field="opens_on")
    return MeasurementRound.objects.create(
        proeftuin=proeftuin, kind=kind, title=title.strip(), opens_on=opens_on, closes_on=closes_on
    )


@transaction.atomic
def close_round(*, measurement_round: MeasurementRound, today: date | None = None) -> None:
    """Close an open round now: it closed yesterday, so today its report is there.

    A round closes on a whole day, as every date check reads it; one that opened today has
    no yesterday inside it and can be closed from tomorrow.
    """
    today = today or timezone.localdate()
    measurement_round = MeasurementRound.objects.select_for_update().get(pk=measurement_round.pk)
    if not measurement_round.is_open(today):
        raise RoundClosed(_("Alleen een open meetronde kan worden gesloten."))
    if measurement_round.opens_on >= today:
        raise RoundClosed(_("Deze meetronde opende vandaag; sluiten kan vanaf morgen."))
    measurement_round.closes_on = today - timedelta(days=1)
    measurement_round.save(update_fields=["closes_on"])
    # Unfinished steps can no longer become an answer.
    AssessmentDraft.objects.filter(round=measurement_round).delete()


@transaction.atomic
def save_assessment(
    *,
    measurement_round: MeasurementRound,
    membership: Membership,
    stages: dict[tuple[str, str], int],
    notes: dict[str, str] | None = None,
    today: date | None = None,
) -> MaturityAssessment:
    """Store (or replace) a participant's answers while the round is open.

    `stages` maps (dimension, subject) to a stage 1..5 and must cover all four dimensions for
    both subjects; `notes` maps a dimension to an optional note, kept on the "self" answer.
    """
    today = today or timezone.localdate()
    notes = notes or {}
    _check_answering(measurement_round, membership, today)
    answers = []
    for dimension in Dimension.values:
        for subject in SUBJECTS:
            stage = stages.get((dimension, subject))
            if stage not in Stage.values:
                raise AnswerInvalid(_("Kies een fase."), field=f"{dimension}__{subject}")
            note = (notes.get(dimension) or "").strip() if subject == Subject.SELF else ""
            if len(note) > 500:
                raise AnswerInvalid(
                    _("Houd de toelichting korter dan 500 tekens."), field=f"{dimension}__note"
                )
            answers.append(
                AssessmentAnswer(dimension=dimension, subject=subject, stage=stage, note=note)
            )
    assessment, created = MaturityAssessment.objects.select_for_update().get_or_create(
        membership=membership, round=measurement_round
    )
    if not created:
        assessment.answers.all().delete()
        assessment.save(update_fields=["updated_at"])
    for answer in answers:
        answer.assessment = assessment
    AssessmentAnswer.objects.bulk_create(answers)
    # Answered: "the round is open" and "it closes soon" have done their work.
    from notifications import services as notifications
    from notifications.models import Rule

    from .reminders import round_key

    notifications.mark_subject_read(
        user=membership.user,
        rules=[Rule.ROUND_OPENED, Rule.ROUND_CLOSING],
        subject_key=round_key(measurement_round.pk),
    )
    return assessment


def _check_answering(measurement_round: MeasurementRound, membership: Membership, today: date):
    if (
        membership.role != Role.PARTICIPANT
        or not membership.is_active
        or membership.proeftuin_id != measurement_round.proeftuin_id
    ):
        raise NotAParticipant(_("Alleen deelnemers van deze proeftuin vullen een meetronde in."))
    if today > measurement_round.closes_on:
        raise RoundClosed(_("Deze meetronde is gesloten; antwoorden kunnen niet meer wijzigen."))
    if today < measurement_round.opens_on:
        raise RoundClosed(_("Deze meetronde is nog niet open."))


@transaction.atomic
def save_step(
    *,
    measurement_round: MeasurementRound,
    membership: Membership,
    dimension: str,
    organisation_stage,
    self_stage,
    note: str = "",
    today: date | None = None,
) -> bool:
    """Store one dimension of a round answered step by step; True once all four are answered.

    Before the last dimension the steps wait in an AssessmentDraft; the step that completes
    the round goes through save_assessment, so an answer counts only when it is whole. A
    participant who already answered changes that one dimension of their answer at once.
    """
    today = today or timezone.localdate()
    _check_answering(measurement_round, membership, today)
    if dimension not in Dimension.values:
        raise AnswerInvalid(_("Kies een van de vier dimensies."), field="dimension")
    stages = {}
    for subject, stage in ((Subject.ORGANISATION, organisation_stage), (Subject.SELF, self_stage)):
        try:
            stage = int(stage)
        except (TypeError, ValueError):
            stage = 0
        if stage not in Stage.values:
            raise AnswerInvalid(_("Kies een fase."), field=subject)
        stages[subject] = stage
    note = (note or "").strip()
    if len(note) > 500:
        raise AnswerInvalid(_("Houd de toelichting korter dan 500 tekens."), field="note")
    assessment = (
        MaturityAssessment.objects.select_for_update()
        .filter(membership=membership, round=measurement_round)
        .first()
    )
    if assessment is not None:
        for subject, stage in stages.items():
            AssessmentAnswer.objects.update_or_create(
                assessment=assessment,
                dimension=dimension,
                subject=subject,
                defaults={"stage": stage, "note": note if subject == Subject.SELF else ""},
            )
        assessment.save(update_fields=["updated_at"])
        return True
    draft, _created = AssessmentDraft.objects.select_for_update().get_or_create(
        membership=membership, round=measurement_round
    )
    draft.answers[dimension] = {
        Subject.ORGANISATION.value: stages[Subject.ORGANISATION],
        Subject.SELF.value: stages[Subject.SELF],
        "note": note,
    }
    if set(draft.answers) < set(Dimension.values):
        draft.save(update_fields=["answers", "updated_at"])
        return False
    save_assessment(
        measurement_round=measurement_round,
        membership=membership,
        stages={
            (d, subject): draft.answers[d][subject]
            for d in Dimension.values
            for subject in SUBJECTS
        },
        notes={d: draft.answers[d]["note"] for d in Dimension.values},
        today=today,
    )
    draft.delete()
    return True


class AdviceInvalid(MeasurementError):
    pass


MAX_ADVICE_TEXT = 2000
MAX_ACTION_TEXT = 300


def _advice_cell(dimension: str, stage) -> tuple[str, int]:
    if dimension not in Dimension.values:
        raise AdviceInvalid(_("Kies een van de vier dimensies."), field="dimension")
    try:
        stage = int(stage)
    except (TypeError, ValueError):
        stage = 0
    if stage not in Stage.values:
        raise AdviceInvalid(_("Kies een fase van 1 tot en met 5."), field="stage")
    return dimension, stage


@transaction.atomic
def save_stage_advice(
    *,
    organisation: Organisation,
    dimension: str,
    stage: int,
    looks_like: str = "",
    next_asks: str = "",
    actions: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> StageAdvice | None:
    """Store the organisation's own text for one cell in one language; all fields empty
    restores the default in that language."""
    dimension, stage = _advice_cell(dimension, stage)
    language = _advice_language(language)
    looks_like, next_asks = looks_like.strip(), next_asks.strip()
    lines = [line.strip() for line in actions.splitlines() if line.strip()]
    for name, text in (("looks_like", looks_like), ("next_asks", next_asks)):
        if len(text) > MAX_ADVICE_TEXT:
            raise AdviceInvalid(
                _("Houd deze tekst korter dan %(n)s tekens.") % {"n": MAX_ADVICE_TEXT}, field=name
            )
    if len(lines) > MAX_ACTIONS:
        raise AdviceInvalid(
            _("Noem hoogstens %(n)s acties, één per regel.") % {"n": MAX_ACTIONS}, field="actions"
        )
    if any(len(line) > MAX_ACTION_TEXT for line in lines):
        raise AdviceInvalid(
            _("Houd elke actie korter dan %(n)s tekens.") % {"n": MAX_ACTION_TEXT},
            field="actions",
        )
    if not (looks_like or next_asks or lines):
        reset_stage_advice(
            organisation=organisation, dimension=dimension, stage=stage, language=language
        )
        return None
    advice, _created = StageAdvice.objects.update_or_create(
        organisation=organisation,
        dimension=dimension,
        stage=stage,
        language=language,
        defaults={"looks_like": looks_like, "next_asks": next_asks, "actions": "\n".join(lines)},
    )
    return advice


def reset_stage_advice(
    *,
    organisation: Organisation,
    dimension: str,
    stage: int,
    language: str = settings.LANGUAGE_CODE,
) -> None:
    """Back to the default advice for one cell in one language."""
    dimension, stage = _advice_cell(dimension, stage)
    StageAdvice.objects.filter(
        organisation=organisation,
        dimension=dimension,
        stage=stage,
        language=_advice_language(language),
    ).delete()


def _advice_language(language: str) -> str:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise AdviceInvalid(_("Kies Nederlands of Engels."), field="language")
    return language

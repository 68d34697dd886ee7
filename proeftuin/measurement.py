"""Measurement rounds: opening a round, answering it, and reading one's own answers."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError
from .models import (
    AssessmentAnswer,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Proeftuin,
    Role,
    Stage,
)

Subject = AssessmentAnswer.Subject

# One line per stage and dimension, shown beside each choice of the form.
STAGE_EXPLANATIONS = {
    Dimension.DATA_ANALYSIS: {
        Stage.LIMITING: gettext_lazy(
            "We gebruiken nauwelijks gegevens; beslissingen gaan op gevoel of gewoonte."
        ),
        Stage.CURIOUS: gettext_lazy(
            "We zijn nieuwsgierig wat gegevens ons vertellen en proberen af en toe iets uit."
        ),
        Stage.AWARE: gettext_lazy(
            "We weten welke gegevens we hebben en bekijken ze bij belangrijke vragen."
        ),
        Stage.DRIVEN: gettext_lazy(
            "We stellen eerst een vraag, verzamelen gericht en bespreken de uitkomsten samen."
        ),
        Stage.SKILLED: gettext_lazy(
            "Analyseren hoort bij het werk; we kennen de grenzen van onze cijfers."
        ),
    },
    Dimension.LEARNING_AND_CHANGE: {
        Stage.LIMITING: gettext_lazy(
            "Nieuwe werkwijzen stuiten op weerstand; we doen het zoals we het altijd deden."
        ),
        Stage.CURIOUS: gettext_lazy(
            "We willen graag leren, maar het blijft bij losse initiatieven."
        ),
        Stage.AWARE: gettext_lazy(
            "We maken tijd om te leren en kijken terug op wat werkt en wat niet."
        ),
        Stage.DRIVEN: gettext_lazy(
            "We proberen bewust nieuwe dingen uit in het werk en delen de lessen met elkaar."
        ),
        Stage.SKILLED: gettext_lazy(
            "Leren en bijsturen gaan vanzelf; een fout is een kans om beter te worden."
        ),
    },
    Dimension.PEOPLE_AND_ORGANISATION: {
        Stage.LIMITING: gettext_lazy(
            "Data is iets voor specialisten; de meeste collega's voelen zich er niet bij betrokken."
        ),
        Stage.CURIOUS: gettext_lazy(
            "Een paar collega's pakken data op; anderen kijken belangstellend mee."
        ),
        Stage.AWARE: gettext_lazy(
            "Het is duidelijk wie wat doet met data en bij wie je terechtkunt met vragen."
        ),
        Stage.DRIVEN: gettext_lazy(
            "Leiding en collega's moedigen werken met data aan en maken er tijd voor vrij."
        ),
        Stage.SKILLED: gettext_lazy(
            "Werken met data zit in de cultuur; iedereen draagt bij naar eigen kunnen."
        ),
    },
    Dimension.PUBLIC_VALUE: {
        Stage.LIMITING: gettext_lazy(
            "We staan er niet bij stil wat ons gebruik van gegevens betekent voor anderen."
        ),
        Stage.CURIOUS: gettext_lazy(
            "We vragen ons af hoe data cliënten en de samenleving kan helpen of schaden."
        ),
        Stage.AWARE: gettext_lazy("We wegen privacy en ethiek af voordat we gegevens gebruiken."),
        Stage.DRIVEN: gettext_lazy(
            "We zetten data in om aantoonbaar meer te betekenen voor cliënten en samenleving."
        ),
        Stage.SKILLED: gettext_lazy(
            "We zijn open over ons gebruik van data en anderen leren van onze aanpak."
        ),
    },
}

SUBJECTS = (Subject.ORGANISATION, Subject.SELF)


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
    return assessment


# --- reads -------------------------------------------------------------------------------


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

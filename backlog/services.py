"""Writes of the question backlog: propose, support, comment, arrange, turn into an experiment."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning import services as learning_services
from learning.models import Experiment
from proeftuin.errors import DomainError
from proeftuin.models import Membership, Role

from .models import Question, QuestionComment, Support

# How long a new experiment is planned for until its owner says otherwise.
FIRST_PLAN = timedelta(days=28)


class Invalid(DomainError):
    """Input for the backlog broke a rule; the message names the field."""

    def __init__(self, errors):
        super().__init__(errors=errors)


def _same_pilot(member: Membership, question: Question) -> None:
    if member.proeftuin_id != question.proeftuin_id:
        raise Invalid({None: _("Deze vraag hoort bij een andere proeftuin.")})


@transaction.atomic
def propose_question(*, member: Membership, text: str, asked_by: str, why: str) -> Question:
    """Anyone in the pilot writes down a question, who asks it and why it matters."""
    text, asked_by, why = (text or "").strip(), (asked_by or "").strip(), (why or "").strip()
    errors: dict[str | None, str] = {}
    if not text:
        errors["text"] = _("Schrijf de vraag op, zoals je hem zou stellen.")
    if not asked_by:
        errors["asked_by"] = _(
            "Schrijf wie deze vraag stelt: een team of groep in woorden, "
            "bijvoorbeeld ‘team planning’."
        )
    if not why:
        errors["why"] = _("Schrijf waarom het antwoord ertoe doet, en voor wie.")
    if errors:
        raise Invalid(errors)
    return Question.objects.create(
        proeftuin_id=member.proeftuin_id, proposer=member, text=text, asked_by=asked_by, why=why
    )


def support_question(*, member: Membership, question: Question) -> bool:
    """Add one person's support; True when it is new (supporting twice counts once)."""
    _same_pilot(member, question)
    if question.proposer_id == member.pk:
        raise Invalid({None: _("Dit is je eigen vraag; anderen kunnen hem steunen.")})
    try:
        with transaction.atomic():
            Support.objects.create(question=question, member=member)
    except IntegrityError:
        return False  # the unique constraint: two clicks, or two tabs, count once
    return True


@transaction.atomic
def comment_on_question(*, member: Membership, question: Question, text: str) -> QuestionComment:
    _same_pilot(member, question)
    text = (text or "").strip()
    if not text:
        raise Invalid({"text": _("Schrijf je opmerking op.")})
    return QuestionComment.objects.create(question=question, author=member, text=text)


@transaction.atomic
def arrange_question(
    *, coach: Membership, question: Question, theme: str, priority: int | None
) -> Question:
    """The coach groups the question under a theme and says when it comes up."""
    _same_pilot(coach, question)
    if coach.role != Role.COACH:
        raise Invalid({None: _("Alleen de coach ordent de vragenlijst.")})
    if priority is not None and priority not in Question.Priority.values:
        raise Invalid({"priority": _("Kies eerst, daarna of later.")})
    question.theme = (theme or "").strip()
    question.priority = priority
    question.save(update_fields=["theme", "priority"])
    return question


@transaction.atomic
def experiment_from_question(*, member: Membership, question: Question) -> Experiment:
    """A participant takes a question up: a planned experiment that keeps where it came from."""
    _same_pilot(member, question)
    today = timezone.localdate()
    experiment = learning_services.save_experiment(
        owner=member,
        title=question.text[:200],
        question=question.text,
        planned_start=today,
        planned_end=today + FIRST_PLAN,
        status=Experiment.Status.PLANNED,
    )
    experiment.origin = question
    experiment.save(update_fields=["origin"])
    return experiment

"""The organisation's ambition and plan: writes and the reads that pages, API and tasks share.

The director (as sponsor) or the coach sets a target stage per dimension, with a date and a
why, and commits time and money; the plan holds actions, each with an owner from the pilot, a
due date, and what carries it out (a session, an experiment, or a learning goal participants
adopt in one step). Every write checks all its fields first and raises one `PlanInvalid`
naming each bad field, so nothing is half-saved.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Ambition,
    Commitment,
    Dimension,
    MeasurementRound,
    Membership,
    PlanAction,
    Proeftuin,
    Role,
    Stage,
)
from ..overview.figures import Figure, figure
from ..validation import InvalidInput, check_date
from .services import MeasurementError

MAX_HOURS = Decimal("80")
MAX_BUDGET = 10_000_000
MAX_TEXT = 300
# A goal adopted from an action whose date has passed runs this long from today.
ADOPTED_GOAL_DAYS = 60


class PlanInvalid(MeasurementError):
    pass


@dataclass(frozen=True)
class Target:
    """The ambition for one dimension as entered; all empty means: no ambition there."""

    dimension: str
    target_stage: int | None = None
    target_on: date | None = None
    why: str = ""

    @property
    def is_empty(self) -> bool:
        return self.target_stage is None and self.target_on is None and not self.why.strip()


def _date_errors(value: date | None, *, name: str, proeftuin: Proeftuin, errors: dict) -> None:
    if value is None:
        errors[name] = _("Kies een datum.")
        return
    try:
        check_date(value, field=name)
    except InvalidInput as exc:
        errors.update(exc.errors)
        return
    if value < proeftuin.starts_on:
        errors[name] = _("Kies een datum vanaf de start van de proeftuin (%(start)s).") % {
            "start": proeftuin.starts_on.isoformat()
        }


@transaction.atomic
def save_ambition(
    *,
    proeftuin: Proeftuin,
    targets: Iterable[Target],
    hours_per_participant_per_month,
    budget_euros,
) -> None:
    """Set the target stage per dimension and the time and money committed, all or nothing."""
    errors: dict[str | None, str] = {}
    targets = list(targets)
    for target in targets:
        if target.dimension not in Dimension.values:
            errors["dimension"] = _("Kies een van de vier dimensies.")
            continue
        if target.is_empty:
            continue
        prefix = target.dimension
        if target.target_stage not in Stage.values:
            errors[f"{prefix}__target_stage"] = _("Kies een fase van 1 tot en met 5.")
        _date_errors(
            target.target_on, name=f"{prefix}__target_on", proeftuin=proeftuin, errors=errors
        )
        why = target.why.strip()
        if not why:
            errors[f"{prefix}__why"] = _("Schrijf in één zin waarom.")
        elif len(why) > MAX_TEXT:
            errors[f"{prefix}__why"] = _("Houd deze tekst korter dan %(n)s tekens.") % {
                "n": MAX_TEXT
            }
    try:
        hours = Decimal(str(hours_per_participant_per_month))
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite() or not 0 <= hours <= MAX_HOURS:
        errors["hours_per_participant_per_month"] = _(
            "Kies een aantal uren van 0 tot en met %(n)s."
        ) % {"n": MAX_HOURS}
    try:
        budget = int(budget_euros)
    except (TypeError, ValueError):
        budget = None
    if budget is None or not 0 <= budget <= MAX_BUDGET:
        errors["budget_euros"] = _("Kies een bedrag van 0 tot en met %(n)s euro.") % {
            "n": MAX_BUDGET
        }
    if errors:
        raise PlanInvalid(errors=errors)
    for target in targets:
        if target.is_empty:
            Ambition.objects.filter(proeftuin=proeftuin, dimension=target.dimension).delete()
            continue
        Ambition.objects.update_or_create(
            proeftuin=proeftuin,
            dimension=target.dimension,
            defaults={
                "target_stage": target.target_stage,
                "target_on": target.target_on,
                "why": target.why.strip(),
            },
        )
    Commitment.objects.update_or_create(
        proeftuin=proeftuin,
        defaults={"hours_per_participant_per_month": hours, "budget_euros": budget},
    )


def _linked_object(model, pk, scope: dict, name: str, errors: dict):
    if pk in (None, ""):
        return None
    try:
        return model.objects.get(pk=int(pk), **scope)
    except (model.DoesNotExist, TypeError, ValueError, OverflowError):
        errors[name] = _("Kies er een uit de lijst van deze proeftuin.")
        return None


@transaction.atomic
def save_action(
    *,
    proeftuin: Proeftuin,
    action: PlanAction | None = None,
    dimension: str,
    text: str,
    owner_id,
    due_on: date | None,
    status: str = PlanAction.Status.OPEN,
    advice_stage: int | None = None,
    session_id=None,
    experiment_id=None,
    skill_id=None,
    goal_statement: str = "",
    today: date | None = None,
) -> PlanAction:
    """Add an action to the plan (or change one); the owner must be a member of the pilot."""
    from learning.models import Experiment, Skill
    from workshops.models import Session

    today = today or timezone.localdate()
    errors: dict[str | None, str] = {}
    if dimension not in Dimension.values:
        errors["dimension"] = _("Kies een van de vier dimensies.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Beschrijf de actie.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Houd deze tekst korter dan %(n)s tekens.") % {"n": MAX_TEXT}
    owner = _linked_object(
        Membership, owner_id, {"proeftuin": proeftuin, "is_active": True}, "owner", errors
    )
    if owner is None and "owner" not in errors:
        errors["owner"] = _("Kies wie de actie trekt.")
    elif "owner" in errors:
        errors["owner"] = _("Kies iemand die meedoet aan deze proeftuin.")
    _date_errors(due_on, name="due_on", proeftuin=proeftuin, errors=errors)
    if status not in PlanAction.Status.values:
        errors["status"] = _("Kies een status.")
    if advice_stage not in (None, *Stage.values):
        errors["advice_stage"] = _("Kies een fase van 1 tot en met 5.")
    session = _linked_object(Session, session_id, {"proeftuin": proeftuin}, "session", errors)
    experiment = _linked_object(
        Experiment, experiment_id, {"owner__proeftuin": proeftuin}, "experiment", errors
    )
    skill = _linked_object(
        Skill,
        skill_id,
        {"organisation_id": proeftuin.organisation_id, "is_active": True},
        "skill",
        errors,
    )
    if sum(x is not None for x in (session, experiment, skill)) > 1:
        errors["session"] = _(
            "Kies één ding dat de actie uitvoert: een bijeenkomst, een experiment of een leerdoel."
        )
    goal_statement = (goal_statement or "").strip()
    if len(goal_statement) > MAX_TEXT:
        errors["goal_statement"] = _("Houd deze tekst korter dan %(n)s tekens.") % {"n": MAX_TEXT}
    if errors:
        raise PlanInvalid(errors=errors)
    action = action or PlanAction(proeftuin=proeftuin)
    was_done = action.pk is not None and action.status == PlanAction.Status.DONE
    action.dimension = dimension
    action.text = text
    action.owner = owner
    action.due_on = due_on
    action.status = status
    action.advice_stage = advice_stage
    action.session, action.experiment, action.skill = session, experiment, skill
    action.goal_statement = goal_statement if skill else ""
    if status == PlanAction.Status.DONE:
        action.done_on = action.done_on if was_done else today
    else:
        action.done_on = None
    action.save()
    return action


@transaction.atomic
def adopt_goal(*, action: PlanAction, membership: Membership, today: date | None = None):
    """ "Neem dit leerdoel over": the participant gets the proposed goal; twice gives one goal."""
    from learning import services as learning
    from learning.models import SkillGoal

    today = today or timezone.localdate()
    if membership.role != Role.PARTICIPANT or membership.proeftuin_id != action.proeftuin_id:
        raise PlanInvalid(_("Alleen deelnemers van deze proeftuin nemen een leerdoel over."))
    if action.skill is None:
        raise PlanInvalid(_("Bij deze actie hoort geen leerdoel."), field="skill")
    statement = action.goal_statement or action.text
    existing = SkillGoal.objects.filter(
        membership=membership,
        skill=action.skill,
        statement=statement,
        status__in=[SkillGoal.Status.OPEN, SkillGoal.Status.IN_PROGRESS],
    ).first()
    if existing:
        return existing
    due_on = action.due_on if action.due_on > today else today + timedelta(ADOPTED_GOAL_DAYS)
    return learning.create_goal(
        membership=membership,
        skill=action.skill,
        statement=statement,
        start_level=1,
        target_level=3,
        due_on=due_on,
        starts_on=today,
    )


# --- reads ---------------------------------------------------------------------------------


@dataclass
class Plan:
    proeftuin: Proeftuin
    ambitions: dict[str, Ambition]
    commitment: Commitment | None
    actions: list[PlanAction]

    def actions_for(self, dimension: str) -> list[PlanAction]:
        return [a for a in self.actions if a.dimension == dimension]


def plan_of(proeftuin: Proeftuin) -> Plan:
    return Plan(
        proeftuin=proeftuin,
        ambitions={a.dimension: a for a in Ambition.objects.filter(proeftuin=proeftuin)},
        commitment=Commitment.objects.filter(proeftuin=proeftuin).first(),
        actions=list(
            PlanAction.objects.filter(proeftuin=proeftuin).select_related(
                "owner__user", "session", "experiment", "skill"
            )
        ),
    )


def action_of_pilot_or_none(proeftuin: Proeftuin, action_id) -> PlanAction | None:
    try:
        return PlanAction.objects.select_related("skill").get(proeftuin=proeftuin, pk=action_id)
    except (PlanAction.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


@dataclass
class AmbitionRow:
    dimension: str
    label: str
    ambition: Ambition | None
    medians: list[tuple[MeasurementRound, Figure]]  # the closed rounds, oldest first
    open_actions: int = 0
    done_actions: int = 0

    @property
    def latest(self) -> Figure | None:
        return self.medians[-1][1] if self.medians else None

    @property
    def reached(self) -> bool | None:
        """Whether the latest shown median is at the target; None when unknown."""
        latest = self.latest
        if self.ambition is None or latest is None or latest.suppressed or latest.value is None:
            return None
        return latest.value >= self.ambition.target_stage


@dataclass
class Progress:
    rows: list[AmbitionRow]
    commitment: Commitment | None
    months: int
    participants: int
    hours_committed: float | None
    hours_logged: Figure
    rounds: list[MeasurementRound] = field(default_factory=list)


def months_begun(proeftuin: Proeftuin, today: date) -> int:
    """Calendar months of the pilot begun by today (the current one counts)."""
    end = min(today, proeftuin.ends_on)
    if end < proeftuin.starts_on:
        return 0
    start = proeftuin.starts_on
    return (end.year - start.year) * 12 + end.month - start.month + 1


def ambition_progress(proeftuin: Proeftuin, today: date | None = None) -> Progress:
    """Ambition against the closed rounds, and time committed against hours logged."""
    from learning.models import LearningActivity

    from ..overview import member_ids_subquery
    from .report import medians_by_round

    today = today or timezone.localdate()
    min_group = proeftuin.min_group_size
    plan = plan_of(proeftuin)
    by_round = medians_by_round(proeftuin, today=today)
    rows = []
    for dimension in Dimension:
        actions = plan.actions_for(dimension.value)
        rows.append(
            AmbitionRow(
                dimension=dimension.value,
                label=dimension.label,
                ambition=plan.ambitions.get(dimension.value),
                medians=[(r, medians[dimension.value]) for r, medians in by_round],
                open_actions=sum(a.status == PlanAction.Status.OPEN for a in actions),
                done_actions=sum(a.status == PlanAction.Status.DONE for a in actions),
            )
        )
    participants = Membership.objects.filter(
        proeftuin=proeftuin, role=Role.PARTICIPANT, is_active=True
    ).count()
    months = months_begun(proeftuin, today)
    committed = (
        float(plan.commitment.hours_per_participant_per_month) * participants * months
        if plan.commitment
        else None
    )
    activities = LearningActivity.objects.filter(
        membership__in=member_ids_subquery(proeftuin),
        on__gte=proeftuin.starts_on,
        on__lte=min(today, proeftuin.ends_on),
    )
    # One row per person who logged time: the total and who it describes, in one query.
    per_person = dict(
        activities.order_by()
        .values("membership_id")
        .annotate(total=Sum("minutes"))
        .values_list("membership_id", "total")
    )
    minutes = sum(per_person.values())
    people = set(per_person)
    return Progress(
        rows=rows,
        commitment=plan.commitment,
        months=months,
        participants=participants,
        hours_committed=committed,
        hours_logged=figure(round(minutes / 60, 1), people, min_group, decimals=1),
        rounds=[r for r, _m in by_round],
    )

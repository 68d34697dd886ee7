"""Writes of the learning path: skills, goals, check-ins, comments, activities, experiments."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.models import Rule
from proeftuin import audit, validation
from proeftuin.errors import DomainError
from proeftuin.models import AuditEvent, Membership, Organisation, Role
from workshops import services as workshops

from . import ethics, levels, progress, selectors
from .catalogue import DEFAULT_SKILLS
from .models import (
    EthicsReview,
    EthicsReviewStep,
    Experiment,
    GoalCheckIn,
    GoalComment,
    LearningActivity,
    Lesson,
    LevelDescriptor,
    Skill,
    SkillGoal,
)

MAX_DAYS_AHEAD = 365
MAX_MINUTES = 1440
OPEN_STATUSES = progress.OPEN_STATUSES


class Invalid(DomainError):
    """Input breaks a rule of the learning path; `errors` maps field names (None: the whole
    form) to translated messages."""

    def __init__(self, errors: dict[str | None, str]):
        super().__init__(errors=errors)


def _latest_allowed(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=MAX_DAYS_AHEAD)


def _too_far_ahead() -> str:
    return _("Kies een datum die niet meer dan een jaar vooruit ligt.")


# --- validation shared by forms, API serializers and the services below ---------------------


def goal_errors(
    *,
    membership: Membership,
    skill: Skill | None,
    start_level: int | None,
    target_level: int | None,
    starts_on: date | None,
    due_on: date | None,
) -> dict[str | None, str]:
    """The rules of a goal that involve more than one field; empty when all hold."""
    errors: dict[str | None, str] = {}
    if skill is not None and (
        skill.organisation_id != membership.proeftuin.organisation_id or not skill.is_active
    ):
        errors["skill"] = _("Kies een vaardigheid uit de lijst van je eigen organisatie.")
    if start_level is not None and target_level is not None and target_level <= start_level:
        errors["target_level"] = _("Het doelniveau moet hoger zijn dan het beginniveau.")
    if due_on is not None:
        if starts_on is not None and due_on <= starts_on:
            errors["due_on"] = _("De streefdatum moet na de startdatum liggen.")
        elif due_on > _latest_allowed():
            errors["due_on"] = _too_far_ahead()
    return errors


def activity_errors(
    *,
    membership: Membership,
    on: date | None,
    minutes: int | None,
    skills: Iterable[Skill] = (),
    goals: Iterable[SkillGoal] = (),
) -> dict[str | None, str]:
    errors: dict[str | None, str] = {}
    if on is not None and on > _latest_allowed():
        errors["on"] = _too_far_ahead()
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = _("Vul een aantal minuten in tussen 1 en 1440 (een hele dag).")
    organisation_id = membership.proeftuin.organisation_id
    if any(skill.organisation_id != organisation_id for skill in skills):
        errors["skills"] = _("Kies vaardigheden uit de lijst van je eigen organisatie.")
    if any(goal.membership_id != membership.pk for goal in goals):
        errors["goals"] = _("Je kunt alleen je eigen leerdoelen koppelen.")
    return errors


def experiment_errors(
    *,
    owner: Membership,
    planned_start: date | None,
    planned_end: date | None,
    status: str | None,
    experiment: Experiment | None = None,
    co_members: Iterable[Membership] = (),
) -> dict[str | None, str]:
    errors: dict[str | None, str] = {}
    if planned_start is not None and planned_start > _latest_allowed():
        errors["planned_start"] = _too_far_ahead()
    if planned_end is not None:
        if planned_start is not None and planned_end < planned_start:
            errors["planned_end"] = _("Het geplande einde mag niet vóór de start liggen.")
        elif planned_end > _latest_allowed():
            errors["planned_end"] = _too_far_ahead()
    refusal = start_refusal(experiment=experiment, status=status)
    if refusal:
        errors["status"] = refusal
    for member in co_members:
        if (
            member.proeftuin_id != owner.proeftuin_id
            or member.role != Role.PARTICIPANT
            or member.pk == owner.pk
        ):
            errors["co_members"] = _("Je kunt alleen delen met andere deelnemers van je proeftuin.")
            break
    return errors


STARTED = (Experiment.Status.RUNNING, Experiment.Status.DONE)


def start_refusal(*, experiment: Experiment | None, status: str | None) -> str | None:
    """Why the experiment may not move to `status`, or None: it starts only after an approved
    ethics review. The one rule for pages, API and demo; one already under way is not stopped."""
    if status not in STARTED:
        return None
    if experiment is not None and experiment.pk:
        stored = Experiment.objects.filter(pk=experiment.pk).values_list("status", flat=True)
        if stored.first() in STARTED:
            return None
    state = (
        EthicsReview.objects.filter(experiment=experiment).values_list("state", flat=True).first()
        if experiment is not None and experiment.pk
        else None
    )
    if state == EthicsReview.State.APPROVED:
        return None
    reasons = {
        EthicsReview.State.WAITING: _(
            "Dit experiment kan nog niet starten: de ethische toets wacht op een beoordeling."
        ),
        EthicsReview.State.CHANGES_REQUESTED: _(
            "Dit experiment kan nog niet starten: bij de ethische toets zijn aanpassingen "
            "gevraagd. Pas je antwoorden aan en dien ze opnieuw in."
        ),
        EthicsReview.State.ADVISED_AGAINST: _(
            "Dit experiment kan niet starten: de ethische toets raadt het af. Pas het plan aan "
            "en dien het opnieuw in."
        ),
    }
    return reasons.get(
        state,
        _(
            "Dit experiment kan nog niet starten: eerst moet de ethische toets ingevuld en "
            "goedgekeurd zijn door de coach of de ethisch toetser."
        ),
    )


def _raise_if(errors: dict[str | None, str]) -> None:
    if errors:
        raise Invalid(errors)


# --- skills --------------------------------------------------------------------------------


@transaction.atomic
def ensure_default_catalogue(*, organisation: Organisation) -> int:
    """Add the default skills an organisation lacks (by key); returns how many were added."""
    existing = set(Skill.objects.filter(organisation=organisation).values_list("key", flat=True))
    new = [
        Skill(
            organisation=organisation,
            key=default.key,
            dimension=default.dimension,
            name=default.name,
            description=default.description,
            name_en=default.name_en,
            description_en=default.description_en,
        )
        for default in DEFAULT_SKILLS
        if default.key not in existing
    ]
    Skill.objects.bulk_create(new)
    return len(new)


SKILL_FIELDS = ("dimension", "name", "description", "name_en", "description_en", "is_active")


@transaction.atomic
def save_skill(*, organisation: Organisation, skill: Skill | None = None, **fields) -> Skill:
    """Create a skill in the organisation's catalogue, or change one of its skills."""
    unknown = set(fields) - set(SKILL_FIELDS) - {"key"}
    if unknown:
        raise TypeError(f"unknown skill fields: {sorted(unknown)}")
    if skill is None:
        key = fields.pop("key", None) or _unique_key(organisation, fields.get("name", ""))
        skill = Skill(organisation=organisation, key=key)
    elif skill.organisation_id != organisation.pk:
        raise Invalid({None: _("Deze vaardigheid hoort niet bij je organisatie.")})
    fields.pop("key", None)  # the key is stable once chosen
    for name, value in fields.items():
        setattr(skill, name, value)
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            skill.save()
    except IntegrityError:  # the organisation's catalogue has this key already (skill_key_per_org)
        raise _key_taken() from None
    return skill


DESCRIPTOR_MAX_LENGTH = 300


@transaction.atomic
def save_level_descriptors(*, proeftuin, skill: Skill, texts: dict[int, str]) -> None:
    """The pilot's own words per level of a skill; an empty text falls back to the default."""
    errors: dict[str | None, str] = {}
    if skill.organisation_id != proeftuin.organisation_id:
        errors[None] = _("Deze vaardigheid hoort niet bij je organisatie.")
    for level, text in texts.items():
        if level not in levels.LEVELS:
            errors[None] = _("Kies een niveau van 1 tot en met 5.")
        elif len(text.strip()) > DESCRIPTOR_MAX_LENGTH:
            errors[f"level_{level}"] = _("Houd het bij hoogstens 300 tekens.")
    _raise_if(errors)
    for level, text in texts.items():
        if text.strip():
            LevelDescriptor.objects.update_or_create(
                proeftuin=proeftuin, skill=skill, level=level, defaults={"text": text.strip()}
            )
        else:
            LevelDescriptor.objects.filter(proeftuin=proeftuin, skill=skill, level=level).delete()


def _key_taken() -> Invalid:
    return Invalid({"key": _("Deze sleutel is al in gebruik in de catalogus van je organisatie.")})


def _unique_key(organisation: Organisation, name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:50] or "vaardigheid"
    key, number = base, 1
    while Skill.objects.filter(organisation=organisation, key=key).exists():
        number += 1
        key = f"{base}-{number}"
    return key


# --- goals ---------------------------------------------------------------------------------


@transaction.atomic
def create_goal(
    *,
    membership: Membership,
    skill: Skill,
    statement: str,
    start_level: int,
    target_level: int,
    due_on: date,
    starts_on: date | None = None,
) -> SkillGoal:
    """A participant sets a goal; its current level starts at the start level."""
    starts_on = starts_on or timezone.localdate()
    _raise_if(
        goal_errors(
            membership=membership,
            skill=skill,
            start_level=start_level,
            target_level=target_level,
            starts_on=starts_on,
            due_on=due_on,
        )
    )
    return SkillGoal.objects.create(
        membership=membership,
        skill=skill,
        statement=statement.strip(),
        start_level=start_level,
        target_level=target_level,
        current_level=start_level,
        starts_on=starts_on,
        due_on=due_on,
    )


@transaction.atomic
def update_goal(
    *,
    goal: SkillGoal,
    skill: Skill,
    statement: str,
    start_level: int,
    target_level: int,
    due_on: date,
) -> SkillGoal:
    """Change what a goal is about; the check-in history stays."""
    _raise_if(
        goal_errors(
            membership=goal.membership,
            skill=skill,
            start_level=start_level,
            target_level=target_level,
            starts_on=goal.starts_on,
            due_on=due_on,
        )
    )
    goal.skill = skill
    goal.statement = statement.strip()
    if not goal.check_ins.exists():
        goal.current_level = start_level
    goal.start_level = start_level
    goal.target_level = target_level
    goal.due_on = due_on
    goal.save(
        update_fields=[
            "skill",
            "statement",
            "start_level",
            "target_level",
            "current_level",
            "due_on",
        ]
    )
    return goal


@transaction.atomic
def add_check_in(
    *, goal: SkillGoal, level: int, note: str = "", on: date | None = None, evidence_url: str = ""
) -> GoalCheckIn:
    """Record where a participant stands now; the goal's current level follows."""
    today = timezone.localdate()
    on = on or today
    errors: dict[str | None, str] = {}
    if goal.status not in OPEN_STATUSES:
        errors[None] = _("Dit leerdoel is afgesloten; heropen het niet, maar maak een nieuw doel.")
    if not 1 <= level <= 5:
        errors["level"] = _("Kies een niveau van 1 tot en met 5.")
    if on > today:
        errors["on"] = _("Een check-in kan niet in de toekomst liggen.")
    elif on < goal.starts_on:
        errors["on"] = _("Een check-in kan niet vóór de start van het doel liggen.")
    _raise_if(errors)
    validation.check_link(evidence_url, field="evidence_url")
    check_in = GoalCheckIn.objects.create(
        goal=goal, on=on, level=level, note=note.strip(), evidence_url=evidence_url
    )
    # The latest check-in by date decides the current level (an older one added later does not).
    latest = goal.check_ins.order_by("-on", "-pk").first()
    goal.current_level = latest.level
    goal.status = SkillGoal.Status.IN_PROGRESS
    goal.save(update_fields=["current_level", "status"])
    return check_in


@transaction.atomic
def close_goal(*, goal: SkillGoal, status: str) -> SkillGoal:
    """Mark a goal achieved or dropped; closing it twice changes nothing."""
    if status not in (SkillGoal.Status.ACHIEVED, SkillGoal.Status.DROPPED):
        raise Invalid({"status": _("Een doel sluit je af als behaald of als gestopt.")})
    if goal.status == status:
        return goal
    goal.status = status
    goal.closed_on = timezone.localdate()
    goal.save(update_fields=["status", "closed_on"])
    return goal


@transaction.atomic
def delete_goal(*, goal: SkillGoal) -> int:
    """Delete a goal with its check-ins and comments; linked activities stay, unlinked.

    Returns the number of activities that were linked.
    """
    linked = goal.activities.count()
    goal.delete()  # the m2m rows go with it; the LearningActivity rows stay
    return linked


def _other_side(goal: SkillGoal, author: Membership) -> list:
    """Who hears of a message in a goal's thread: the owner, or else the pilot's coaches."""
    if author.pk != goal.membership_id:
        return [goal.membership.user]
    coaches = Membership.objects.filter(
        proeftuin_id=goal.membership.proeftuin_id, role=Role.COACH, is_active=True
    ).select_related("user")
    return [coach.user for coach in coaches]


def _tell(goal: SkillGoal, comment: GoalComment, rule: str) -> None:
    # One message per thread entry and recipient (the ledger's key); the sweep sends it and
    # leaves out whoever opted out of the rule.
    from django.urls import reverse

    from notifications import services as notifications

    context = {
        "statement": goal.statement,
        "author": comment.author.user.display_name if comment.author else "",
        "kind": comment.kind,
        "text": comment.text[:500],
        "url": reverse("learning:goal", args=[goal.membership.proeftuin_id, goal.pk]),
    }
    for user in _other_side(goal, comment.author):
        notifications.schedule(
            rule=rule,
            recipient=user,
            subject_key=f"goal:{goal.pk}",
            period=f"comment{comment.pk}",
            due_at=timezone.now(),
            context=context,
            proeftuin=goal.membership.proeftuin,
        )


def _in_thread(goal: SkillGoal, author: Membership) -> bool:
    """The goal's owner and the coach of its pilot write in its thread; nobody else."""
    if author.proeftuin_id != goal.membership.proeftuin_id:
        return False
    return author.pk == goal.membership_id or author.role == Role.COACH


@transaction.atomic
def add_comment(*, goal: SkillGoal, author: Membership, text: str) -> GoalComment:
    """A message in the goal's thread by its owner or the coach; the other side hears of it."""
    if not _in_thread(goal, author):
        raise Invalid(
            {None: _("Alleen de deelnemer en de coach kunnen bij dit leerdoel schrijven.")}
        )
    text = text.strip()
    if not text:
        raise Invalid({"text": _("Schrijf een opmerking.")})
    comment = GoalComment.objects.create(goal=goal, author=author, text=text)
    _tell(goal, comment, Rule.GOAL_MESSAGE)
    return comment


@transaction.atomic
def ask_confirmation(*, goal: SkillGoal, text: str = "") -> GoalComment:
    """The owner asks the coach to confirm the goal as achieved; an open goal closes as achieved."""
    goal = SkillGoal.objects.select_for_update().select_related("membership__user").get(pk=goal.pk)
    if goal.status == SkillGoal.Status.DROPPED:
        raise Invalid({None: _("Een gestopt doel kan de coach niet als behaald bevestigen.")})
    if goal.confirmation == SkillGoal.Confirmation.CONFIRMED:
        raise Invalid({None: _("De coach heeft dit doel al bevestigd.")})
    if goal.confirmation == SkillGoal.Confirmation.ASKED:
        raise Invalid({None: _("Je hebt de coach al om een bevestiging gevraagd.")})
    if goal.status != SkillGoal.Status.ACHIEVED:
        goal.status = SkillGoal.Status.ACHIEVED
        goal.closed_on = timezone.localdate()
    goal.confirmation = SkillGoal.Confirmation.ASKED
    goal.save(update_fields=["status", "closed_on", "confirmation"])
    comment = GoalComment.objects.create(
        goal=goal,
        author=goal.membership,
        kind=GoalComment.Kind.CONFIRMATION_ASKED,
        text=text.strip(),
    )
    _tell(goal, comment, Rule.GOAL_CONFIRMATION_ASKED)
    return comment


@transaction.atomic
def decide_confirmation(
    *, coach: Membership, goal: SkillGoal, confirm: bool, text: str = ""
) -> GoalComment:
    """The coach confirms the goal as achieved, or asks for more (which reopens it)."""
    goal = SkillGoal.objects.select_for_update().select_related("membership__user").get(pk=goal.pk)
    if coach.role != Role.COACH or coach.proeftuin_id != goal.membership.proeftuin_id:
        raise Invalid({None: _("Alleen de coach van deze proeftuin kan een doel bevestigen.")})
    if goal.confirmation != SkillGoal.Confirmation.ASKED:
        raise Invalid({None: _("Bij dit doel wacht geen vraag om bevestiging.")})
    text = text.strip()
    if not confirm and not text:
        raise Invalid({"text": _("Schrijf erbij wat er nog nodig is.")})
    if confirm:
        goal.confirmation = SkillGoal.Confirmation.CONFIRMED
        goal.confirmed_on = timezone.localdate()
        kind = GoalComment.Kind.CONFIRMED
    else:
        # Asking for more reopens the goal: the participant checks in again, with evidence.
        goal.confirmation = SkillGoal.Confirmation.MORE_ASKED
        goal.status = SkillGoal.Status.IN_PROGRESS
        goal.closed_on = None
        kind = GoalComment.Kind.MORE_ASKED
    goal.save(update_fields=["confirmation", "confirmed_on", "status", "closed_on"])
    comment = GoalComment.objects.create(goal=goal, author=coach, kind=kind, text=text)
    _tell(goal, comment, Rule.GOAL_MESSAGE)
    return comment


# --- activities ----------------------------------------------------------------------------


@transaction.atomic
def log_activity(
    *,
    membership: Membership,
    kind: str,
    minutes: int,
    title: str,
    on: date | None = None,
    reflection: str = "",
    evidence_url: str = "",
    skills: Iterable[Skill] = (),
    goals: Iterable[SkillGoal] = (),
    experiment: Experiment | None = None,
) -> LearningActivity:
    """A participant logs something they did to learn."""
    on = on or timezone.localdate()
    skills, goals = list(skills), list(goals)
    _raise_if(
        activity_errors(membership=membership, on=on, minutes=minutes, skills=skills, goals=goals)
    )
    validation.check_link(evidence_url, field="evidence_url")
    activity = LearningActivity.objects.create(
        membership=membership,
        kind=kind,
        on=on,
        minutes=minutes,
        title=title.strip(),
        reflection=reflection.strip(),
        evidence_url=evidence_url,
        experiment=experiment,
    )
    if skills:
        activity.skills.set(skills)
    if goals:
        activity.goals.set(goals)
    _count_sessions_once(activity)
    return activity


def _count_sessions_once(activity: LearningActivity) -> None:
    # A session the participant was marked present at already has its activity: theirs takes
    # its place, or is refused; the rule is the workshops app's, next to marking attendance.
    try:
        workshops.count_logged_activity_once(activity=activity)
    except workshops.WorkshopError as exc:
        raise Invalid({exc.field: exc.message}) from exc


@transaction.atomic
def update_activity(
    *,
    activity: LearningActivity,
    kind: str,
    on: date,
    minutes: int,
    title: str,
    reflection: str = "",
    evidence_url: str = "",
    skills: Iterable[Skill] = (),
    goals: Iterable[SkillGoal] = (),
) -> LearningActivity:
    skills, goals = list(skills), list(goals)
    _raise_if(
        activity_errors(
            membership=activity.membership, on=on, minutes=minutes, skills=skills, goals=goals
        )
    )
    validation.check_link(evidence_url, field="evidence_url")
    activity.kind = kind
    activity.on = on
    activity.minutes = minutes
    activity.title = title.strip()
    activity.reflection = reflection.strip()
    activity.evidence_url = evidence_url
    activity.save(update_fields=["kind", "on", "minutes", "title", "reflection", "evidence_url"])
    activity.skills.set(skills)
    activity.goals.set(goals)
    _count_sessions_once(activity)
    return activity


@transaction.atomic
def delete_activity(*, activity: LearningActivity) -> None:
    activity.delete()


# --- experiments and lessons ---------------------------------------------------------------

EXPERIMENT_FIELDS = (
    "title",
    "question",
    "data_used",
    "planned_start",
    "planned_end",
    "status",
    "outcome",
)


@transaction.atomic
def save_experiment(
    *,
    owner: Membership,
    experiment: Experiment | None = None,
    co_members: Iterable[Membership] | None = None,
    **fields,
) -> Experiment:
    """Create or change an experiment; it cannot start before its ethics review is approved,
    and changing the data it uses reopens an approved review."""
    unknown = set(fields) - set(EXPERIMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown experiment fields: {sorted(unknown)}")
    if experiment is None:
        experiment = Experiment(owner=owner)
    elif experiment.owner_id != owner.pk:
        raise Invalid({None: _("Alleen wie het experiment begon kan het wijzigen.")})
    data_before = experiment.data_used if experiment.pk else None
    for name, value in fields.items():
        setattr(experiment, name, value)
    co_list = list(co_members) if co_members is not None else None
    _raise_if(
        experiment_errors(
            owner=owner,
            planned_start=experiment.planned_start,
            planned_end=experiment.planned_end,
            status=experiment.status,
            experiment=experiment,
            co_members=co_list or (),
        )
    )
    experiment.save()
    if co_list is not None:
        experiment.co_members.set(co_list)
    review = _review_of(experiment)
    if (
        data_before is not None
        and (data_before or "").strip() != (experiment.data_used or "").strip()
    ):
        _reopen(review, by=owner)
    return experiment


# --- the ethics review -----------------------------------------------------------------------


def _review_of(experiment: Experiment) -> EthicsReview:
    review, _created = EthicsReview.objects.select_for_update().get_or_create(experiment=experiment)
    return review


def _role_in_review(member: Membership, experiment: Experiment) -> str:
    if member.pk == experiment.owner_id:
        return "owner"
    if member.role in (Role.COACH, Role.EXPERT):
        return member.role
    return "ethics_reviewer"


_AUDIT_OF_STEP = {
    EthicsReviewStep.Kind.SUBMITTED: audit.What.ETHICS_SUBMITTED,
    EthicsReviewStep.Kind.CHANGES_REQUESTED: audit.What.ETHICS_CHANGES_REQUESTED,
    EthicsReviewStep.Kind.APPROVED: audit.What.ETHICS_APPROVED,
    EthicsReviewStep.Kind.ADVISED_AGAINST: audit.What.ETHICS_ADVISED_AGAINST,
    EthicsReviewStep.Kind.REOPENED: audit.What.ETHICS_REOPENED,
}


def _step(
    review: EthicsReview, *, kind: str, by: Membership, note: str = "", comments=None
) -> EthicsReviewStep:
    experiment = review.experiment
    step = EthicsReviewStep.objects.create(
        review=review,
        kind=kind,
        actor=by,
        actor_role=_role_in_review(by, experiment),
        note=note,
        comments=comments or {},
    )
    audit.record(
        actor=by.user,
        subject=experiment.owner.user,
        action=AuditEvent.Action.REVIEWED,
        what=_AUDIT_OF_STEP[kind],
        params={"experiment": experiment.pk, "step": step.pk},
        proeftuin=by.proeftuin,
    )
    return step


def _reopen(review: EthicsReview, *, by: Membership) -> None:
    # Only a decided review reopens: a waiting one is read afresh anyway, a draft was never read.
    if review.state not in (EthicsReview.State.APPROVED, EthicsReview.State.ADVISED_AGAINST):
        return
    review.state = EthicsReview.State.WAITING
    review.submitted_at = timezone.now()
    review.save(update_fields=["state", "submitted_at", "updated_at"])
    _step(review, kind=EthicsReviewStep.Kind.REOPENED, by=by)


@transaction.atomic
def save_ethics_answers(
    *, owner: Membership, experiment: Experiment, **answers: str
) -> EthicsReview:
    """The owner writes their answers; changing a decided review's answers reopens it."""
    unknown = set(answers) - set(ethics.KEYS)
    if unknown:
        raise TypeError(f"unknown ethics answers: {sorted(unknown)}")
    if experiment.owner_id != owner.pk:
        raise Invalid({None: _("Alleen wie het experiment begon kan de ethische toets invullen.")})
    review = _review_of(experiment)
    changed = []
    for key, value in answers.items():
        value = (value or "").strip()
        if getattr(review, key) != value:
            setattr(review, key, value)
            changed.append(key)
    if changed:
        review.save(update_fields=[*changed, "updated_at"])
        _reopen(review, by=owner)
    return review


@transaction.atomic
def submit_ethics_review(*, owner: Membership, experiment: Experiment) -> EthicsReview:
    """The owner asks for a review once every question is answered."""
    if experiment.owner_id != owner.pk:
        raise Invalid({None: _("Alleen wie het experiment begon kan de toets indienen.")})
    review = _review_of(experiment)
    if review.state not in (EthicsReview.State.DRAFT, EthicsReview.State.CHANGES_REQUESTED):
        raise Invalid(
            {None: _("Deze ethische toets is al ingediend; je hoort het als er een besluit is.")}
        )
    errors: dict[str | None, str] = {
        key: _("Beantwoord deze vraag; ‘niet van toepassing’ mag, met de reden erbij.")
        for key in ethics.KEYS
        if not getattr(review, key).strip()
    }
    _raise_if(errors)
    review.state = EthicsReview.State.WAITING
    review.submitted_at = timezone.now()
    review.save(update_fields=["state", "submitted_at", "updated_at"])
    _step(review, kind=EthicsReviewStep.Kind.SUBMITTED, by=owner)
    return review


DECISIONS = (
    EthicsReview.State.APPROVED,
    EthicsReview.State.CHANGES_REQUESTED,
    EthicsReview.State.ADVISED_AGAINST,
)


@transaction.atomic
def decide_ethics_review(
    *,
    reviewer: Membership,
    experiment: Experiment,
    decision: str,
    note: str = "",
    comments: dict[str, str] | None = None,
) -> EthicsReview:
    """A second person approves, asks for changes (a comment per question) or advises against."""
    if not selectors.may_review(reviewer, experiment):
        raise Invalid(
            {None: _("Een experiment waar je zelf aan werkt, kan je niet zelf beoordelen.")}
        )
    review = _review_of(experiment)
    errors: dict[str | None, str] = {}
    if review.state != EthicsReview.State.WAITING:
        errors[None] = _("Deze ethische toets wacht niet op een beoordeling.")
    if decision not in DECISIONS:
        errors["decision"] = _("Kies: goedkeuren, aanpassingen vragen of afraden.")
    comments = {key: text.strip() for key, text in (comments or {}).items() if (text or "").strip()}
    if set(comments) - set(ethics.KEYS):
        errors["comments"] = _("Een opmerking hoort bij een van de vragen van de toets.")
    note = (note or "").strip()
    if decision == EthicsReview.State.CHANGES_REQUESTED and not (comments or note):
        errors["comments"] = _("Schrijf bij de vragen wat er anders moet.")
    if decision == EthicsReview.State.ADVISED_AGAINST and not note:
        errors["note"] = _("Leg uit waarom je het experiment afraadt.")
    _raise_if(errors)
    review.state = decision
    review.decided_at = timezone.now()
    review.reviewer = reviewer
    review.save(update_fields=["state", "decided_at", "reviewer", "updated_at"])
    _step(review, kind=decision, by=reviewer, note=note, comments=comments)
    return review


@transaction.atomic
def delete_experiment(*, experiment: Experiment) -> None:
    """Delete an experiment with its lessons; activities that mention it stay."""
    experiment.delete()


@transaction.atomic
def add_lesson(
    *,
    author: Membership,
    kind: str,
    dimension: str,
    text: str,
    experiment: Experiment | None = None,
    activity: LearningActivity | None = None,
    session=None,
):
    """A lesson, from exactly one source, as a draft until the coach approves it for the
    toolkit: an experiment (written by whoever began it), a learning activity (by the person
    who did it) or a session (by the pilot's coach, from its summary)."""
    sources = [source for source in (experiment, activity, session) if source is not None]
    if len(sources) != 1:
        raise ValueError("a lesson comes from one experiment, activity or session")
    if experiment is not None and author.pk != experiment.owner_id:
        raise Invalid({None: _("Alleen wie het experiment begon kan er lessen aan toevoegen.")})
    if activity is not None and author.pk != activity.membership_id:
        raise Invalid({None: _("Alleen wie de activiteit deed kan er een les van maken.")})
    if session is not None and (
        author.role != Role.COACH or author.proeftuin_id != session.proeftuin_id
    ):
        raise Invalid(
            {None: _("Alleen de coach van deze proeftuin maakt lessen van een bijeenkomst.")}
        )
    text = text.strip()
    if not text:
        raise Invalid({"text": _("Schrijf op wat je geleerd hebt.")})
    return Lesson.objects.create(
        proeftuin_id=author.proeftuin_id,
        author=author,
        kind=kind,
        dimension=dimension,
        text=text,
        experiment=experiment,
        activity=activity,
        session=session,
    )


# --- the people who carry the change -----------------------------------------------------------


@transaction.atomic
def invite_expert(*, coach: Membership, experiment: Experiment, expert: Membership) -> None:
    """The coach invites an outside expert of the pilot to read one submitted review."""
    if coach.role != Role.COACH or coach.proeftuin_id != experiment.owner.proeftuin_id:
        raise Invalid({None: _("Alleen de coach van deze proeftuin kan iemand uitnodigen.")})
    if expert.role != Role.EXPERT or expert.proeftuin_id != coach.proeftuin_id:
        raise Invalid({"expert": _("Nodig een externe deskundige van deze proeftuin uit.")})
    _review_of(experiment).invited_experts.add(expert)


@transaction.atomic
def propose_success_story(*, ambassador: Membership, lesson: Lesson) -> Lesson:
    """An ambassador proposes a lesson as a success story; the coach decides before it shows."""
    if not ambassador.is_ambassador or ambassador.proeftuin_id != lesson.proeftuin_id:
        raise Invalid({None: _("Alleen een ambassadeur van deze proeftuin kan dit voorstellen.")})
    if lesson.success_story:
        return lesson  # proposed or shown already: proposing again changes nothing
    lesson.success_story = Lesson.SuccessStory.PROPOSED
    lesson.save(update_fields=["success_story"])
    return lesson


@transaction.atomic
def review_success_story(*, coach: Membership, lesson: Lesson, show: bool) -> Lesson:
    """The coach shows a proposed success story, or sends it back (it stays an ordinary lesson)."""
    if coach.role != Role.COACH or coach.proeftuin_id != lesson.proeftuin_id:
        raise Invalid({None: _("Alleen de coach van deze proeftuin beslist over succesverhalen.")})
    if lesson.success_story != Lesson.SuccessStory.PROPOSED:
        raise Invalid({None: _("Dit succesverhaal wacht niet op een besluit.")})
    lesson.success_story = Lesson.SuccessStory.SHOWN if show else ""
    lesson.save(update_fields=["success_story"])
    return lesson

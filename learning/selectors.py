"""Reads of the learning path, shared by pages, the API and the coach's overview.

The `*_read_by` selectors return another person's data to a viewer and record that read in the
audit trail, so a page, an API endpoint and an export of the same data leave the same events.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from django.db.models import (
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proeftuin import audit
from proeftuin.models import (
    ETHICS_REVIEWER,
    AuditEvent,
    Membership,
    Organisation,
    Proeftuin,
    Role,
)
from proeftuin.months import first_of_month, last_months

from . import ethics, progress
from .models import (
    EthicsReview,
    Experiment,
    GoalCheckIn,
    GoalComment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)

OPEN_STATUSES = progress.OPEN_STATUSES

Row = TypeVar("Row")


def _get_or_404(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- the audit trail of reads --------------------------------------------------------------


def _record_reads(
    viewer: Membership,
    subjects: Mapping[int, Mapping] | Iterable[int],
    what: audit.What,
    *,
    action: str = AuditEvent.Action.VIEWED,
) -> None:
    """A coach's read of participants' data leaves one event per participant.

    A participant reads only their own data and experiments whose owner shared them; those
    reads are not recorded. An ethics reviewer reads experiments of others to review them:
    those reads are.
    """
    if viewer.role in (Role.COACH, Role.EXPERT) or viewer.is_ethics_reviewer:
        audit.record_each(
            actor=viewer.user,
            subjects=subjects,
            what=what,
            proeftuin=viewer.proeftuin,
            action=action,
        )


def _listed(
    viewer: Membership, rows: Iterable[Row], person: Callable[[Row], int], what: audit.What
) -> list[Row]:
    """The rows as listed to the viewer; one event per person, with how many of theirs."""
    rows = list(rows)
    counts = Counter(person(row) for row in rows)
    _record_reads(viewer, {pk: {"count": n} for pk, n in counts.items()}, what)
    return rows


# --- skills --------------------------------------------------------------------------------


def skills_of(organisation: Organisation, *, active_only: bool = True) -> QuerySet[Skill]:
    skills = Skill.objects.filter(organisation=organisation)
    return skills.filter(is_active=True) if active_only else skills


# --- goals ---------------------------------------------------------------------------------


def goals_visible_to(viewer: Membership) -> QuerySet[SkillGoal]:
    """A participant's own goals; for the coach every participant's goal in the pilot."""
    goals = SkillGoal.objects.select_related("skill", "membership__user")
    if viewer.role == Role.COACH:
        return goals.filter(
            membership__proeftuin_id=viewer.proeftuin_id, membership__role=Role.PARTICIPANT
        )
    if viewer.role == Role.PARTICIPANT:
        return goals.filter(membership=viewer)
    return goals.none()


def goals_with_history(goals: QuerySet[SkillGoal]) -> QuerySet[SkillGoal]:
    """Goals with their check-ins and comments (authors included) prefetched."""
    return goals.prefetch_related(
        "check_ins",
        Prefetch(
            "comments", queryset=GoalComment.objects.select_related("author__user").order_by("pk")
        ),
    )


def visible_goal_or_404(viewer: Membership, goal_id) -> SkillGoal:
    """A goal the viewer may read, to act on it (its contents are read by `goal_read_by`)."""
    return _get_or_404(goals_visible_to(viewer), goal_id)


def goal_read_by(viewer: Membership, goal_id) -> SkillGoal:
    """A goal the viewer may read, with its history; a coach's read is recorded."""
    goal = _get_or_404(goals_with_history(goals_visible_to(viewer)), goal_id)
    _record_reads(viewer, {goal.membership.user_id: {"goal": goal.pk}}, audit.What.GOAL)
    return goal


def goals_read_by(viewer: Membership, goals: Iterable[SkillGoal]) -> list[SkillGoal]:
    """Goals from `goals_visible_to` as listed to the viewer; a coach's read is recorded."""
    return _listed(viewer, goals, lambda goal: goal.membership.user_id, audit.What.GOALS)


def own_goals(viewer: Membership) -> QuerySet[SkillGoal]:
    """The goals the viewer may change: only their own."""
    return SkillGoal.objects.select_related("skill", "membership__proeftuin").filter(
        membership=viewer
    )


def own_goal_or_404(viewer: Membership, goal_id) -> SkillGoal:
    return _get_or_404(own_goals(viewer), goal_id)


# The columns the overview and the coach's count read: the goal rule's and whose goal it is.
GOAL_PROGRESS_FIELDS = ("membership_id", *progress.GOAL_FIELDS)


# --- activities ----------------------------------------------------------------------------


def activities_visible_to(viewer: Membership) -> QuerySet[LearningActivity]:
    # The platform an activity came from (xAPI) is shown beside it: one LEFT JOIN.
    activities = LearningActivity.objects.select_related(
        "membership__user", "xapi_statement__integration"
    ).prefetch_related("skills", "goals")
    if viewer.role == Role.COACH:
        return activities.filter(
            membership__proeftuin_id=viewer.proeftuin_id, membership__role=Role.PARTICIPANT
        )
    if viewer.role == Role.PARTICIPANT:
        return activities.filter(membership=viewer)
    return activities.none()


def activity_read_by(viewer: Membership, activity_id) -> LearningActivity:
    """An activity the viewer may read; a coach's read is recorded."""
    activity = _get_or_404(activities_visible_to(viewer), activity_id)
    _record_reads(
        viewer, {activity.membership.user_id: {"activity": activity.pk}}, audit.What.ACTIVITY
    )
    return activity


def activities_read_by(
    viewer: Membership, activities: Iterable[LearningActivity]
) -> list[LearningActivity]:
    """Activities from `activities_visible_to` as listed; a coach's read is recorded."""
    return _listed(viewer, activities, lambda a: a.membership.user_id, audit.What.ACTIVITIES)


def own_activities(viewer: Membership) -> QuerySet[LearningActivity]:
    """The activities the viewer may change: only their own."""
    return (
        LearningActivity.objects.select_related("membership__proeftuin")
        .prefetch_related("skills", "goals")
        .filter(membership=viewer)
    )


def own_activity_or_404(viewer: Membership, activity_id) -> LearningActivity:
    return _get_or_404(own_activities(viewer), activity_id)


def monthly_hours(membership: Membership, *, months: int = 6, today: date | None = None):
    """Hours per calendar month, oldest first, the current month last (months without any: 0)."""
    today = today or timezone.localdate()
    firsts = last_months(today, months)
    rows = (
        LearningActivity.objects.filter(membership=membership, on__gte=firsts[0], on__lte=today)
        .annotate(month=TruncMonth("on"))
        .values("month")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    by_month = {}
    for row in rows:
        month = row["month"]
        month = month.date() if hasattr(month, "date") and callable(month.date) else month
        by_month[month] = row["minutes"]
    return [MonthHours(first, round(by_month.get(first, 0) / 60, 1)) for first in firsts]


@dataclass
class MonthHours:
    month: date
    hours: float


# --- experiments ---------------------------------------------------------------------------


def involving(membership: Membership) -> Q:
    """Experiments a participant owns or was added to.

    One list of ids from two indexed lookups (owned, and the through table's rows), not an OR
    of the two: PostgreSQL tests an OR with a subquery on every experiment of the instance (a
    scan of all 40,000 at 10,000 organisations on every dashboard).
    """
    owned = Experiment.objects.filter(owner=membership).order_by().values("pk")
    shared = Experiment.co_members.through.objects.filter(membership=membership)
    return Q(pk__in=owned.union(shared.values("experiment_id"), all=True))


def experiments_visible_to(viewer: Membership) -> QuerySet[Experiment]:
    """Own and shared experiments for a participant; all of the pilot for its coach; for an
    ethics reviewer also every experiment of the pilot whose review was ever submitted."""
    experiments = Experiment.objects.select_related(
        "owner__user", "ethics_review"
    ).prefetch_related(
        Prefetch("co_members", queryset=Membership.objects.select_related("user")),
        Prefetch("lessons", queryset=Lesson.objects.order_by("pk")),
    )
    if viewer.role == Role.COACH:
        return experiments.filter(owner__proeftuin_id=viewer.proeftuin_id)
    if viewer.role == Role.PARTICIPANT:
        if viewer.is_ethics_reviewer:
            return experiments.filter(involving(viewer) | _submitted_in(viewer.proeftuin_id))
        return experiments.filter(involving(viewer))
    if viewer.role == Role.EXPERT:
        invited = EthicsReview.invited_experts.through.objects.filter(membership=viewer)
        return experiments.filter(_submitted_in(viewer.proeftuin_id)).filter(
            ethics_review__in=invited.values("ethicsreview_id")
        )
    return experiments.none()


def _submitted_in(proeftuin_id: int) -> Q:
    return (
        Q(owner__proeftuin_id=proeftuin_id)
        & ~Q(ethics_review__state=EthicsReview.State.DRAFT)
        & Q(ethics_review__isnull=False)
    )


def experiment_read_by(viewer: Membership, experiment_id) -> Experiment:
    """An experiment the viewer may read, with its lessons; a coach's read is recorded."""
    experiment = _get_or_404(experiments_visible_to(viewer), experiment_id)
    _record_reads(
        viewer, {experiment.owner.user_id: {"experiment": experiment.pk}}, audit.What.EXPERIMENT
    )
    return experiment


def experiments_read_by(viewer: Membership, experiments: Iterable[Experiment]) -> list[Experiment]:
    """Experiments from `experiments_visible_to` as listed; a coach's read is recorded."""
    return _listed(viewer, experiments, lambda e: e.owner.user_id, audit.What.EXPERIMENTS)


# --- the ethics review ---------------------------------------------------------------------


def ethics_review_of(experiment: Experiment) -> EthicsReview:
    """The experiment's review; an unsaved draft when nobody wrote an answer yet."""
    try:
        return experiment.ethics_review
    except EthicsReview.DoesNotExist:
        return EthicsReview(experiment=experiment)


def reviews_waiting_for(viewer: Membership) -> list[Experiment]:
    """Experiments of the pilot whose review waits, that the viewer may review (not their own)."""
    if not viewer.holds & {Role.COACH, ETHICS_REVIEWER, Role.EXPERT}:
        return []
    waiting = reviews_waiting_in_pilots_of([viewer])
    if viewer.role == Role.EXPERT:
        waiting = waiting.filter(ethics_review__invited_experts=viewer)
    return list(
        waiting.select_related("ethics_review", "owner").order_by(
            "ethics_review__submitted_at", "pk"
        )
    )


def reviews_waiting_in_pilots_of(viewers: Iterable[Membership], pilot=None) -> QuerySet[Experiment]:
    """Waiting reviews in the viewers' pilots, leaving out experiments they own or share (the
    viewers' role is the caller's to check: the coach's inbox asks for its coaches); `pilot`,
    an expression, narrows to one of those pilots (a count per pilot)."""
    viewers = list(viewers)
    viewer_ids = [viewer.pk for viewer in viewers]
    shared = Experiment.co_members.through.objects.filter(membership_id__in=viewer_ids)
    in_pilots = (
        Q(owner__proeftuin_id=pilot)
        if pilot is not None
        else Q(owner__proeftuin_id__in={viewer.proeftuin_id for viewer in viewers})
    )
    return (
        Experiment.objects.filter(in_pilots, ethics_review__state=EthicsReview.State.WAITING)
        .exclude(owner_id__in=viewer_ids)
        .exclude(pk__in=shared.values("experiment_id"))
    )


def may_review(reviewer: Membership, experiment: Experiment) -> bool:
    """The coach or an appointed ethics reviewer of the pilot, never the owner or a co-member;
    an outside expert only for a review they were invited to."""
    if reviewer.role == Role.EXPERT:
        return (
            reviewer.is_active
            and reviewer.proeftuin_id == experiment.owner.proeftuin_id
            and EthicsReview.invited_experts.through.objects.filter(
                membership=reviewer, ethicsreview__experiment=experiment
            ).exists()
        )
    return (
        reviewer.is_active
        and reviewer.proeftuin_id == experiment.owner.proeftuin_id
        and bool(reviewer.holds & {Role.COACH, ETHICS_REVIEWER})
        and reviewer.pk != experiment.owner_id
        and not experiment.co_members.filter(pk=reviewer.pk).exists()
    )


def reviewable_experiment_or_404(viewer: Membership, experiment_id) -> Experiment:
    """An experiment the viewer may decide on; their read is recorded. 404 for their own."""
    experiment = experiment_read_by(viewer, experiment_id)
    if not may_review(viewer, experiment):
        raise Http404
    return experiment


@dataclass(frozen=True)
class HistoryLine:
    """One step of a review as the history shows it: who by role, never by name."""

    kind: str
    label: str
    by: str
    at: datetime
    note: str
    comments: list[tuple[str, str]]


ROLE_IN_REVIEW = {
    "owner": _("de eigenaar"),
    "coach": _("de coach"),
    "ethics_reviewer": _("de ethisch toetser"),
    "expert": _("de externe deskundige"),
}


def review_history(review: EthicsReview) -> list[HistoryLine]:
    if review.pk is None:
        return []
    labels = {q.key: q.label for q in ethics.QUESTIONS}
    return [
        HistoryLine(
            kind=step.kind,
            label=str(step.get_kind_display()),
            by=str(ROLE_IN_REVIEW.get(step.actor_role, "")),
            at=step.at,
            note=step.note,
            comments=[
                (str(labels[key]), text) for key, text in step.comments.items() if key in labels
            ],
        )
        for step in review.steps.order_by("at", "pk")
    ]


def own_experiments(viewer: Membership) -> QuerySet[Experiment]:
    """The experiments the viewer may change: only those they own."""
    return Experiment.objects.select_related("owner__proeftuin").filter(owner=viewer)


def own_experiment_or_404(viewer: Membership, experiment_id) -> Experiment:
    return _get_or_404(own_experiments(viewer), experiment_id)


def co_member_candidates(owner: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            proeftuin_id=owner.proeftuin_id, role=Role.PARTICIPANT, is_active=True
        )
        .exclude(pk=owner.pk)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


# --- the participant's dashboard -----------------------------------------------------------


@dataclass
class Dashboard:
    goals: list[SkillGoal]
    recent_activities: list[LearningActivity]
    months: list[MonthHours]
    running_experiments: list[Experiment]
    comments: list[GoalComment]
    achieved_goals: int

    @property
    def this_month(self) -> MonthHours:
        return self.months[-1]

    @property
    def previous_average(self) -> float:
        earlier = [m.hours for m in self.months[:-1]]
        return round(sum(earlier) / len(earlier), 1) if earlier else 0.0

    @property
    def max_hours(self) -> float:
        return max([m.hours for m in self.months] + [1])


def dashboard(membership: Membership, *, today: date | None = None) -> Dashboard:
    """Everything on "Mijn leerpad", in a fixed number of queries."""
    today = today or timezone.localdate()
    goals = list(
        SkillGoal.objects.filter(membership=membership, status__in=OPEN_STATUSES)
        .select_related("skill")
        .order_by("due_on", "pk")
    )
    recent = list(LearningActivity.objects.filter(membership=membership).order_by("-on", "-pk")[:5])
    running = list(
        Experiment.objects.filter(involving(membership), status=Experiment.Status.RUNNING).order_by(
            "planned_end", "pk"
        )
    )
    comments = list(
        GoalComment.objects.filter(goal__membership=membership)
        .select_related("goal", "author__user")
        .order_by("-created_at", "-pk")[:5]
    )
    achieved = SkillGoal.objects.filter(
        membership=membership, status=SkillGoal.Status.ACHIEVED
    ).count()
    return Dashboard(
        goals, recent, monthly_hours(membership, today=today), running, comments, achieved
    )


# --- the coach's overview ------------------------------------------------------------------


@dataclass
class ParticipantRow:
    membership: Membership
    last_activity_on: date | None
    minutes_total: int
    minutes_this_month: int
    open_goals: list[SkillGoal] = field(default_factory=list)
    behind_goals: list[SkillGoal] = field(default_factory=list)
    quiet: bool = False

    @property
    def hours_total(self) -> float:
        return round(self.minutes_total / 60, 1)

    @property
    def hours_this_month(self) -> float:
        return round(self.minutes_this_month / 60, 1)

    @property
    def on_track_count(self) -> int:
        return len(self.open_goals) - len(self.behind_goals)

    @property
    def needs_a_word(self) -> bool:
        return self.quiet or bool(self.behind_goals)


def _minutes_since(since: date | None):
    activities = LearningActivity.objects.filter(membership=OuterRef("pk"))
    if since is not None:
        activities = activities.filter(on__gte=since)
    total = (
        activities.order_by().values("membership").annotate(total=Sum("minutes")).values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _participants_with_last_activity(proeftuin: Proeftuin) -> QuerySet[Membership]:
    last_on = (
        LearningActivity.objects.filter(membership=OuterRef("pk"))
        .order_by()
        .values("membership")
        .annotate(last=Max("on"))
        .values("last")
    )
    return Membership.objects.filter(
        proeftuin=proeftuin, role=Role.PARTICIPANT, is_active=True
    ).annotate(last_activity_on=Subquery(last_on))


def _is_quiet(membership: Membership, proeftuin: Proeftuin, today: date) -> bool:
    return progress.is_quiet(
        last_activity_on=membership.last_activity_on,
        joined_at=membership.joined_at,
        pilot_starts_on=proeftuin.starts_on,
        quiet_after_days=proeftuin.quiet_after_days,
        today=today,
    )


def participant_rows(proeftuin: Proeftuin, *, today: date | None = None) -> list[ParticipantRow]:
    """Each active participant with last activity, hours and goals on track or behind.

    Behind and quiet as `learning.progress` decides.
    """
    today = today or timezone.localdate()
    memberships = (
        _participants_with_last_activity(proeftuin)
        .select_related("user")
        .annotate(
            minutes_total=_minutes_since(None),
            minutes_this_month=_minutes_since(first_of_month(today)),
        )
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=SkillGoal.objects.filter(status__in=OPEN_STATUSES)
                .select_related("skill")
                .order_by("due_on", "pk"),
                to_attr="open_goals",
            )
        )
        .order_by("user__full_name", "user__email")
    )
    return [
        ParticipantRow(
            membership=membership,
            last_activity_on=membership.last_activity_on,
            minutes_total=membership.minutes_total,
            minutes_this_month=membership.minutes_this_month,
            open_goals=membership.open_goals,
            behind_goals=[g for g in membership.open_goals if progress.goal_is_behind(g, today)],
            quiet=_is_quiet(membership, proeftuin, today),
        )
        for membership in memberships
    ]


def needs_a_word_count(proeftuin: Proeftuin, *, today: date | None = None) -> int:
    """How many participants are quiet or behind on a goal (`ParticipantRow.needs_a_word`).

    The coach's home page shows only this number, so it reads only the columns the rule needs
    instead of building the whole participant table.
    """
    today = today or timezone.localdate()
    memberships = (
        _participants_with_last_activity(proeftuin)
        .only("pk", "joined_at")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=SkillGoal.objects.filter(status__in=OPEN_STATUSES).only(
                    *GOAL_PROGRESS_FIELDS
                ),
                to_attr="open_goals",
            )
        )
    )
    return sum(
        1
        for membership in memberships
        if _is_quiet(membership, proeftuin, today)
        or any(progress.goal_is_behind(goal, today) for goal in membership.open_goals)
    )


def skill_levels(viewer: Membership) -> list[SkillGoal]:
    """Every participant goal of the coach's pilot with its latest check-in, for the CSV export.

    The export is recorded for each participant in it.
    """
    latest_check_in = (
        GoalCheckIn.objects.filter(goal=OuterRef("pk"))
        .order_by()
        .values("goal")
        .annotate(last=Max("on"))
        .values("last")
    )
    goals = list(
        SkillGoal.objects.filter(
            membership__proeftuin_id=viewer.proeftuin_id, membership__role=Role.PARTICIPANT
        )
        .select_related("skill", "membership__user")
        .annotate(last_check_in_on=Subquery(latest_check_in))
        .order_by("skill__dimension", "skill__name", "membership__user__full_name", "pk")
    )
    _record_reads(
        viewer,
        {goal.membership.user_id for goal in goals},
        audit.What.SKILL_LEVELS_CSV,
        action=AuditEvent.Action.EXPORTED,
    )
    links = evidence_by_goal([goal.pk for goal in goals])
    for goal in goals:
        goal.evidence_links = links.get(goal.pk, [])
    return goals


def evidence_by_goal(goal_ids: Iterable[int]) -> dict[int, list[str]]:
    """goal id -> the evidence links of its check-ins and linked activities, oldest first."""
    goal_ids = list(goal_ids)
    links: dict[int, list[str]] = {}
    check_ins = (
        GoalCheckIn.objects.filter(goal_id__in=goal_ids)
        .exclude(evidence_url="")
        .order_by("on", "pk")
        .values_list("goal_id", "evidence_url")
    )
    activities = (
        LearningActivity.goals.through.objects.filter(skillgoal_id__in=goal_ids)
        .exclude(learningactivity__evidence_url="")
        .order_by("learningactivity__on", "learningactivity_id")
        .values_list("skillgoal_id", "learningactivity__evidence_url")
    )
    for goal_id, url in [*check_ins, *activities]:
        if url not in links.setdefault(goal_id, []):
            links[goal_id].append(url)
    return links


def participant_detail(viewer: Membership, membership_id, *, since: date | None = None) -> dict:
    """What the coach sees of one participant: goals, activities (from `since` on, with the
    number of older ones), experiments and comments.

    The read is recorded for the participant.
    """
    from proeftuin import access

    participant = access.participant_of_pilot_or_404(viewer.proeftuin, membership_id)
    _record_reads(viewer, [participant.user_id], audit.What.PARTICIPANT)
    goals = list(
        goals_with_history(
            SkillGoal.objects.filter(membership=participant).select_related("skill")
        ).order_by("-status", "due_on")
    )
    own = LearningActivity.objects.filter(membership=participant)
    activities = list(
        (own.filter(on__gte=since) if since else own)
        .prefetch_related("skills")
        .order_by("-on", "-pk")[:200]
    )
    older = own.filter(on__lt=since).count() if since else 0
    experiments = list(
        Experiment.objects.filter(involving(participant))
        .select_related("owner__user")
        .prefetch_related("lessons")
    )
    return {
        "participant": participant,
        "goals": goals,
        "activities": activities,
        "older_activities": older,
        "experiments": experiments,
        "months": monthly_hours(participant),
    }


# --- success stories -------------------------------------------------------------------------


def success_stories(viewer: Membership) -> QuerySet[Lesson]:
    """Lessons of the pilot shown as success stories; the coach also sees those proposed."""
    lessons = Lesson.objects.filter(proeftuin_id=viewer.proeftuin_id).order_by("-created_at")
    if viewer.role == Role.COACH:
        return lessons.exclude(success_story="")
    return lessons.filter(success_story=Lesson.SuccessStory.SHOWN)


def lesson_an_ambassador_may_propose_or_404(viewer: Membership, lesson_id) -> Lesson:
    """A lesson of an experiment the ambassador reads (their own or shared with them)."""
    return _get_or_404(
        Lesson.objects.filter(experiment__in=experiments_visible_to(viewer)), lesson_id
    )


def proposed_story_or_404(viewer: Membership, lesson_id) -> Lesson:
    return _get_or_404(
        Lesson.objects.filter(
            proeftuin_id=viewer.proeftuin_id, success_story=Lesson.SuccessStory.PROPOSED
        ),
        lesson_id,
    )

"""What waits for the coach: the one home of the inbox's groups, their counts and their links.

The page, the menu count, the API and the weekly digest all read here, so what "waiting"
means for each kind is written once. Listing is one query per group and counting one query
for all groups, whatever the number of items.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backlog.models import Question
from learning import selectors as learning
from learning.models import GoalComment, Lesson, SkillGoal
from workshops import selectors as workshops

from .. import audit
from ..models import Membership, Proeftuin, Role
from ..precompiled import STAND_IN_MOMENT, Precompiled

CONFIRMATIONS, LESSONS, ATTENDANCE, ETHICS, STORIES, QUESTIONS = (
    "confirmations",
    "lessons",
    "attendance",
    "ethics",
    "stories",
    "questions",
)
KINDS = (CONFIRMATIONS, LESSONS, ATTENDANCE, ETHICS, STORIES, QUESTIONS)

LABELS = {
    CONFIRMATIONS: _("Leerdoelen om te bevestigen"),
    LESSONS: _("Lessen om te beoordelen"),
    ATTENDANCE: _("Aanwezigheid invullen"),
    ETHICS: _("Ethische toetsen die wachten"),
    STORIES: _("Voorgestelde succesverhalen"),
    QUESTIONS: _("Nieuwe vragen in de vragenlijst"),
}

# Where the whole group is handled: (url name, takes the pilot).
GROUP_PAGES = {
    CONFIRMATIONS: "learning:participants",
    LESSONS: "proeftuin:toolkit-lessons",
    ATTENDANCE: "workshops:session-list",
    ETHICS: "learning:ethics-inbox",
    STORIES: "learning:success-stories",
    QUESTIONS: "backlog:questions",
}


@dataclass(frozen=True)
class Item:
    kind: str
    title: str
    since: datetime
    url: str
    person: str = ""  # the participant who asked, for a confirmation
    person_id: int | None = None  # their user, for the record of the look


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    url: str
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Inbox:
    proeftuin: Proeftuin
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def _asked_at():
    """When the confirmation was last asked for: the thread's latest request."""
    return Subquery(
        GoalComment.objects.filter(goal=OuterRef("pk"), kind=GoalComment.Kind.CONFIRMATION_ASKED)
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def _waiting(
    kind: str, coaches: list[Membership], now: datetime | None = None, pilot=None
) -> QuerySet:
    """What waits of one kind in the coaches' pilots, annotated with `pilot` and `since`.

    `pilot`, an expression (`OuterRef`), narrows to one pilot when counting per pilot: the
    list of the coaches' pilots would then be read again for every pilot counted, a cost that
    grows with the square of the pilots."""

    def in_pilots(path: str) -> Q:
        if pilot is not None:
            return Q(**{path: pilot})
        return Q(**{f"{path}__in": {coach.proeftuin_id for coach in coaches}})

    if kind == CONFIRMATIONS:
        return SkillGoal.objects.filter(
            in_pilots("membership__proeftuin_id"), confirmation=SkillGoal.Confirmation.ASKED
        ).annotate(pilot=F("membership__proeftuin_id"), since=Coalesce(_asked_at(), "created_at"))
    if kind == LESSONS:
        # Approving writes the toolkit text, and so does sending a lesson back: a draft without
        # one is a lesson the coach has not looked at yet.
        return Lesson.objects.filter(
            in_pilots("proeftuin_id"), review=Lesson.Review.DRAFT, toolkit_text=""
        ).annotate(pilot=F("proeftuin_id"), since=F("created_at"))
    if kind == ATTENDANCE:
        return (
            workshops.awaiting_attendance(now)
            .filter(in_pilots("proeftuin_id"))
            .annotate(pilot=F("proeftuin_id"), since=F("ends_at"))
        )
    if kind == ETHICS:
        return learning.reviews_waiting_in_pilots_of(coaches, pilot=pilot).annotate(
            pilot=F("owner__proeftuin_id"), since=F("ethics_review__submitted_at")
        )
    if kind == STORIES:
        return Lesson.objects.filter(
            in_pilots("proeftuin_id"), success_story=Lesson.SuccessStory.PROPOSED
        ).annotate(pilot=F("proeftuin_id"), since=F("created_at"))
    if kind == QUESTIONS:
        # New: not yet given a priority by the coach, and nobody has taken it up.
        return Question.objects.filter(
            in_pilots("proeftuin_id"), priority__isnull=True, experiments__isnull=True
        ).annotate(pilot=F("proeftuin_id"), since=F("created_at"))
    raise ValueError(kind)


def _coaches(coaches: Iterable[Membership]) -> list[Membership]:
    return [m for m in coaches if m.role == Role.COACH and m.is_active]


def _counting(coaches: list[Membership], now: datetime | None = None) -> QuerySet:
    columns = {
        f"waiting_{kind}": Coalesce(
            Subquery(
                _waiting(kind, coaches, now, pilot=OuterRef("pk"))
                .order_by()
                .values("pilot")
                .annotate(n=Count("pk", distinct=True))
                .values("n")
            ),
            Value(0),
            output_field=IntegerField(),
        )
        for kind in KINDS
    }
    return (
        Proeftuin.objects.filter(pk__in={coach.proeftuin_id for coach in coaches})
        .annotate(**columns)
        .values_list("pk", *columns)
    )


def counts_for(coaches: Iterable[Membership]) -> dict[int, dict[str, int]]:
    """Per pilot of these coach memberships, how many of each kind wait: one query."""
    coaches = _coaches(coaches)
    if not coaches:
        return {}
    rows = _counting(coaches)
    return {pk: dict(zip(KINDS, counts, strict=True)) for pk, *counts in rows}


# The menu shows one coach's count on every page. Building and compiling that query costs
# Django several times what PostgreSQL takes to run it, and for one coach only three values
# in it differ between coaches and requests: the pilot, the coach's membership and the
# moment. So `_counting`'s query is compiled once per process (`Precompiled`); the query
# itself is still written once, above.
_ONE_COACHS_COUNT = Precompiled(
    lambda pilot, membership, now: _counting(
        [Membership(pk=membership, proeftuin_id=pilot, role=Role.COACH, is_active=True)], now=now
    ),
    pilot=-2_000_000_001,
    membership=-2_000_000_002,
    now=STAND_IN_MOMENT,
)


def count_for(coach: Membership) -> int:
    """The menu's number: everything that waits for this coach in this pilot (`counts_for`)."""
    if not _coaches([coach]):
        return 0
    rows = _ONE_COACHS_COUNT.rows(pilot=coach.proeftuin_id, membership=coach.pk, now=timezone.now())
    return sum(rows[0][1:]) if rows else 0


def inbox_for(coach: Membership) -> Inbox:
    """The coach's inbox of one pilot, each group oldest first; a look at a participant's goal
    is recorded. One query per group, and one for the record."""
    pilot = coach.proeftuin
    groups = [
        Group(
            kind=kind,
            label=str(LABELS[kind]),
            url=reverse(GROUP_PAGES[kind], args=[pilot.pk]),
            items=_items(kind, coach),
        )
        for kind in KINDS
    ]
    askers = Counter(item.person_id for group in groups for item in group.items if item.person_id)
    audit.record_each(
        actor=coach.user,
        subjects={user_id: {"count": n} for user_id, n in askers.items()},
        what=audit.What.GOALS,
        proeftuin=pilot,
    )
    return Inbox(proeftuin=pilot, groups=groups)


# How an item of each kind reads: its title, and the page where it is handled (None: the
# group's page, for a kind handled on one list).
ITEM_TITLES = {
    CONFIRMATIONS: lambda goal: goal.statement,
    LESSONS: lambda lesson: _short(lesson.text),
    ATTENDANCE: lambda session: session.title,
    ETHICS: lambda experiment: experiment.title,
    STORIES: lambda lesson: _short(lesson.text),
    QUESTIONS: lambda question: question.text,
}
ITEM_PAGES = {
    CONFIRMATIONS: "learning:goal",
    LESSONS: "proeftuin:toolkit-lesson",
    ATTENDANCE: "workshops:attendance",
    ETHICS: "learning:ethics-decide",
    STORIES: None,
    QUESTIONS: "backlog:question",
}


def _items(kind: str, coach: Membership) -> list[Item]:
    pilot = coach.proeftuin_id
    rows = _waiting(kind, [coach]).order_by("since", "pk")
    if kind == CONFIRMATIONS:
        rows = rows.select_related("membership__user")
    page = ITEM_PAGES[kind]
    group_url = reverse(GROUP_PAGES[kind], args=[pilot])
    return [
        Item(
            kind=kind,
            title=ITEM_TITLES[kind](row),
            since=row.since,
            url=reverse(page, args=[pilot, row.pk]) if page else group_url,
            # Only a confirmation names its asker (the coach's look at their goal is recorded).
            **(
                {"person": row.membership.user.display_name, "person_id": row.membership.user_id}
                if kind == CONFIRMATIONS
                else {}
            ),
        )
        for row in rows
    ]


def _short(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

"""Reads of the workshops app shared by pages, API and tasks."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from proeftuin.models import Membership, Proeftuin, Role, User

from .models import Attendance, Registration, Session, SessionFeedback

GOING_SEATED = Q(
    registrations__response=Registration.Response.GOING,
    registrations__waiting_since__isnull=True,
)


def sessions_with_counts(proeftuin: Proeftuin, viewer: Membership | None = None) -> QuerySet:
    """Sessions of a pilot with seat counts (and the viewer's own answer), in fixed queries."""
    queryset = (
        Session.objects.filter(proeftuin=proeftuin)
        .annotate(
            going_count=Count("registrations", filter=GOING_SEATED, distinct=True),
            maybe_count=Count(
                "registrations",
                filter=Q(registrations__response=Registration.Response.MAYBE),
                distinct=True,
            ),
            waiting_count=Count(
                "registrations",
                filter=Q(
                    registrations__response=Registration.Response.GOING,
                    registrations__waiting_since__isnull=False,
                ),
                distinct=True,
            ),
            attendance_marked=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        )
        .prefetch_related("skills")
        .order_by("starts_at", "pk")
    )
    if viewer is not None:
        mine = Registration.objects.filter(session=OuterRef("pk"), membership=viewer)
        queryset = queryset.annotate(
            my_response=Subquery(mine.values("response")[:1]),
            my_waiting_since=Subquery(mine.values("waiting_since")[:1]),
        )
    return queryset


def upcoming_sessions(proeftuin: Proeftuin, viewer: Membership | None = None) -> QuerySet:
    """Sessions that have not ended yet, cancelled ones included (people need to see that)."""
    return sessions_with_counts(proeftuin, viewer).filter(ends_at__gt=timezone.now())


def past_sessions(proeftuin: Proeftuin, viewer: Membership | None = None) -> QuerySet:
    return (
        sessions_with_counts(proeftuin, viewer)
        .filter(ends_at__lte=timezone.now())
        .order_by("-starts_at", "-pk")
    )


def sessions_awaiting_attendance(proeftuin: Proeftuin) -> QuerySet:
    """Sessions that took place and have no attendance marked yet."""
    return (
        Session.objects.filter(
            proeftuin=proeftuin,
            status=Session.Status.PLANNED,
            starts_at__lte=timezone.now(),
        )
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .order_by("-starts_at")
    )


def session_of_pilot(proeftuin: Proeftuin, session_id: int) -> Session:
    """One session of the pilot with counts; raises Session.DoesNotExist otherwise."""
    return sessions_with_counts(proeftuin).get(pk=session_id)


def registrations_of(session: Session) -> QuerySet:
    """Who answered, by name: for the coach only."""
    return (
        session.registrations.select_related("membership__user")
        .order_by("response", "waiting_since", "membership__user__full_name")
        .all()
    )


def registration_of(session: Session, membership: Membership) -> Registration | None:
    return Registration.objects.filter(session=session, membership=membership).first()


def attendance_sheet(session: Session) -> list[tuple[Membership, bool, str | None]]:
    """Every participant of the pilot with their mark and their answer, for the coach's page."""
    marks = dict(session.attendances.values_list("membership_id", "present"))
    answers = dict(session.registrations.values_list("membership_id", "response"))
    participants = (
        Membership.objects.filter(proeftuin_id=session.proeftuin_id, role=Role.PARTICIPANT)
        .filter(Q(is_active=True) | Q(pk__in=list(marks)))
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    rows = []
    for membership in participants:
        if membership.pk in marks:
            present = marks[membership.pk]
        else:
            # Until the coach marks, suggest the people who said they would come.
            present = answers.get(membership.pk) == Registration.Response.GOING
        rows.append((membership, present, answers.get(membership.pk)))
    return rows


@dataclass
class FeedbackSummary:
    count: int
    min_group_size: int
    average: float | None = None
    improvements: list[str] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.count >= self.min_group_size


def feedback_summary(session: Session) -> FeedbackSummary:
    """Feedback in aggregate, without names; empty below the pilot's minimum group size."""
    rows = list(SessionFeedback.objects.filter(session=session).values("usefulness", "improvement"))
    summary = FeedbackSummary(count=len(rows), min_group_size=session.proeftuin.min_group_size)
    if not summary.visible:
        return summary
    summary.average = round(sum(r["usefulness"] for r in rows) / len(rows), 1)
    # Sorted by text, so the order says nothing about who answered when.
    summary.improvements = sorted(r["improvement"] for r in rows if r["improvement"])
    return summary


def feedback_of(session: Session, membership: Membership) -> SessionFeedback | None:
    return SessionFeedback.objects.filter(session=session, membership=membership).first()


def feed_sessions(user: User) -> QuerySet:
    """A user's sessions: those they said yes or maybe to, and all sessions of pilots they coach.

    Bounded by the user's own pilots first: an OR of two subqueries alone cannot use an index,
    and PostgreSQL then reads every session of the instance (the benchmark's large set showed it).
    """
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).values_list(
            "pk", "proeftuin_id", "role"
        )
    )
    coached = [pilot for _pk, pilot, role in memberships if role == Role.COACH]
    answered = Registration.objects.filter(
        membership_id__in=[pk for pk, _pilot, _role in memberships],
        response__in=[Registration.Response.GOING, Registration.Response.MAYBE],
    ).values("session_id")
    return (
        Session.objects.filter(proeftuin_id__in={pilot for _pk, pilot, _role in memberships})
        .filter(Q(pk__in=answered) | Q(proeftuin_id__in=coached))
        .select_related("proeftuin")
        .order_by("starts_at")
    )


def next_sessions_for(membership: Membership, limit: int = 3) -> list[Session]:
    return list(upcoming_sessions(membership.proeftuin, membership)[:limit])

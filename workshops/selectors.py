"""Reads of the workshops app shared by pages, API and tasks."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from learning.models import LearningActivity
from proeftuin.models import Membership, Proeftuin, Role, User
from proeftuin.overview import figures
from proeftuin.overview.figures import Figure

from .models import (
    CHECK_IN_EARLY,
    Attendance,
    Guest,
    Registration,
    Session,
    SessionFeedback,
    WaitingOffer,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

GOING_SEATED = Q(
    registrations__response=Registration.Response.GOING,
    registrations__waiting_since__isnull=True,
)


def _marked_by_the_room() -> QuerySet:
    # Excuses given in advance are not a filled-in sheet: the coach still has the list to do.
    return Attendance.objects.filter(session=OuterRef("pk")).exclude(state=Attendance.State.EXCUSED)


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
            attendance_marked=Exists(_marked_by_the_room()),
            guest_count=Count(
                "guests",
                filter=Q(guests__confirmed_at__isnull=False, guests__cancelled_at__isnull=True),
                distinct=True,
            ),
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


def awaiting_attendance(now: datetime | None = None) -> QuerySet:
    """Sessions of any pilot that have ended and have no attendance marked yet (unordered)."""
    return Session.objects.filter(
        status=Session.Status.PLANNED, ends_at__lte=now or timezone.now()
    ).exclude(Exists(_marked_by_the_room()))


def sessions_awaiting_attendance(proeftuin: Proeftuin) -> QuerySet:
    """Sessions of the pilot that have ended and have no attendance marked yet."""
    return awaiting_attendance().filter(proeftuin=proeftuin).order_by("-starts_at")


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


def session_day(session: Session) -> date:
    """The day of a session as its participants write it down (in Amsterdam)."""
    return timezone.localtime(session.starts_at, AMSTERDAM).date()


def activity_minutes(session: Session) -> int:
    """The minutes an attended session counts for: its length, within one day."""
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    return min(max(minutes, 1), 1440)


@dataclass(frozen=True)
class SessionActivity:
    """A participant's activity for one session: the one linked to it, or their own to link."""

    linked: LearningActivity | None = None
    own_unlinked: LearningActivity | None = None
    created_by_attendance: bool = False

    NEW = "new"  # marking present creates an activity of the session's length
    RECORDED = "recorded"  # marking created it earlier; unmarking deletes it
    OWN_TO_LINK = "own_to_link"  # they logged it themselves; marking links it
    OWN_LINKED = "own_linked"  # their own activity is linked; unmarking keeps it

    @property
    def outcome(self) -> str:
        """What marking this person present records (or has recorded)."""
        if self.linked is not None:
            return self.RECORDED if self.created_by_attendance else self.OWN_LINKED
        return self.OWN_TO_LINK if self.own_unlinked is not None else self.NEW


def _titled_like(activity: LearningActivity, session: Session) -> bool:
    return activity.title.strip().casefold() == session.title.strip().casefold()


def session_activities(
    session: Session, membership_ids: Iterable[int]
) -> dict[int, SessionActivity]:
    """Each participant's activity for the session, so it is counted once.

    A participant's own activity for a session is the activity linked to it, else one they
    logged themselves with no session link, of the session's kind, on the session's day. Kind
    and day, not the title: people name a lunch lecture in their own words ("lezing over de
    AVG"), while a second lunch lecture on the same day is rare enough that linking it is the
    smaller error (counting the hours twice is the larger one; the coach's sheet says whose
    own activity will be linked). Of several such, the one titled like the session, else the
    first logged.
    """
    membership_ids = list(membership_ids)
    linked = {
        a.membership_id: a
        for a in LearningActivity.objects.filter(session=session, membership_id__in=membership_ids)
    }
    created = set(
        session.attendances.filter(
            membership_id__in=membership_ids, created_activity=True
        ).values_list("membership_id", flat=True)
    )
    candidates: dict[int, list[LearningActivity]] = {}
    for activity in LearningActivity.objects.filter(
        membership_id__in=[pk for pk in membership_ids if pk not in linked],
        session__isnull=True,
        kind=session.kind,
        on=session_day(session),
    ).order_by("pk"):
        candidates.setdefault(activity.membership_id, []).append(activity)
    found = {}
    for pk in membership_ids:
        own = candidates.get(pk, [])
        titled = [a for a in own if _titled_like(a, session)]
        found[pk] = SessionActivity(
            linked=linked.get(pk),
            own_unlinked=(titled or own or [None])[0],
            created_by_attendance=pk in created,
        )
    return found


@dataclass(frozen=True)
class SheetRow:
    membership: Membership
    state: str
    response: str | None
    activity: SessionActivity
    reason: str = ""
    checked_in_at: datetime | None = None

    @property
    def present(self) -> bool:
        """Counts as learning: present or late."""
        return self.state in Attendance.COUNTED


def attendance_sheet(session: Session) -> list[SheetRow]:
    """Every participant of the pilot with their mark, their answer and what saving records."""
    marks = {a.membership_id: a for a in session.attendances.all()}
    answers = dict(session.registrations.values_list("membership_id", "response"))
    participants = list(
        Membership.objects.filter(proeftuin_id=session.proeftuin_id, role=Role.PARTICIPANT)
        .filter(Q(is_active=True) | Q(pk__in=list(marks)))
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    activities = session_activities(session, [m.pk for m in participants])
    rows = []
    for membership in participants:
        mark = marks.get(membership.pk)
        if mark is not None:
            state = mark.state
        elif answers.get(membership.pk) == Registration.Response.GOING:
            # Until the coach marks, suggest the people who said they would come.
            state = Attendance.State.PRESENT
        else:
            state = Attendance.State.ABSENT
        rows.append(
            SheetRow(
                membership,
                state,
                answers.get(membership.pk),
                activities[membership.pk],
                reason=mark.reason if mark else "",
                checked_in_at=mark.checked_in_at if mark else None,
            )
        )
    return rows


def attendance_of(session: Session, membership: Membership) -> Attendance | None:
    return Attendance.objects.filter(session=session, membership=membership).first()


def materials_of(session: Session) -> list:
    return list(session.materials.all())


def sessions_to_check_in(membership: Membership) -> list[Session]:
    """Sessions of the participant's pilot they can check in to now, and are not yet in."""
    now = timezone.now()
    return list(
        Session.objects.filter(
            proeftuin_id=membership.proeftuin_id,
            status=Session.Status.PLANNED,
            starts_at__lte=now + CHECK_IN_EARLY,
            ends_at__gt=now,
        )
        .exclude(
            Exists(
                Attendance.objects.filter(
                    session=OuterRef("pk"),
                    membership=membership,
                    state__in=Attendance.COUNTED,
                )
            )
        )
        .order_by("starts_at", "pk")
    )


@dataclass
class FeedbackSummary:
    count: int
    min_group_size: int
    # The average usefulness (1..5) as a figure of the disclosure rule (proeftuin.overview.figures).
    usefulness: Figure
    improvements: list[str] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.count > 0 and not self.usefulness.suppressed

    @property
    def average(self) -> float | None:
        return self.usefulness.shown_value if self.visible else None


def feedback_summary(session: Session) -> FeedbackSummary:
    """Feedback in aggregate, without names; empty below the pilot's minimum group size."""
    rows = list(SessionFeedback.objects.filter(session=session).values("usefulness", "improvement"))
    min_group = session.proeftuin.min_group_size
    average = round(sum(r["usefulness"] for r in rows) / len(rows), 1) if rows else None
    summary = FeedbackSummary(
        count=len(rows),
        min_group_size=min_group,
        usefulness=figures.figure(average, len(rows), min_group, decimals=1),
    )
    if not summary.visible:
        return summary
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


def offer_with_session(offer_id: int) -> WaitingOffer | None:
    """One offer with its session and person, for the page its mail links to."""
    return (
        WaitingOffer.objects.select_related("registration__session", "registration__membership")
        .filter(pk=offer_id)
        .first()
    )


def open_offer_of(session: Session, membership: Membership) -> WaitingOffer | None:
    """The viewer's own open offer for a session, if a seat waits for them."""
    return (
        WaitingOffer.objects.filter(
            registration__session=session,
            registration__membership=membership,
            state=WaitingOffer.State.OPEN,
            expires_at__gt=timezone.now(),
        )
        .select_related("registration__session")
        .first()
    )


def session_for_guests(session_id: int) -> Session | None:
    """A session open to colleagues that still takes sign-ups, for its public page."""
    session = Session.objects.filter(pk=session_id, open_to_colleagues=True).first()
    if session is None or not session.open_for_answers:
        return None
    return session


def guest_with_session(guest_id: int) -> Guest | None:
    return Guest.objects.select_related("session").filter(pk=guest_id).first()


def guests_of(session: Session) -> list[Guest]:
    """Confirmed guests who hold a seat, for the coach (names only: no more is kept)."""
    return list(
        session.guests.filter(confirmed_at__isnull=False, cancelled_at__isnull=True).order_by(
            "name", "pk"
        )
    )

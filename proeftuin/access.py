"""Who may see what: every page, API endpoint and admin screen asks here.

One answer for every refusal: not found (Http404, never 403). An object outside the asking
user's pilots, an id that exists nowhere, and an action their role in this pilot may not do
(a participant commenting on a goal, a coach changing one) all answer alike, on pages and in
the API. A 403 would tell the asker which ids exist or which actions a role has; with one
answer no check needs to reason about what its refusal gives away. Anonymous requests are
the exception: a page sends them to the login page, the API says it needs credentials.

Two layers: `ROLES_FOR` says which roles of a pilot may do an action on a kind of object;
a role here is a Role or a task held beside it (`Membership.holds`: an ethics reviewer is
usually a participant as well); the selectors that take the viewer
(`learning.selectors.goals_visible_to`, `own_goal_or_404` ...) narrow that to the objects of
that viewer. tests/permission_matrix.py states the resulting answer per role, object and
method for pages and API together.
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from .models import AMBASSADOR, ETHICS_REVIEWER, Membership, Proeftuin, Role, User
from .precompiled import Precompiled

PARTICIPANT, COACH, DIRECTOR = Role.PARTICIPANT, Role.COACH, Role.DIRECTOR
# The steering group sees what the director sees (aggregates); an outside expert only the
# review they were invited to, and a 404 for everything else (no other key lists EXPERT).
STEERING, EXPERT = Role.STEERING, Role.EXPERT

# (object, method) -> the roles of a pilot that may do it. Methods: read, create, update,
# delete. A participant's writes are on their own objects only; the coach reads every
# participant's learning path and writes comments, the catalogue and the sessions.
ROLES_FOR: dict[tuple[str, str], frozenset[str]] = {
    ("learning path", "read"): frozenset({PARTICIPANT}),  # "mijn leerpad" and own lists
    ("skill", "read"): frozenset({PARTICIPANT, COACH}),
    ("skill", "create"): frozenset({COACH}),
    ("skill", "update"): frozenset({COACH}),
    # What levels 1..5 of a skill mean is read with the skill and the goal; the coach rewrites
    # it for the pilot.
    ("level descriptor", "update"): frozenset({COACH}),
    ("goal", "read"): frozenset({PARTICIPANT, COACH}),
    ("goal", "create"): frozenset({PARTICIPANT}),
    ("goal", "update"): frozenset({PARTICIPANT}),
    ("goal", "delete"): frozenset({PARTICIPANT}),
    # The goal's thread: its owner (own goals only, by the selector) and the coach write in it.
    ("goal comment", "create"): frozenset({PARTICIPANT, COACH}),
    ("goal confirmation", "create"): frozenset({PARTICIPANT}),  # ask the coach, own goals
    ("goal confirmation", "update"): frozenset({COACH}),  # confirm, or ask for more
    ("check-in", "create"): frozenset({PARTICIPANT}),
    ("activity", "read"): frozenset({PARTICIPANT, COACH}),
    ("activity", "create"): frozenset({PARTICIPANT}),
    ("activity", "update"): frozenset({PARTICIPANT}),
    ("activity", "delete"): frozenset({PARTICIPANT}),
    ("experiment", "read"): frozenset({PARTICIPANT, COACH}),
    ("experiment", "create"): frozenset({PARTICIPANT}),
    ("experiment", "update"): frozenset({PARTICIPANT}),
    ("experiment", "delete"): frozenset({PARTICIPANT}),
    ("lesson", "create"): frozenset({PARTICIPANT}),
    ("participant", "read"): frozenset({COACH}),  # the coach's lists, CSV and detail pages
    ("session", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR}),
    ("session", "create"): frozenset({COACH}),
    ("session", "update"): frozenset({COACH}),
    ("session", "delete"): frozenset({COACH}),  # cancel
    ("registration", "read"): frozenset({PARTICIPANT}),
    ("registration", "update"): frozenset({PARTICIPANT}),
    ("attendance", "read"): frozenset({COACH}),
    ("attendance", "update"): frozenset({COACH}),
    # A participant checks themselves in with the code the coach shows in the room, and says
    # in advance that they cannot come (with a reason only the coach reads).
    ("session check-in", "create"): frozenset({PARTICIPANT}),
    ("session check-in code", "read"): frozenset({COACH}),
    ("excuse", "update"): frozenset({PARTICIPANT}),
    # Slides, materials and the summary: the coach adds them (for the facilitator too); every
    # member reads them on the session page.
    ("session material", "update"): frozenset({COACH}),
    ("feedback", "create"): frozenset({PARTICIPANT}),  # only those who were there
    ("feedback summary", "read"): frozenset({COACH}),  # in aggregate, on the session page too
    ("calendar feed", "update"): frozenset({PARTICIPANT, COACH}),  # one's own private URL
    # When the pilot's reminders go out (days before, quiet period): the coach sets it.
    ("reminder timing", "update"): frozenset({COACH}),
    ("measurement round", "read"): frozenset({PARTICIPANT, COACH}),
    ("measurement round", "create"): frozenset({COACH}),
    ("measurement round", "close"): frozenset({COACH}),
    ("measurement answer", "update"): frozenset({PARTICIPANT}),
    # Those who answered the round, the coach and the director, once it has closed:
    # measurement.report.may_read_report narrows a participant to the rounds they answered.
    ("round report", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("plan", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("plan", "update"): frozenset({COACH, DIRECTOR}),  # ambition, commitment and actions
    ("plan goal", "create"): frozenset({PARTICIPANT}),  # "Neem dit leerdoel over"
    ("stage advice", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("stage advice", "update"): frozenset({COACH}),  # the organisation's own texts
    ("overview", "read"): frozenset({COACH, DIRECTOR, STEERING}),
    # Progress a participant shares by name is shared with the director, not the steering group
    # (and only where the pilot allows it: Proeftuin.director_sees_individuals).
    ("shared progress", "read"): frozenset({DIRECTOR}),
    ("own progress", "read"): frozenset({PARTICIPANT}),
    ("toolkit", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("toolkit", "update"): frozenset({COACH}),  # publish or revoke the public link
    # The instance's shared library: whoever reads their own pilot's package, in any pilot.
    ("library", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    # The peer benchmark: the organisation's place among others, aggregates only; the director
    # decides whether the organisation contributes, and whom other organisations can contact.
    ("benchmark", "read"): frozenset({DIRECTOR, STEERING}),
    ("benchmark", "update"): frozenset({DIRECTOR}),
    ("contact point", "update"): frozenset({DIRECTOR}),
    # The public shared library: publishing the package there, withdrawing it, and how the
    # organisation is named are the director's (readers need no account: toolkit.library).
    ("library", "update"): frozenset({DIRECTOR}),
    # The toolkit's figures for another tool (the API): those who read the overview.
    ("toolkit figures", "read"): frozenset({COACH, DIRECTOR}),
    ("lesson", "update"): frozenset({COACH}),  # review a lesson for the toolkit
    ("invitation", "create"): frozenset({COACH}),
    # The ethics review: the owner answers (own experiments only, by the selector); the coach
    # or an appointed reviewer decides, never on an experiment they own or share.
    ("ethics review", "read"): frozenset({PARTICIPANT, COACH}),
    ("ethics review", "update"): frozenset({PARTICIPANT}),
    ("ethics decision", "create"): frozenset({COACH, ETHICS_REVIEWER, EXPERT}),
    # An ambassador proposes a lesson as a success story; the coach decides before it is shown.
    ("success story", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("success story", "create"): frozenset({AMBASSADOR}),
    ("success story", "update"): frozenset({COACH}),
    # The question backlog: everyone in the pilot proposes, supports and comments; the coach
    # groups and prioritises. Turning a question into an experiment is ("experiment", "create").
    ("question", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("question", "create"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("question", "update"): frozenset({COACH}),
    ("question support", "create"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("question comment", "create"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    # The basic principles: the whole pilot reads them; the steering group (and coach) agree them.
    ("charter", "read"): frozenset({PARTICIPANT, COACH, DIRECTOR, STEERING}),
    ("charter", "update"): frozenset({STEERING, COACH}),
    # The sponsor's message on the participants' dashboard: the director writes it.
    ("sponsor message", "create"): frozenset({DIRECTOR}),
    # The coach appoints ethics reviewers and ambassadors and invites outside experts.
    ("appointment", "update"): frozenset({COACH}),
    ("xapi integration", "update"): frozenset({COACH}),  # keys of platforms, what they sent
    # What waits for the coach (confirmations, lessons, attendance, reviews ...): the coach's own.
    ("inbox", "read"): frozenset({COACH}),
}


def roles_for(obj: str, method: str) -> frozenset[str]:
    """The roles that may do `method` on `obj`; a KeyError for a pair nobody wrote down."""
    return ROLES_FOR[(obj, method)]


def may(membership: Membership, obj: str, method: str) -> bool:
    """Whether this role may do `method` on `obj` (for links: show only what will open)."""
    return bool(membership.holds & roles_for(obj, method))


def member_for(user: User, proeftuin_id, obj: str, method: str) -> Membership:
    """The user's role in this pilot if that role may do `method` on `obj` here; else 404."""
    return membership_or_404(user, proeftuin_id, roles=roles_for(obj, method))


def active_memberships(user: User) -> QuerySet[Membership]:
    """The active roles of a user, with their pilot and organisation loaded."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("proeftuin__organisation")
        .order_by("-proeftuin__starts_on", "proeftuin__name")
    )


def visible_pilots(user: User, roles: Iterable[str] | None = None) -> QuerySet[Proeftuin]:
    """Pilots the user holds an active role in (optionally only in the given roles)."""
    if not user.is_authenticated:
        return Proeftuin.objects.none()
    memberships = Membership.objects.filter(user=user, is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Proeftuin.objects.filter(pk__in=memberships.values("proeftuin_id"))


# Every page of a pilot asks: compiled once (proeftuin.precompiled).
_ACTIVE_ROLE = Precompiled(
    lambda user, pilot: Membership.objects.select_related("proeftuin__organisation", "user").filter(
        user_id=user, proeftuin_id=pilot, is_active=True
    ),
    user=-2_000_000_005,
    pilot=-2_000_000_006,
)


def membership_or_404(
    user: User, proeftuin_id: int, roles: Iterable[str] | None = None
) -> Membership:
    """The user's active role in this pilot; 404 when they have none (or not one of `roles`)."""
    if not user.is_authenticated:
        raise Http404
    try:
        pilot = int(proeftuin_id)
    except (ValueError, TypeError):
        raise Http404 from None
    found = _ACTIVE_ROLE.rows(user=user.pk, pilot=pilot)
    if not found:
        raise Http404
    (membership,) = found  # one role per pilot (a constraint)
    if roles is not None and not membership.holds & set(roles):
        raise Http404
    return membership


def coach_pilot_ids(user: User) -> list[int]:
    """Ids of the pilots a user coaches; the scope of their admin screens."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, role=Role.COACH, is_active=True).values_list(
            "proeftuin_id", flat=True
        )
    )


def participant_of_pilot_or_404(proeftuin: Proeftuin, membership_id: int) -> Membership:
    """A participant's membership inside the given pilot; 404 for anyone else."""
    try:
        return Membership.objects.select_related("user").get(
            pk=membership_id, proeftuin=proeftuin, role=Role.PARTICIPANT
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

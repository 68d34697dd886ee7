"""Reads of the reminder ledger shared by pages, the menu and tests."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, QuerySet

from proeftuin import access
from proeftuin.models import User
from proeftuin.precompiled import Precompiled

from .models import NotificationPreference, Reminder, Rule, SweepRecord, rules_for_roles

# Rows that reached the moment of delivery: the in-app list shows them whatever SMTP said.
IN_APP_STATES = [
    Reminder.State.SENDING,
    Reminder.State.SENT,
    Reminder.State.FAILED,
    Reminder.State.AMBIGUOUS,
]


def in_app_for(user: User) -> QuerySet[Reminder]:
    """The user's own notifications, newest first."""
    if not user.is_authenticated:
        return Reminder.objects.none()
    return Reminder.objects.filter(recipient=user, state__in=IN_APP_STATES).order_by(
        "-due_at", "-pk"
    )


# The menu's count on every signed-in page: compiled once (proeftuin.precompiled).
_UNREAD = Precompiled(
    lambda user: in_app_for(User(pk=user))
    .filter(read_at__isnull=True)
    .order_by()
    .values("recipient")
    .annotate(n=Count("pk"))
    .values_list("n"),
    user=-2_000_000_004,
)


def unread_count(user: User) -> int:
    """One COUNT query, for the menu."""
    if not user.is_authenticated:
        return 0
    rows = _UNREAD.rows(user=user.pk)
    return rows[0][0] if rows else 0


def opted_out_rules(user: User) -> set[str]:
    return set(NotificationPreference.objects.filter(user=user).values_list("rule", flat=True))


def rules_for(user: User) -> list[str]:
    """The rules that can reach the user through any of their active roles and the tasks held
    beside them (one query)."""
    holds = set().union(*(membership.holds for membership in access.active_memberships(user)))
    return rules_for_roles(holds)


@dataclass(frozen=True)
class RuleChoice:
    """One rule that can reach the user, and whether they want it (they did not opt out)."""

    rule: str
    wanted: bool

    @property
    def label(self) -> str:
        return Rule(self.rule).label


def rule_choices_for(user: User) -> list[RuleChoice]:
    """The settings of the rules that can reach the user, in the order of Rule (two queries)."""
    rules = rules_for(user)
    opted_out = opted_out_rules(user) if rules else set()
    return [RuleChoice(rule=rule, wanted=rule not in opted_out) for rule in rules]


# Rows whose moment has come but that are not settled yet: the oldest one's age is the backlog.
UNSETTLED_STATES = [Reminder.State.PENDING, Reminder.State.SENDING]


@dataclass(frozen=True)
class LedgerFigures:
    """What an operator watches: rows per state, the backlog's age, the last sweep."""

    per_state: dict[str, int]
    oldest_due_age: timedelta
    last_sweep_at: datetime | None


def last_sweep_at() -> datetime | None:
    return SweepRecord.objects.filter(pk=1).values_list("finished_at", flat=True).first()


def ledger_figures(*, now: datetime) -> LedgerFigures:
    per_state = dict.fromkeys(Reminder.State.values, 0)
    per_state.update(Reminder.objects.values_list("state").annotate(n=Count("pk")).order_by())
    oldest = (
        Reminder.objects.filter(state__in=UNSETTLED_STATES, due_at__lte=now)
        .aggregate(oldest=Min("due_at"))
        .get("oldest")
    )
    return LedgerFigures(
        per_state=per_state,
        oldest_due_age=(now - oldest) if oldest else timedelta(0),
        last_sweep_at=last_sweep_at(),
    )


def pilots_coached_by(user: User) -> list:
    """The pilots whose reminder timing this user may set (a link per pilot on the settings)."""
    roles = access.roles_for("reminder timing", "update")
    return list(access.visible_pilots(user, roles=roles).order_by("name").only("pk", "name"))

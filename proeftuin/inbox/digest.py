"""The coach's weekly digest of the inbox: from Monday 08:00, once per coach per ISO week.

The ledger's key (rule, coach, "inbox", "2026-W49") makes it exactly-once, however often the
sweep runs. It is planned only while something waits, and asked again just before sending
(`inbox_still_waiting`); its groups are counted when the e-mail is composed, so they are
current then. The e-mail names counts and links only, no participant's data.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.urls import reverse

from notifications import services as notifications
from notifications import timing
from notifications.models import Reminder, Rule
from notifications.paths import PathPattern

from ..models import Membership, Role
from . import selectors

DIGEST_AT = time(8, 0)  # on Monday, Amsterdam time


def _coach_memberships(on, user_id: int | None = None):
    """Active coach roles in pilots running on `on` (of one user, or of everyone)."""
    memberships = Membership.objects.filter(
        role=Role.COACH,
        is_active=True,
        user__is_active=True,
        proeftuin__starts_on__lte=on,
        proeftuin__ends_on__gte=on,
    )
    if user_id is not None:
        memberships = memberships.filter(user_id=user_id)
    return memberships.select_related("proeftuin").order_by("proeftuin__name", "pk")


def week_of(day) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def plan_coach_inbox_digest(now: datetime) -> int:
    """From Monday 08:00 on, plan each coach with something waiting one digest of this week.

    At most three queries for any number of coaches: their roles, the counts of their pilots,
    and the ledger's insert. Only coaches without this week's digest are counted: once every coach
    with something waiting has it, a sweep reads the roles of those with nothing waiting.
    """
    today = timing.local_date(now)
    monday = today - timedelta(days=today.weekday())
    if now < timing.at_local(monday, DIGEST_AT):
        return 0
    period = week_of(today)
    coaches = list(
        _coach_memberships(today)
        .filter(notifications.without_opt_outs(Rule.COACH_INBOX_DIGEST, "user_id"))
        .filter(
            notifications.not_in_ledger_for_key(
                Rule.COACH_INBOX_DIGEST, recipient="user_id", subject_key="inbox", period=period
            )
        )
    )
    if not coaches:
        return 0
    counts = selectors.counts_for(coaches)
    waiting: dict[int, int] = defaultdict(int)
    first_pilot: dict[int, int] = {}
    for coach in coaches:
        waiting[coach.user_id] += sum(counts.get(coach.proeftuin_id, {}).values())
        first_pilot.setdefault(coach.user_id, coach.proeftuin_id)
    inbox_path = PathPattern("proeftuin:inbox", "pilot")
    return notifications.schedule_many(
        notifications.Planned(
            rule=Rule.COACH_INBOX_DIGEST,
            recipient_id=user_id,
            subject_key="inbox",
            period=period,
            due_at=now,
            context={
                "week": period,
                "week_on": monday.isoformat(),
                "url": inbox_path(pilot=first_pilot[user_id]),
            },
        )
        for user_id, total in waiting.items()
        if total
    )


def _sections(reminder: Reminder) -> list[dict]:
    today = timing.local_date(reminder.due_at)
    coaches = list(_coach_memberships(today, reminder.recipient_id))
    counts = selectors.counts_for(coaches)
    sections = []
    for coach in coaches:
        per_kind = counts.get(coach.proeftuin_id, {})
        groups = [
            {"label": str(selectors.LABELS[kind]), "count": per_kind.get(kind, 0)}
            for kind in selectors.KINDS
            if per_kind.get(kind)
        ]
        if groups:
            sections.append(
                {
                    "pilot": coach.proeftuin.name,
                    "total": sum(group["count"] for group in groups),
                    "url": reverse("proeftuin:inbox", args=[coach.proeftuin_id]),
                    "groups": groups,
                }
            )
    return sections


def inbox_still_waiting(reminder: Reminder) -> bool:
    """Send the digest only if something still waits for the coach when it goes out."""
    return bool(_sections(reminder))


def digest_contents(reminder: Reminder) -> dict:
    """Per pilot of the coach, what waits, counted now, in the e-mail's language (JSON-ready)."""
    sections = _sections(reminder)
    for section in sections:
        section["url"] = f"{settings.SITE_URL}{section['url']}"
    return {"sections": sections, "total": sum(section["total"] for section in sections)}

"""What the notification tests share: a delivered reminder, and the rules a participant gets."""

from django.utils import timezone

from notifications.models import Reminder, Rule
from tests.factories import ReminderFactory

# Written out rather than read from notifications.models.RULE_ROLES: the tests state the rule.
PARTICIPANT_RULES = [
    Rule.SESSION_SOON,
    Rule.SESSION_CHANGED,
    Rule.GONE_QUIET,
    Rule.GOAL_DUE,
    Rule.EXPERIMENT_REFLECTION,
    Rule.ROUND_OPENED,
    Rule.ROUND_CLOSING,
    Rule.SESSION_FEEDBACK,
    Rule.PLAN_ACTION_DUE,
    Rule.ETHICS_CHANGES_REQUESTED,
    Rule.GOAL_MESSAGE,
    Rule.SESSION_OFFER,
]


def sent(membership, **fields) -> Reminder:
    """A reminder delivered to the member (so it is in their in-app list)."""
    return ReminderFactory(
        recipient=membership.user,
        proeftuin=membership.proeftuin,
        state=Reminder.State.SENT,
        sent_at=timezone.now(),
        **fields,
    )

"""Template tags that put the workshops app on other apps' pages."""

from django import template

from proeftuin.models import Membership

from .. import selectors

register = template.Library()


@register.inclusion_tag("workshops/_upcoming_sessions_tag.html", takes_context=True)
def upcoming_sessions(context, membership: Membership, limit: int = 3) -> dict:
    """The next sessions of a participant with their answer and a quick answer form."""
    request = context.get("request")
    return {
        "sessions": selectors.next_sessions_for(membership, limit),
        "pilot_id": membership.proeftuin_id,
        "request_path": request.path if request else "",
    }


@register.inclusion_tag("workshops/_coach_sessions_tag.html")
def coach_sessions(membership: Membership, limit: int = 5) -> dict:
    """The coach's next sessions and the past ones that still need attendance marked."""
    return {
        # The card names no skills: no need to fetch them.
        "upcoming": list(
            selectors.upcoming_sessions(membership.proeftuin).prefetch_related(None)[:limit]
        ),
        "awaiting": list(selectors.sessions_awaiting_attendance(membership.proeftuin)[:limit]),
        "pilot_id": membership.proeftuin_id,
    }


@register.inclusion_tag("workshops/_check_in_now_tag.html")
def check_in_now(membership: Membership) -> dict:
    """A check-in card for each session of the participant's pilot that is on now."""
    if membership.role != "participant":
        return {"sessions": []}
    return {
        "sessions": selectors.sessions_to_check_in(membership),
        "pilot_id": membership.proeftuin_id,
    }

from django import template

from proeftuin import measurement
from proeftuin.models import MaturityAssessment, Role

register = template.Library()


@register.inclusion_tag("proeftuin/measurement/_coach_home.html")
def measurement_status(membership):
    """The open round and how many participants answered it, for the coach's home page."""
    current = measurement.open_round_of(membership.proeftuin)
    participants = membership.proeftuin.memberships.filter(
        role=Role.PARTICIPANT, is_active=True
    ).count()
    answered = (
        MaturityAssessment.objects.filter(round=current, membership__is_active=True).count()
        if current
        else 0
    )
    return {
        "membership": membership,
        "open_round": current,
        "participants": participants,
        "answered": answered,
    }


@register.inclusion_tag("proeftuin/measurement/_ambition_progress.html")
def ambition_progress(proeftuin):
    """The ambition against the rounds and time committed against hours logged (overview)."""
    from proeftuin.measurement import plan

    return {"progress": plan.ambition_progress(proeftuin)}


@register.filter
def dimension_label(value: str) -> str:
    """A dimension's name in the active language (reminders store the code, not the words)."""
    from proeftuin.models import Dimension

    return Dimension(value).label if value in Dimension.values else value


@register.inclusion_tag("proeftuin/measurement/_open_round_banner.html")
def open_round_banner(membership):
    """The open round at the top of a participant's dashboard, with one button; nothing when
    there is none or they answered it."""
    current = measurement.open_round_of(membership.proeftuin)
    answered = (
        current is not None
        and MaturityAssessment.objects.filter(round=current, membership=membership).exists()
    )
    return {"membership": membership, "open_round": None if answered else current}

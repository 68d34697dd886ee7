from django import template

from ..accounts.welcome import welcome_for

register = template.Library()


@register.inclusion_tag("proeftuin/accounts/_welcome.html", takes_context=True)
def welcome(context, membership):
    """The first-run welcome of this member's role, until they dismiss it."""
    return {
        "membership": membership,
        "welcome": welcome_for(membership),
        "csrf_token": context.get("csrf_token"),
    }

from django import template

from proeftuin.inbox import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_count(context, membership) -> int:
    """The menu's inbox number for a coach: one query per request, however often it is shown."""
    request = context.get("request")
    if membership is None or membership.role != "coach":
        return 0
    cache = getattr(request, "_inbox_counts", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._inbox_counts = cache
    if membership.pk not in cache:
        cache[membership.pk] = selectors.count_for(membership)
    return cache[membership.pk]

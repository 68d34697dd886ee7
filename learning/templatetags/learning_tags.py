from urllib.parse import urlsplit

from django import template

from learning import selectors
from proeftuin import validation

register = template.Library()


@register.inclusion_tag("learning/_coach_card.html")
def learning_coach_card(membership):
    """The coach's card: how many participants need a word."""
    return {"membership": membership, "count": selectors.needs_a_word_count(membership.proeftuin)}


@register.inclusion_tag("learning/_evidence_link.html")
def evidence_link(url):
    """A link to evidence; a value that is not a web link (an older row) is not made clickable."""
    if not validation.is_link(url):
        return {"url": ""}
    return {"url": url, "host": urlsplit(url).hostname or url}

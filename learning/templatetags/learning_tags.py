from django import template

from learning import selectors

register = template.Library()


@register.inclusion_tag("learning/_coach_card.html")
def learning_coach_card(membership):
    """The coach's card: how many participants need a word."""
    return {"membership": membership, "count": selectors.needs_a_word_count(membership.proeftuin)}

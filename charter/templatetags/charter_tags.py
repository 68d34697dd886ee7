from django import template

from charter import selectors

register = template.Library()


@register.simple_tag
def review_principles(review):
    """The principles a review touches, for the review's card on the experiment."""
    return selectors.principles_of_review(review) if review else []


@register.inclusion_tag("charter/_sponsor_word.html")
def sponsor_word(proeftuin_id):
    """The director's message with the plan's hours, at the top of the participants' dashboard."""
    return {"word": selectors.sponsor_word(proeftuin_id)}

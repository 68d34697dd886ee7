from django import template

from charter import selectors

register = template.Library()


@register.simple_tag
def review_principles(review):
    """The principles a review touches, for the review's card on the experiment."""
    return selectors.principles_of_review(review) if review else []

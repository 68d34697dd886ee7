"""Reading what a page shows: names like "Amin 's Gravensande" arrive HTML-escaped."""

from django.utils.html import escape


def shows(content: str, text: str) -> bool:
    """Whether `text` is in the page or file, as written or HTML-escaped."""
    return text in content or escape(text) in content

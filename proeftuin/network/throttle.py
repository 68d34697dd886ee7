"""The contact form's rate limit."""

from ..web.throttles import PerClientAddress


class ContactThrottle(PerClientAddress):
    """Messages sent per client address."""

    scope = "contact"
    # Enough for a person who writes to a few organisations; too few for a mailing run.
    rate = "5/hour"

"""The contact form's rate limit: DRF's rate counting, as the API's anonymous throttle counts."""

from rest_framework.throttling import SimpleRateThrottle

from ..web.client import client_address


class ContactThrottle(SimpleRateThrottle):
    """Messages sent per client address, counted in the shared cache like the API's throttle."""

    scope = "contact"
    # Enough for a person who writes to a few organisations; too few for a mailing run.
    rate = "5/hour"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

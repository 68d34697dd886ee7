"""The rate limit of the pages anyone may use without an account (the library, the contact
form, a session's guest sign-up): DRF's rate counting in the shared cache, per client address
as the login lockout finds it behind the trusted proxies."""

from rest_framework.throttling import SimpleRateThrottle

from .client import client_address


class PerClientAddress(SimpleRateThrottle):
    """A subclass names its `scope` (its rate in REST_FRAMEWORK's DEFAULT_THROTTLE_RATES) or a
    fixed `rate`; the page calls `allow_request(request, None)` and answers 429 when refused."""

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

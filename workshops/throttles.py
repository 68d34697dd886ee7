"""How often the self-service doors may be tried: check-in codes, the guest sign-up page
(DRF's rate counting, in the shared cache)."""

from rest_framework.throttling import SimpleRateThrottle

from proeftuin.models import User
from proeftuin.web.throttles import PerClientAddress


class CheckInThrottle(SimpleRateThrottle):
    """Per person, whichever page or device they try from (settings: the "check_in" rate).

    A code is six of 29 characters and valid for one session only: a few tries a minute is
    plenty for typos and leaves guessing hopeless.
    """

    scope = "check_in"

    def __init__(self, user: User):
        super().__init__()
        self.user = user

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.user.pk}


class GuestSignUpThrottle(PerClientAddress):
    """Sign-ups per client address on the public guest page."""

    scope = "guest_sign_up"

"""The client's address behind the trusted proxies, for the login lockout."""

from django.conf import settings


def client_address(request) -> str | None:
    """The address the lockout keys on: the connecting one, or the one the trusted proxies saw.

    Each proxy appends the address it was connected from to X-Forwarded-For, so with N trusted
    proxies the N-th entry from the right is the client; anything left of it is what the client
    sent and may be forged. The same rule as DRF's NUM_PROXIES, which the API throttle uses.
    """
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        return hops[-min(proxies, len(hops))] or request.META.get("REMOTE_ADDR")
    return request.META.get("REMOTE_ADDR")

"""Sessions of an account: ending the other ones, and where to go after a step."""

from django.contrib.auth import update_session_auth_hash
from django.db.models import F
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import User


def end_other_sessions(*, request) -> None:
    """Log out every other session of this user; the current one stays signed in."""
    user = request.user
    User.objects.filter(pk=user.pk).update(sessions_epoch=F("sessions_epoch") + 1)
    user.refresh_from_db(fields=["sessions_epoch"])
    # Store the new hash in this session, so only the others no longer match.
    update_session_auth_hash(request, user)


def safe_next(request, fallback: str = "proeftuin:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)

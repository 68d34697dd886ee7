"""Sessions of an account: where they are kept, ending the other ones, and where to go after a
step."""

from django.contrib.auth import update_session_auth_hash
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import User
from ..precompiled import STAND_IN_MOMENT, Precompiled

# Every request with a session cookie reads its session: compiled once (proeftuin.precompiled).
_LIVE_SESSION = Precompiled(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).values_list(
        "session_data"
    ),
    key="stand-in: no session has this key",
    now=STAND_IN_MOMENT,
)


class SessionStore(db.SessionStore):
    """Django's database sessions (SESSION_ENGINE), with the lookup of a session's data
    compiled once; writing, expiring and clearing are Django's own."""

    def _get_session_from_db(self):
        rows = _LIVE_SESSION.rows(key=self.session_key, now=timezone.now())
        if not rows:
            self._session_key = None
            return None
        return Session(session_key=self.session_key, session_data=rows[0][0])


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

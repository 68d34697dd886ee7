"""Personal access tokens for tests of the API: made as the security page makes them."""

from datetime import timedelta

from django.utils import timezone

from integrations.models import AccessToken, digest


def make_token(who, *, proeftuin=None, can_write=False, days=90, name="Koppeling") -> str:
    """A working token of this person (or membership's person); returns its secret."""
    user = getattr(who, "user", who)
    lookup, secret = AccessToken.new_secret()
    AccessToken.objects.create(
        user=user,
        name=name,
        proeftuin=proeftuin,
        can_write=can_write,
        lookup=lookup,
        secret_digest=digest(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

"""The toolkit's public link: an unguessable token that can be withdrawn at any time."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.http import Http404

from ..models import Proeftuin


@transaction.atomic
def publish(*, proeftuin: Proeftuin) -> str:
    """Give the toolkit a public, unguessable link (the same one when already published)."""
    proeftuin = Proeftuin.objects.select_for_update().get(pk=proeftuin.pk)
    if not proeftuin.toolkit_public_token:
        proeftuin.toolkit_public_token = secrets.token_urlsafe(32)
        proeftuin.save(update_fields=["toolkit_public_token"])
    return proeftuin.toolkit_public_token


def revoke(*, proeftuin: Proeftuin) -> None:
    """Withdraw the public link; it answers 404 from now on."""
    Proeftuin.objects.filter(pk=proeftuin.pk).update(toolkit_public_token=None)


def public_pilot_or_404(token: str) -> Proeftuin:
    if not token or len(token) < 20:
        raise Http404
    pilot = (
        Proeftuin.objects.select_related("organisation").filter(toolkit_public_token=token).first()
    )
    if pilot is None:
        raise Http404
    return pilot

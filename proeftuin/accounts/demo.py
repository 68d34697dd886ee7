"""Demo authenticator devices: the demo coach and director must use two factors too."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def seed(pilot) -> None:
    """Give the demo coach and director a confirmed TOTP device with the published demo key."""
    for membership in (pilot.coach, pilot.director):
        if not TOTPDevice.objects.filter(user=membership.user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=membership.user,
                name="Demo",
                key=settings.DEMO_TOTP_KEY,
                confirmed=True,
            )

"""The demo organisation of `seed_demo`: people, the pilot, their roles and the demo devices."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import Membership, Organisation, Proeftuin, Role, User
from ..months import add_months
from . import services

DEMO_ORGANISATION = "diversion-demo"
PARTICIPANT_NAMES = [
    "Amira El Idrissi",
    "Bram de Vries",
    "Charlotte Jansen",
    "Daan Bakker",
    "Esra Yilmaz",
    "Floor Visser",
    "Gijs Smit",
    "Hanna Mulder",
    "Ilse de Boer",
    "Jayden Peters",
    "Kim van Dijk",
    "Lotte Hendriks",
]


@dataclass
class DemoPilot:
    organisation: Organisation
    proeftuin: Proeftuin
    coach: Membership
    director: Membership
    participants: list[Membership]
    today: date


def _user(email: str, full_name: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_people() -> DemoPilot:
    """Create (or find) the demo organisation, pilot and 14 people; idempotent."""
    today = timezone.localdate()
    organisation, _ = Organisation.objects.get_or_create(
        slug=DEMO_ORGANISATION, defaults={"name": "Diversion (demo)"}
    )
    proeftuin = Proeftuin.objects.filter(organisation=organisation).first()
    if proeftuin is None:
        starts_on = add_months(today, -5)
        proeftuin = Proeftuin.objects.create(
            organisation=organisation,
            name="Proeftuin datagedreven werken",
            purpose=(
                "Twaalf collega's leren een jaar lang werken met data: vragen scherp stellen, "
                "gegevens zorgvuldig verzamelen, analyseren en er samen verstandig naar handelen."
            ),
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=365),
            director_sees_individuals=True,
        )
    coach_user = _user("coach@demo.example", "Sanne Kramer")
    director_user = _user("director@demo.example", "Marco Verbeek")
    coach = services.grant_membership(user=coach_user, proeftuin=proeftuin, role=Role.COACH)
    director = services.grant_membership(
        user=director_user, proeftuin=proeftuin, role=Role.DIRECTOR
    )
    participants = []
    for number, name in enumerate(PARTICIPANT_NAMES, start=1):
        user = _user(f"participant{number}@demo.example", name)
        membership = Membership.objects.filter(user=user, proeftuin=proeftuin).first()
        if membership is None:
            membership = services.grant_membership(
                user=user, proeftuin=proeftuin, role=Role.PARTICIPANT
            )
            # They joined when the pilot began: their history starts there, and a joining day
            # of today would make nobody quiet yet (learning.progress.is_quiet).
            membership.joined_at = timezone.make_aware(
                datetime.combine(proeftuin.starts_on, time(9))
            )
            membership.save(update_fields=["joined_at"])
            # Two participants chose to share their progress with the director by name.
            if number in (2, 5):
                services.set_share_with_director(membership=membership, share=True)
        participants.append(membership)
    return DemoPilot(organisation, proeftuin, coach, director, participants, today)


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

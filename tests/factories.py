"""factory-boy factories for every model the tests build."""

from datetime import timedelta

import factory
from django.conf import settings
from django.utils import timezone

from proeftuin.models import Membership, Organisation, Proeftuin, Role, User

PASSWORD = "een-lang-testwachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")


class ProeftuinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proeftuin

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Proeftuin {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=90))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=270))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    proeftuin = factory.SubFactory(ProeftuinFactory)
    role = Role.PARTICIPANT


class ParticipantFactory(MembershipFactory):
    role = Role.PARTICIPANT


class CoachFactory(MembershipFactory):
    role = Role.COACH
    user = factory.SubFactory(UserFactory, is_staff=True)


class DirectorFactory(MembershipFactory):
    role = Role.DIRECTOR


__all__ = [
    "PASSWORD",
    "CoachFactory",
    "DirectorFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "ParticipantFactory",
    "ProeftuinFactory",
    "UserFactory",
    "settings",
]


# --- notifications -------------------------------------------------------------------------------
from notifications.models import Reminder  # noqa: E402


class ReminderFactory(factory.django.DjangoModelFactory):
    """A reminder due now, pending; pass `recipient` and `proeftuin` of a membership."""

    class Meta:
        model = Reminder

    rule = "gone_quiet"
    recipient = factory.SubFactory(UserFactory)
    subject_key = factory.Sequence(lambda n: f"test:{n}")
    period = "p"
    due_at = factory.LazyFunction(timezone.now)
    context = factory.LazyFunction(
        lambda: {"pilot_name": "Proeftuin", "days": 15, "has_activity": True}
    )

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


# --- learning ----------------------------------------------------------------------------

from learning.models import (  # noqa: E402
    ActivityKind,
    EthicsReview,
    Experiment,
    GoalCheckIn,
    GoalComment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)
from proeftuin.models import Dimension  # noqa: E402


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    organisation = factory.SubFactory(OrganisationFactory)
    key = factory.Sequence(lambda n: f"vaardigheid-{n}")
    dimension = Dimension.DATA_ANALYSIS
    name = factory.Sequence(lambda n: f"Vaardigheid {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillGoal

    membership = factory.SubFactory(ParticipantFactory)
    skill = factory.SubFactory(
        SkillFactory, organisation=factory.SelfAttribute("..membership.proeftuin.organisation")
    )
    statement = factory.Sequence(lambda n: f"Leerdoel {n}")
    start_level = 1
    target_level = 3
    current_level = factory.SelfAttribute("start_level")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=80))


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalCheckIn

    goal = factory.SubFactory(GoalFactory)
    level = 2


class GoalCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalComment

    goal = factory.SubFactory(GoalFactory)
    author = factory.SubFactory(
        CoachFactory, proeftuin=factory.SelfAttribute("..goal.membership.proeftuin")
    )
    text = "Goed bezig!"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningActivity

    membership = factory.SubFactory(ParticipantFactory)
    kind = ActivityKind.READING
    on = factory.LazyFunction(timezone.localdate)
    minutes = 30
    title = factory.Sequence(lambda n: f"Activiteit {n}")


class ExperimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experiment

    owner = factory.SubFactory(ParticipantFactory)
    title = factory.Sequence(lambda n: f"Experiment {n}")
    question = "Werkt het?"
    planned_start = factory.LazyFunction(timezone.localdate)
    planned_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class EthicsReviewFactory(factory.django.DjangoModelFactory):
    """A review with every question answered, still a draft unless `state` says otherwise."""

    class Meta:
        model = EthicsReview

    experiment = factory.SubFactory(ExperimentFactory)
    affected = "Bezoekers van de balie"
    understanding_and_consent = "Een kaartje bij de balie; wie niet wil, doet niet mee."
    personal_data = "Alleen tijdstippen, geen namen."
    not_want_to_know = "Welke collega sneller helpt."
    retention_and_access = "Alleen wij tweeën; weg na zes weken."
    automated_decisions = "Nee."
    comfortable_reading = "Ja."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    experiment = factory.SubFactory(ExperimentFactory)
    proeftuin = factory.SelfAttribute("experiment.owner.proeftuin")
    author = factory.SelfAttribute("experiment.owner")
    kind = Lesson.Kind.GOOD_PRACTICE
    dimension = Dimension.DATA_ANALYSIS
    text = "Begin klein."


__all__ += [
    "ActivityFactory",
    "CheckInFactory",
    "ExperimentFactory",
    "GoalCommentFactory",
    "GoalFactory",
    "LessonFactory",
    "SkillFactory",
]

# ---- workshops ----------------------------------------------------------------------------


class SessionFactory(factory.django.DjangoModelFactory):
    """A lunch lecture next week, 12:00-13:00 Amsterdam time, with room for ten."""

    class Meta:
        model = "workshops.Session"

    proeftuin = factory.SubFactory(ProeftuinFactory)
    kind = "lunch_lecture"
    title = factory.Sequence(lambda n: f"Lunchlezing {n}")
    facilitator = "Sanne Kramer"
    location = "Zaal 2"
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + timedelta(days=7)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    capacity = 10


class PastSessionFactory(SessionFactory):
    """A workshop that took place last week."""

    kind = "workshop"
    # Six days ago, not seven: at any hour it has ended within the week that feedback is asked
    # for (seven days ago at 13:30 fell out of that window every afternoon).
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() - timedelta(days=6)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))


class SessionSkillFactory(factory.django.DjangoModelFactory):
    """A skill of the catalogue, for sessions."""

    class Meta:
        model = "learning.Skill"
        django_get_or_create = ("organisation", "key")

    organisation = factory.SubFactory(OrganisationFactory)
    key = factory.Sequence(lambda n: f"vaardigheid-{n}")
    dimension = "data_analysis"
    name = factory.Sequence(lambda n: f"Vaardigheid {n}")


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


# --- proeftuin: measurement and overview ------------------------------------------------------
from proeftuin.models import AssessmentAnswer, MaturityAssessment, MeasurementRound  # noqa: E402
from workshops.models import Attendance  # noqa: E402


class MeasurementRoundFactory(factory.django.DjangoModelFactory):
    """A follow-up round, open from a week ago until a week from now."""

    class Meta:
        model = MeasurementRound

    proeftuin = factory.SubFactory(ProeftuinFactory)
    kind = MeasurementRound.Kind.FOLLOW_UP
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class MaturityAssessmentFactory(factory.django.DjangoModelFactory):
    """An answer to a round; `stages` (dimension -> stage) fills both subjects, default 2."""

    class Meta:
        model = MaturityAssessment
        skip_postgeneration_save = True

    membership = factory.SubFactory(ParticipantFactory)
    round = factory.SubFactory(
        MeasurementRoundFactory, proeftuin=factory.SelfAttribute("..membership.proeftuin")
    )

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        if not create:
            return
        chosen = extracted or {}
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(
                assessment=obj, dimension=dimension, subject=subject, stage=chosen.get(dimension, 2)
            )
            for dimension in Dimension.values
            for subject in ("organisation", "self")
        )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    class Params:
        present = True  # the common case in tests; `state` says more when it matters

    session = factory.SubFactory("tests.factories.PastSessionFactory")
    membership = factory.SubFactory(ParticipantFactory)
    state = factory.LazyAttribute(lambda o: "present" if o.present else "absent")


__all__ += ["AttendanceFactory", "MaturityAssessmentFactory", "MeasurementRoundFactory"]

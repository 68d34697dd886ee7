"""One row of every kind of personal data for a person, with texts that name their owner."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from backlog.models import Question, QuestionComment, Support
from charter.models import CharterVersion, Principle
from integrations.models import WorkAccountMfa, XapiIntegration, XapiStatement
from learning.models import (
    ActivityKind,
    EthicsReview,
    EthicsReviewStep,
    Experiment,
    GoalCheckIn,
    GoalComment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)
from notifications.models import NotificationPreference, Reminder, Rule
from proeftuin import audit
from proeftuin.accounts import services
from proeftuin.models import (
    AssessmentAnswer,
    AssessmentDraft,
    AuditEvent,
    Dimension,
    Invitation,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    PlanAction,
)
from tests.integrations.helpers import make_token
from workshops.models import (
    Attendance,
    CalendarFeed,
    Registration,
    Session,
    SessionFeedback,
    WaitingOffer,
)


@dataclass
class Seeded:
    membership: Membership
    tag: str  # a word that appears in every free text of this person

    @property
    def texts(self) -> list[str]:
        return [f"{self.tag}-{kind}" for kind in TEXT_KINDS]


TEXT_KINDS = [
    "goal",
    "checkin",
    "comment",
    "activity",
    "reflection",
    "experiment",
    "question",
    "data",
    "notknow",
    "reviewnote",
    "outcome",
    "lesson",
    "feedback",
    "note",
]


def skill_for(membership: Membership) -> Skill:
    skill, _ = Skill.objects.get_or_create(
        organisation=membership.proeftuin.organisation,
        key="spreadsheet",
        defaults={"dimension": Dimension.DATA_ANALYSIS, "name": "Spreadsheets"},
    )
    return skill


def session_for(proeftuin, title: str = "Werken met draaitabellen") -> Session:
    start = timezone.now() - timedelta(days=7)
    return Session.objects.create(
        proeftuin=proeftuin,
        kind=Session.Kind.WORKSHOP,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )


def round_for(proeftuin) -> MeasurementRound:
    today = timezone.localdate()
    found = MeasurementRound.objects.filter(proeftuin=proeftuin, kind="baseline").first()
    return found or MeasurementRound.objects.create(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
    )


def seed_person(membership: Membership, tag: str, *, coach: Membership | None = None) -> Seeded:
    """Everything a participant can leave behind, one of each kind."""
    today = timezone.localdate()
    proeftuin = membership.proeftuin
    user = membership.user
    goal = SkillGoal.objects.create(
        membership=membership,
        skill=skill_for(membership),
        statement=f"{tag}-goal",
        start_level=1,
        target_level=3,
        current_level=2,
        starts_on=today - timedelta(days=20),
        due_on=today + timedelta(days=40),
    )
    GoalCheckIn.objects.create(goal=goal, level=2, note=f"{tag}-checkin")
    GoalComment.objects.create(goal=goal, author=coach, text=f"{tag}-comment")
    session = session_for(proeftuin)
    experiment = Experiment.objects.create(
        owner=membership,
        title=f"{tag}-experiment",
        question=f"{tag}-question",
        data_used=f"{tag}-data",
        outcome=f"{tag}-outcome",
        planned_start=today - timedelta(days=10),
        planned_end=today + timedelta(days=10),
    )
    review = EthicsReview.objects.create(experiment=experiment, not_want_to_know=f"{tag}-notknow")
    EthicsReviewStep.objects.create(
        review=review, kind=EthicsReviewStep.Kind.CHANGES_REQUESTED, note=f"{tag}-reviewnote"
    )
    question = Question.objects.create(
        proeftuin=membership.proeftuin,
        proposer=membership,
        text=f"{tag}-backlogquestion",
        asked_by="team planning",
        why=f"{tag}-why",
    )
    QuestionComment.objects.create(question=question, author=membership, text=f"{tag}-qcomment")
    theirs = Question.objects.create(
        proeftuin=membership.proeftuin, text="Wanneer is het druk?", asked_by="de balie", why="-"
    )
    Support.objects.create(question=theirs, member=membership)
    principle = Principle.objects.create(
        charter=CharterVersion.objects.create(
            proeftuin=membership.proeftuin,
            version=CharterVersion.objects.filter(proeftuin=membership.proeftuin).count() + 1,
        ),
        number=1,
        text="Alleen wat nodig is.",
    )
    principle.reviews.add(review)
    LearningActivity.objects.create(
        membership=membership,
        kind=ActivityKind.WORKSHOP,
        minutes=90,
        title=f"{tag}-activity",
        reflection=f"{tag}-reflection",
        session=session,
    )
    LearningActivity.objects.create(
        membership=membership,
        kind=ActivityKind.EXPERIMENT,
        minutes=45,
        title=f"{tag}-activity",
        reflection=f"{tag}-reflection",
        experiment=experiment,
    )
    Lesson.objects.create(
        proeftuin=proeftuin,
        author=membership,
        kind=Lesson.Kind.PITFALL,
        dimension=Dimension.PUBLIC_VALUE,
        text=f"{tag}-lesson",
        experiment=experiment,
    )
    registration = Registration.objects.create(
        session=session, membership=membership, response=Registration.Response.GOING
    )
    WaitingOffer.objects.create(
        registration=registration,
        state=WaitingOffer.State.ACCEPTED,
        expires_at=timezone.now() + timedelta(hours=24),
        answered_at=timezone.now(),
    )
    Attendance.objects.create(session=session, membership=membership, state="present")
    SessionFeedback.objects.create(
        session=session, membership=membership, usefulness=4, improvement=f"{tag}-feedback"
    )
    assessment, _ = MaturityAssessment.objects.get_or_create(
        membership=membership, round=round_for(proeftuin)
    )
    AssessmentAnswer.objects.update_or_create(
        assessment=assessment,
        dimension=Dimension.DATA_ANALYSIS,
        subject=AssessmentAnswer.Subject.SELF,
        defaults={"stage": 3, "note": f"{tag}-note"},
    )
    AssessmentDraft.objects.get_or_create(
        membership=membership,
        round=round_for(proeftuin),
        defaults={"answers": {"public_value": {"organisation": 2, "self": 2, "note": tag}}},
    )
    Reminder.objects.create(
        rule=Rule.GONE_QUIET,
        recipient=user,
        proeftuin=proeftuin,
        subject_key=f"goal:{goal.pk}",
        period="2026-01",
        due_at=timezone.now(),
        context={"name": user.full_name},
    )
    NotificationPreference.objects.get_or_create(user=user, rule=Rule.GOAL_DUE)
    CalendarFeed.objects.create(user=user)
    services.set_share_with_director(membership=membership, share=True)
    Invitation.objects.create(
        email=user.email,
        proeftuin=proeftuin,
        role=membership.role,
        full_name=user.full_name,
        token_hash=Invitation.hash_token(f"token-{tag}"),
        expires_at=timezone.now() + timedelta(days=7),
        accepted_at=timezone.now(),
    )
    TOTPDevice.objects.create(user=user, name=f"telefoon {tag}", confirmed=True)
    PlanAction.objects.create(
        proeftuin=proeftuin,
        dimension=Dimension.DATA_ANALYSIS,
        text=f"{tag}-planaction",
        owner=membership,
        due_on=today + timedelta(days=30),
    )
    StaticDevice.objects.create(user=user, name="reserve", confirmed=True)
    WorkAccountMfa.objects.create(user=user, name=f"werkaccount {tag}", confirmed=False)
    make_token(user, name=f"{tag}-token")
    XapiStatement.objects.create(
        integration=XapiIntegration.objects.create(
            proeftuin=proeftuin, name=f"{tag}-platform", key=f"key-{tag}-{membership.pk}"
        ),
        membership=membership,
        verb="http://adlnet.gov/expapi/verbs/completed",
        outcome=XapiStatement.Outcome.NO_DURATION,
    )
    if coach is not None:
        audit.viewed(actor=coach.user, subject=user, what=audit.What.GOAL, proeftuin=proeftuin)
    else:
        audit.record(
            actor=None, subject=user, action=AuditEvent.Action.VIEWED, what=audit.What.GOAL
        )
    return Seeded(membership=membership, tag=tag)


def share_experiment(owner: Membership, co_member: Membership) -> Experiment:
    experiment = Experiment.objects.filter(owner=owner).first()
    experiment.co_members.add(co_member)
    return experiment

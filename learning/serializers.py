"""Explicit input and output serializers of the learning API."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from charter import selectors as charter_selectors
from proeftuin.models import Dimension, Membership
from proeftuin.validation import DateSerializerField, LinkSerializerField, ObjectIdField

from . import ethics, progress, selectors, services
from .models import (
    ActivityKind,
    Experiment,
    GoalCheckIn,
    GoalComment,
    LearningActivity,
    Lesson,
    Skill,
    SkillGoal,
)

LEVEL = {"min_value": 1, "max_value": 5}
CLOSE_STATUSES = [
    (SkillGoal.Status.ACHIEVED.value, SkillGoal.Status.ACHIEVED.label),
    (SkillGoal.Status.DROPPED.value, SkillGoal.Status.DROPPED.label),
]

# --- output --------------------------------------------------------------------------------


class LevelOut(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    text = serializers.CharField()
    customised = serializers.BooleanField()


class SkillOut(serializers.ModelSerializer):
    # What levels 1..5 mean for this skill in the pilot (context "levels": skill id -> levels).
    levels = serializers.SerializerMethodField()

    class Meta:
        model = Skill
        fields = [
            "id",
            "key",
            "dimension",
            "name",
            "description",
            "name_en",
            "description_en",
            "is_active",
            "levels",
        ]
        read_only_fields = fields

    @extend_schema_field(LevelOut(many=True))
    def get_levels(self, skill: Skill) -> list:
        return LevelOut(self.context["levels"][skill.pk], many=True).data


class CheckInOut(serializers.ModelSerializer):
    # A link, or "" when none was given (as on the activity).
    evidence_url = serializers.CharField(read_only=True)

    class Meta:
        model = GoalCheckIn
        fields = ["id", "on", "level", "note", "evidence_url"]
        read_only_fields = fields


class CommentOut(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = GoalComment
        fields = ["id", "author_name", "kind", "text", "created_at"]
        read_only_fields = fields

    def get_author_name(self, comment: GoalComment) -> str:
        return comment.author.user.display_name if comment.author else ""


class GoalOut(serializers.ModelSerializer):
    participant = serializers.IntegerField(source="membership_id", read_only=True)
    skill_name = serializers.CharField(source="skill.display_name", read_only=True)
    progress_percent = serializers.IntegerField(read_only=True)
    behind = serializers.SerializerMethodField()
    check_ins = CheckInOut(many=True, read_only=True)
    comments = CommentOut(many=True, read_only=True)

    class Meta:
        model = SkillGoal
        fields = [
            "id",
            "participant",
            "skill",
            "skill_name",
            "statement",
            "start_level",
            "target_level",
            "current_level",
            "starts_on",
            "due_on",
            "status",
            "closed_on",
            "confirmation",
            "confirmed_on",
            "progress_percent",
            "behind",
            "check_ins",
            "comments",
        ]
        read_only_fields = fields

    def get_behind(self, goal: SkillGoal) -> bool:
        return progress.goal_is_behind(goal, timezone.localdate())


class ActivityOut(serializers.ModelSerializer):
    participant = serializers.IntegerField(source="membership_id", read_only=True)
    # A link, or "" when none was given: a plain string, so the schema does not promise a URI.
    evidence_url = serializers.CharField(read_only=True)
    skills = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = LearningActivity
        fields = [
            "id",
            "participant",
            "kind",
            "on",
            "minutes",
            "title",
            "reflection",
            "evidence_url",
            "skills",
            "goals",
            "session",
            "experiment",
        ]
        read_only_fields = fields


class LessonOut(serializers.ModelSerializer):
    class Meta:
        model = Lesson
        fields = ["id", "kind", "dimension", "text", "review", "created_at"]
        read_only_fields = fields


class EthicsStepOut(serializers.Serializer):
    """A step of the review's history: by role, never by name."""

    kind = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    by = serializers.CharField(read_only=True)
    at = serializers.DateTimeField(read_only=True)
    note = serializers.CharField(read_only=True)
    comments = serializers.SerializerMethodField()

    def get_comments(self, line) -> list[dict]:
        return [{"question": label, "comment": text} for label, text in line.comments]


class EthicsReviewOut(serializers.Serializer):
    state = serializers.CharField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)
    answers = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    principles = serializers.SerializerMethodField(
        help_text="The basic principles the reviewer ticked, with their charter version."
    )

    def get_principles(self, review) -> list[dict]:
        return [
            {"id": p.pk, "number": p.number, "text": p.text, "version": p.charter.version}
            for p in charter_selectors.principles_of_review(review)
        ]

    def get_answers(self, review) -> dict:
        return {key: getattr(review, key) for key in ethics.KEYS}

    def get_history(self, review) -> list[dict]:
        return EthicsStepOut(selectors.review_history(review), many=True).data


class ExperimentOut(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", read_only=True)
    co_members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    ethics_review = serializers.SerializerMethodField()
    lessons = LessonOut(many=True, read_only=True)
    origin = serializers.IntegerField(
        source="origin_id", read_only=True, allow_null=True, help_text="The backlog question."
    )

    def get_ethics_review(self, experiment) -> dict:
        review = selectors.ethics_review_of(experiment)
        return {"state": review.state, "approved": review.state == review.State.APPROVED}

    class Meta:
        model = Experiment
        fields = [
            "id",
            "owner",
            "co_members",
            "title",
            "question",
            "data_used",
            "ethics_review",
            "planned_start",
            "planned_end",
            "status",
            "outcome",
            "lessons",
            "origin",
        ]
        read_only_fields = fields


# --- input ---------------------------------------------------------------------------------


class _ScopedInput(serializers.Serializer):
    """Input whose related choices are limited to the asking membership's pilot."""

    def __init__(self, *args, membership: Membership | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        if membership is not None:
            self.scope(membership)

    def scope(self, membership: Membership) -> None:
        """Limit the related choices; without a membership (schema generation) there are none."""


class SkillIn(serializers.Serializer):
    key = serializers.SlugField(max_length=60, required=False)
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    name_en = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    description_en = serializers.CharField(required=False, allow_blank=True, default="")
    is_active = serializers.BooleanField(required=False, default=True)


class LevelsIn(serializers.Serializer):
    """The coach's own words per level; an empty text keeps the default, an absent one too."""

    level_1 = serializers.CharField(required=False, allow_blank=True, max_length=300)
    level_2 = serializers.CharField(required=False, allow_blank=True, max_length=300)
    level_3 = serializers.CharField(required=False, allow_blank=True, max_length=300)
    level_4 = serializers.CharField(required=False, allow_blank=True, max_length=300)
    level_5 = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def texts(self) -> dict[int, str]:
        return {int(name[-1]): text for name, text in self.validated_data.items()}


class GoalIn(_ScopedInput):
    skill = ObjectIdField(queryset=Skill.objects.none())
    statement = serializers.CharField(max_length=300)
    start_level = serializers.IntegerField(**LEVEL)
    target_level = serializers.IntegerField(**LEVEL)
    due_on = DateSerializerField()

    def scope(self, membership):
        self.fields["skill"].queryset = selectors.skills_of(membership.proeftuin.organisation)


class CheckInIn(serializers.Serializer):
    level = serializers.IntegerField(**LEVEL)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    on = DateSerializerField(required=False, help_text=_("Standaard vandaag."))
    evidence_url = LinkSerializerField()


class CloseGoalIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=[SkillGoal.Status.ACHIEVED, SkillGoal.Status.DROPPED])


class AskConfirmationIn(serializers.Serializer):
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DecideConfirmationIn(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("confirm", _("bevestigen")), ("more", _("om meer vragen"))]
    )
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CommentIn(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


class ActivityIn(_ScopedInput):
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    on = DateSerializerField(required=False, help_text=_("Standaard vandaag."))
    minutes = serializers.IntegerField(min_value=1, max_value=1440)
    title = serializers.CharField(max_length=200)
    reflection = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    evidence_url = LinkSerializerField()
    skills = ObjectIdField(many=True, queryset=Skill.objects.none(), required=False, default=list)
    goals = ObjectIdField(
        many=True, queryset=SkillGoal.objects.none(), required=False, default=list
    )

    def scope(self, membership):
        self.fields["skills"].child_relation.queryset = selectors.skills_of(
            membership.proeftuin.organisation
        )
        self.fields["goals"].child_relation.queryset = SkillGoal.objects.filter(
            membership=membership
        )


class ExperimentIn(_ScopedInput):
    title = serializers.CharField(max_length=200)
    question = serializers.CharField(max_length=2000)
    data_used = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    planned_start = DateSerializerField()
    planned_end = DateSerializerField()
    status = serializers.ChoiceField(choices=Experiment.Status.choices, required=False)
    outcome = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    co_members = ObjectIdField(many=True, queryset=Membership.objects.none(), required=False)

    def scope(self, membership):
        self.fields["co_members"].child_relation.queryset = selectors.co_member_candidates(
            membership
        )


class LessonIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Lesson.Kind.choices)
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    text = serializers.CharField(max_length=2000)


class EthicsAnswersIn(serializers.Serializer):
    """The owner's answers; a question left out keeps its answer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in ethics.QUESTIONS:
            self.fields[question.key] = serializers.CharField(
                max_length=2000, required=False, allow_blank=True, help_text=str(question.prompt)
            )


class EthicsDecisionIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[str(value) for value in services.DECISIONS])
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    comments = serializers.DictField(
        child=serializers.CharField(max_length=2000, allow_blank=True),
        required=False,
        default=dict,
        help_text=_("Per vraag (de sleutel van de vraag) wat er anders moet."),
    )
    principles = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
        help_text="Ids of the current basic principles the review touches.",
    )

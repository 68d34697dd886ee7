"""/api/v1/pilots/<pilot>/questions/: the question backlog, with the rules of its pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from learning.api import PILOT_PARAMETER, PilotScopedViewSet
from learning.serializers import ExperimentOut

from . import selectors, services
from .models import Question, QuestionComment


class QuestionCommentOut(serializers.ModelSerializer):
    mine = serializers.SerializerMethodField()

    def get_mine(self, comment) -> bool:
        return comment.author_id == self.context["membership"].pk

    class Meta:
        model = QuestionComment
        fields = ["id", "text", "mine", "created_at"]


class QuestionOut(serializers.ModelSerializer):
    support_count = serializers.IntegerField(read_only=True)
    supported = serializers.BooleanField(read_only=True, help_text="The asker supports it.")
    experiments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "text",
            "asked_by",
            "why",
            "theme",
            "priority",
            "support_count",
            "supported",
            "experiments",
            "created_at",
        ]


class QuestionDetailOut(QuestionOut):
    comments = QuestionCommentOut(many=True, read_only=True)

    class Meta(QuestionOut.Meta):
        fields = [*QuestionOut.Meta.fields, "comments"]


class QuestionIn(serializers.Serializer):
    text = serializers.CharField(max_length=300)
    asked_by = serializers.CharField(max_length=120)
    why = serializers.CharField(max_length=2000)


class ArrangeIn(serializers.Serializer):
    theme = serializers.CharField(max_length=80, allow_blank=True, required=False, default="")
    priority = serializers.ChoiceField(
        choices=Question.Priority.choices, allow_null=True, required=False, default=None
    )


class QuestionCommentIn(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


@extend_schema(parameters=[PILOT_PARAMETER], tags=["backlog: questions"])
@extend_schema_view(
    list=extend_schema(summary="The pilot's question backlog"),
    retrieve=extend_schema(summary="One question with its comments"),
)
class QuestionViewSet(PilotScopedViewSet):
    """Everyone in the pilot proposes, supports and comments; the coach arranges."""

    subject = "question"
    serializer_class = QuestionOut
    action_rules = {
        "support": ("question support", "create"),
        "comments": ("question comment", "create"),
        "experiment": ("experiment", "create"),
    }

    def get_queryset(self):
        if self.membership is None:  # schema generation
            return Question.objects.none()
        return selectors.questions_of(self.membership)

    def _detail(self, question_id):
        question = selectors.question_read_by(self.membership, question_id)
        return QuestionDetailOut(question, context=self.get_serializer_context()).data

    def list(self, request, pilot):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(QuestionOut(page, many=True).data)

    def retrieve(self, request, pilot, pk):
        return Response(self._detail(pk))

    @extend_schema(summary="Propose a question", request=QuestionIn, responses={201: QuestionOut})
    def create(self, request, pilot):
        data = QuestionIn(data=request.data)
        data.is_valid(raise_exception=True)
        question = self.call(
            services.propose_question, member=self.membership, **data.validated_data
        )
        return Response(
            QuestionOut(selectors.question_or_404(self.membership, question.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Group under a theme and prioritise (coach)",
        request=ArrangeIn,
        responses=QuestionOut,
    )
    def partial_update(self, request, pilot, pk):
        question = selectors.question_or_404(self.membership, pk)
        data = ArrangeIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(
            services.arrange_question,
            coach=self.membership,
            question=question,
            **data.validated_data,
        )
        return Response(QuestionOut(selectors.question_or_404(self.membership, pk)).data)

    @extend_schema(
        summary="Support a question (once per person)", request=None, responses=QuestionOut
    )
    @action(detail=True, methods=["post"])
    def support(self, request, pilot, pk):
        question = selectors.question_or_404(self.membership, pk)
        self.call(services.support_question, member=self.membership, question=question)
        return Response(QuestionOut(selectors.question_or_404(self.membership, pk)).data)

    @extend_schema(
        summary="Comment on a question",
        request=QuestionCommentIn,
        responses={201: QuestionCommentOut},
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pilot, pk):
        question = selectors.question_or_404(self.membership, pk)
        data = QuestionCommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        comment = self.call(
            services.comment_on_question,
            member=self.membership,
            question=question,
            text=data.validated_data["text"],
        )
        return Response(
            QuestionCommentOut(comment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Turn the question into a planned experiment of the asker (a participant)",
        request=None,
        responses={201: ExperimentOut},
    )
    @action(detail=True, methods=["post"])
    def experiment(self, request, pilot, pk):
        question = selectors.question_or_404(self.membership, pk)
        experiment = self.call(
            services.experiment_from_question, member=self.membership, question=question
        )
        return Response(ExperimentOut(experiment).data, status=status.HTTP_201_CREATED)

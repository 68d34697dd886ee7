"""REST API of the learning path under /api/v1/pilots/<pilot>/: the same rules as the pages.

Reads: a participant their own objects (and experiments shared with them); the coach of the
pilot everything of its participants. Writes: the participant on their own objects; the coach
only comments (and the skill catalogue). Every refusal is a 404, as on the pages: the rules
are proeftuin.access.ROLES_FOR.
"""

import django_filters
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from charter import services as charter_services
from proeftuin import access
from proeftuin.web.api_filters import DateFilter, IdFilter, StrictBooleanFilter

from . import levels, selectors, services
from .models import ActivityKind, Experiment, LearningActivity, Skill, SkillGoal
from .serializers import (
    ActivityIn,
    ActivityOut,
    AskConfirmationIn,
    CheckInIn,
    CloseGoalIn,
    CommentIn,
    DecideConfirmationIn,
    EthicsAnswersIn,
    EthicsDecisionIn,
    EthicsReviewOut,
    ExperimentIn,
    ExperimentOut,
    GoalIn,
    GoalOut,
    LessonIn,
    LessonOut,
    LevelsIn,
    SkillIn,
    SkillOut,
)

PILOT_PARAMETER = OpenApiParameter(
    "pilot", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id of the pilot (proeftuin)."
)


class PilotScopedViewSet(viewsets.GenericViewSet):
    """Resolves the asking membership first: 404 for anyone whose role may not do the action.

    The rule is proeftuin.access.ROLES_FOR, the one the pages ask: each action of a viewset
    is an (object, method) pair there; which objects of the pilot a role reaches is left to
    the selectors of get_queryset.
    """

    subject = ""
    methods = {
        "list": "read",
        "retrieve": "read",
        "create": "create",
        "update": "update",
        "partial_update": "update",
        "destroy": "delete",
    }
    # Extra actions that act on another object of access.ROLES_FOR than `subject`.
    action_rules: dict[str, tuple[str, str]] = {}
    membership = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        obj, method = self.action_rules.get(self.action) or (
            self.subject,
            # OPTIONS and methods the viewset lacks (405) ask what reading it asks: the 405 is
            # for those who may use the endpoint, a 404 for the rest, as for its other methods.
            self.methods.get(self.action) or self.methods.get("retrieve", "read"),
        )
        self.membership = access.member_for(request.user, kwargs.get("pilot"), obj, method)

    def call(self, fn, **kwargs):
        # A domain error leaves the atomic block, so nothing of the call stays written; the API's
        # exception handler answers it as a 400 naming the field.
        with transaction.atomic():
            return fn(**kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "membership": self.membership}


# --- skills --------------------------------------------------------------------------------


class SkillFilter(django_filters.FilterSet):
    is_active = StrictBooleanFilter()

    class Meta:
        model = Skill
        fields = ["dimension", "is_active"]


@extend_schema(parameters=[PILOT_PARAMETER], tags=["learning: skills"])
@extend_schema_view(
    list=extend_schema(summary="Skills of the pilot's organisation"),
    retrieve=extend_schema(summary="One skill"),
)
class SkillViewSet(PilotScopedViewSet):
    """The organisation's data-skill catalogue: every member reads it, the coach edits it."""

    subject = "skill"
    serializer_class = SkillOut
    filterset_class = SkillFilter

    def get_queryset(self):
        if self.membership is None:  # schema generation
            return Skill.objects.none()
        return selectors.skills_of(self.membership.proeftuin.organisation, active_only=False)

    action_rules = {"set_levels": ("level descriptor", "update")}

    def _out(self, skills, **kwargs):
        many = kwargs.get("many", False)
        table = levels.level_table(self.membership.proeftuin, skills if many else [skills])
        return SkillOut(skills, context={"levels": table}, **kwargs).data

    def list(self, request, pilot):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._out(page, many=True))

    def retrieve(self, request, pilot, pk):
        return Response(self._out(self.get_object()))

    @extend_schema(
        summary="Rewrite what levels of a skill mean in this pilot (coach)",
        request=LevelsIn,
        responses={200: SkillOut},
        examples=[
            OpenApiExample(
                "Own words for level 3",
                value={"level_3": "Ik maak zelf een draaitabel van onze wachttijden."},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["put"], url_path="levels")
    def set_levels(self, request, pilot, pk):
        skill = self.get_object()
        data = LevelsIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(
            services.save_level_descriptors,
            proeftuin=self.membership.proeftuin,
            skill=skill,
            texts=data.texts(),
        )
        return Response(self._out(skill))

    @extend_schema(
        summary="Add a skill (coach)",
        request=SkillIn,
        responses={201: SkillOut},
        examples=[
            OpenApiExample(
                "A new skill",
                value={
                    "dimension": "data_analysis",
                    "name": "Werken met open data",
                    "description": "Openbare bronnen vinden en beoordelen.",
                    "name_en": "Working with open data",
                },
                request_only=True,
            )
        ],
    )
    def create(self, request, pilot):
        data = SkillIn(data=request.data)
        data.is_valid(raise_exception=True)
        skill = self.call(
            services.save_skill,
            organisation=self.membership.proeftuin.organisation,
            **data.validated_data,
        )
        return Response(self._out(skill), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a skill (coach)", request=SkillIn, responses={200: SkillOut})
    def update(self, request, pilot, pk, partial=False):
        skill = self.get_object()
        data = SkillIn(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k != "key"}
        skill = self.call(
            services.save_skill,
            organisation=self.membership.proeftuin.organisation,
            skill=skill,
            **fields,
        )
        return Response(self._out(skill))

    @extend_schema(summary="Change part of a skill (coach)", request=SkillIn, responses=SkillOut)
    def partial_update(self, request, pilot, pk):
        return self.update(request, pilot, pk, partial=True)


# --- goals ---------------------------------------------------------------------------------


class GoalFilter(django_filters.FilterSet):
    skill = IdFilter(field_name="skill_id")
    participant = IdFilter(field_name="membership_id")
    due_from = DateFilter(field_name="due_on", lookup_expr="gte")
    due_to = DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = SkillGoal
        fields = ["status", "skill", "participant", "due_from", "due_to"]


GOAL_EXAMPLE = OpenApiExample(
    "A goal",
    value={
        "skill": 3,
        "statement": "Zelf een draaitabel maken van de klanttevredenheid",
        "start_level": 1,
        "target_level": 3,
        "due_on": "2026-06-30",
    },
    request_only=True,
)
GOAL_400_EXAMPLE = OpenApiExample(
    "Target not above start",
    value={"target_level": ["Het doelniveau moet hoger zijn dan het beginniveau."]},
    response_only=True,
    status_codes=["400"],
)


@extend_schema(parameters=[PILOT_PARAMETER], tags=["learning: goals"])
@extend_schema_view(
    list=extend_schema(summary="Goals (own; the coach: all of the pilot) with check-ins"),
    retrieve=extend_schema(summary="One goal with its check-ins and comments"),
    destroy=extend_schema(summary="Delete an own goal; linked activities stay, unlinked"),
)
class GoalViewSet(PilotScopedViewSet):
    subject = "goal"
    action_rules = {
        "check_ins": ("check-in", "create"),
        "close": ("goal", "update"),
        "comments": ("goal comment", "create"),
        "ask_confirmation": ("goal confirmation", "create"),
        "confirmation": ("goal confirmation", "update"),
    }
    serializer_class = GoalOut
    filterset_class = GoalFilter

    own_actions = ("update", "partial_update", "destroy", "check_ins", "close", "ask_confirmation")

    def get_queryset(self):
        if self.membership is None:
            return SkillGoal.objects.none()
        if self.action in self.own_actions:
            return selectors.own_goals(self.membership)
        goals = selectors.goals_visible_to(self.membership)
        return selectors.goals_with_history(goals).order_by("due_on", "pk")

    def get_object(self):
        # The page's selectors: the same 404s, and a coach's read recorded as on the page.
        if self.action in self.own_actions:
            return selectors.own_goal_or_404(self.membership, self.kwargs["pk"])
        return selectors.goal_read_by(self.membership, self.kwargs["pk"])

    def list(self, request, pilot):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        goals = selectors.goals_read_by(self.membership, page)
        return self.get_paginated_response(GoalOut(goals, many=True).data)

    def retrieve(self, request, pilot, pk):
        return Response(GoalOut(self.get_object()).data)

    def _fresh(self, goal):
        return selectors.goals_with_history(SkillGoal.objects.select_related("skill")).get(
            pk=goal.pk
        )

    @extend_schema(
        summary="Set a goal (participant)",
        request=GoalIn,
        responses={201: GoalOut},
        examples=[GOAL_EXAMPLE, GOAL_400_EXAMPLE],
    )
    def create(self, request, pilot):
        data = GoalIn(data=request.data, membership=self.membership)
        data.is_valid(raise_exception=True)
        goal = self.call(services.create_goal, membership=self.membership, **data.validated_data)
        return Response(GoalOut(self._fresh(goal)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change an own goal", request=GoalIn, responses={200: GoalOut})
    def update(self, request, pilot, pk, partial=False):
        goal = self.get_object()
        data = GoalIn(data=request.data, membership=self.membership, partial=partial)
        data.is_valid(raise_exception=True)
        values = {
            "skill": goal.skill,
            "statement": goal.statement,
            "start_level": goal.start_level,
            "target_level": goal.target_level,
            "due_on": goal.due_on,
            **data.validated_data,
        }
        goal = self.call(services.update_goal, goal=goal, **values)
        return Response(GoalOut(self._fresh(goal)).data)

    @extend_schema(summary="Change part of an own goal", request=GoalIn, responses=GoalOut)
    def partial_update(self, request, pilot, pk):
        return self.update(request, pilot, pk, partial=True)

    def destroy(self, request, pilot, pk):
        goal = self.get_object()
        self.call(services.delete_goal, goal=goal)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Add a check-in (level + short note) to an own goal",
        request=CheckInIn,
        responses={201: GoalOut},
        examples=[
            OpenApiExample(
                "A check-in",
                value={"level": 2, "note": "Eerste draaitabel gelukt met hulp van Sanne."},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="check-ins")
    def check_ins(self, request, pilot, pk):
        goal = self.get_object()
        data = CheckInIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(services.add_check_in, goal=goal, **data.validated_data)
        return Response(GoalOut(self._fresh(goal)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Mark an own goal achieved or dropped",
        request=CloseGoalIn,
        responses={200: GoalOut},
        examples=[OpenApiExample("Achieved", value={"status": "achieved"}, request_only=True)],
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pilot, pk):
        goal = self.get_object()
        data = CloseGoalIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(services.close_goal, goal=goal, status=data.validated_data["status"])
        return Response(GoalOut(self._fresh(goal)).data)

    @extend_schema(
        summary="The coach comments on a participant's goal",
        request=CommentIn,
        responses={201: GoalOut},
        examples=[
            OpenApiExample(
                "A comment",
                value={
                    "text": "Mooi tempo! Zullen we volgende week samen naar je draaitabel kijken?"
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pilot, pk):
        goal = self.get_object()
        data = CommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(services.add_comment, goal=goal, author=self.membership, **data.validated_data)
        return Response(GoalOut(self._fresh(goal)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ask the coach to confirm an own goal as achieved",
        request=AskConfirmationIn,
        responses={201: GoalOut},
    )
    @action(detail=True, methods=["post"], url_path="ask-confirmation")
    def ask_confirmation(self, request, pilot, pk):
        goal = self.get_object()
        data = AskConfirmationIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(services.ask_confirmation, goal=goal, text=data.validated_data["text"])
        return Response(GoalOut(self._fresh(goal)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The coach confirms a goal as achieved, or asks for more",
        request=DecideConfirmationIn,
        responses={200: GoalOut},
        examples=[
            OpenApiExample(
                "More asked",
                value={"decision": "more", "text": "Laat je draaitabel eens zien?"},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def confirmation(self, request, pilot, pk):
        goal = self.get_object()
        data = DecideConfirmationIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(
            services.decide_confirmation,
            coach=self.membership,
            goal=goal,
            confirm=data.validated_data["decision"] == "confirm",
            text=data.validated_data["text"],
        )
        return Response(GoalOut(self._fresh(goal)).data)


# --- activities ----------------------------------------------------------------------------


class ActivityFilter(django_filters.FilterSet):
    date_from = DateFilter(field_name="on", lookup_expr="gte")
    date_to = DateFilter(field_name="on", lookup_expr="lte")
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices)
    skill = IdFilter(field_name="skills", distinct=True)
    goal = IdFilter(field_name="goals", distinct=True)
    participant = IdFilter(field_name="membership_id")

    class Meta:
        model = LearningActivity
        fields = ["date_from", "date_to", "kind", "skill", "goal", "participant"]


ACTIVITY_EXAMPLE = OpenApiExample(
    "A lunch lecture",
    value={
        "kind": "lunch_lecture",
        "on": "2026-03-12",
        "minutes": 45,
        "title": "Lunchlezing over de AVG",
        "reflection": "Dataminimalisatie: alleen vragen wat je echt nodig hebt.",
        "skills": [11],
        "goals": [],
        "evidence_url": "",
    },
    request_only=True,
)


@extend_schema(parameters=[PILOT_PARAMETER], tags=["learning: activities"])
@extend_schema_view(
    list=extend_schema(summary="Learning activities (own; the coach: all of the pilot)"),
    retrieve=extend_schema(summary="One activity"),
    destroy=extend_schema(summary="Delete an own activity"),
)
class ActivityViewSet(PilotScopedViewSet):
    subject = "activity"
    serializer_class = ActivityOut
    filterset_class = ActivityFilter

    own_actions = ("update", "partial_update", "destroy")

    def get_queryset(self):
        if self.membership is None:
            return LearningActivity.objects.none()
        if self.action in self.own_actions:
            return selectors.own_activities(self.membership)
        return selectors.activities_visible_to(self.membership).order_by("-on", "-pk")

    def get_object(self):
        if self.action in self.own_actions:
            return selectors.own_activity_or_404(self.membership, self.kwargs["pk"])
        return selectors.activity_read_by(self.membership, self.kwargs["pk"])

    def list(self, request, pilot):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        activities = selectors.activities_read_by(self.membership, page)
        return self.get_paginated_response(ActivityOut(activities, many=True).data)

    def retrieve(self, request, pilot, pk):
        return Response(ActivityOut(self.get_object()).data)

    @extend_schema(
        summary="Log an activity (participant)",
        request=ActivityIn,
        responses={201: ActivityOut},
        examples=[
            ACTIVITY_EXAMPLE,
            OpenApiExample(
                "Too many minutes",
                value={"minutes": ["Zorg ervoor dat deze waarde kleiner of gelijk is aan 1440."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def create(self, request, pilot):
        data = ActivityIn(data=request.data, membership=self.membership)
        data.is_valid(raise_exception=True)
        activity = self.call(
            services.log_activity, membership=self.membership, **data.validated_data
        )
        return Response(ActivityOut(activity).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an own activity", request=ActivityIn, responses={200: ActivityOut}
    )
    def update(self, request, pilot, pk, partial=False):
        activity = self.get_object()
        data = ActivityIn(data=request.data, membership=self.membership, partial=partial)
        data.is_valid(raise_exception=True)
        values = {
            "kind": activity.kind,
            "on": activity.on,
            "minutes": activity.minutes,
            "title": activity.title,
            "reflection": activity.reflection,
            "evidence_url": activity.evidence_url,
            "skills": list(activity.skills.all()),
            "goals": list(activity.goals.all()),
            **data.validated_data,
        }
        activity = self.call(services.update_activity, activity=activity, **values)
        return Response(ActivityOut(self.get_queryset().get(pk=activity.pk)).data)

    @extend_schema(
        summary="Change part of an own activity", request=ActivityIn, responses=ActivityOut
    )
    def partial_update(self, request, pilot, pk):
        return self.update(request, pilot, pk, partial=True)

    def destroy(self, request, pilot, pk):
        activity = self.get_object()
        self.call(services.delete_activity, activity=activity)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- experiments ---------------------------------------------------------------------------


class ExperimentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Experiment.Status.choices)
    date_from = DateFilter(field_name="planned_start", lookup_expr="gte")
    date_to = DateFilter(field_name="planned_start", lookup_expr="lte")
    participant = IdFilter(field_name="owner_id")

    class Meta:
        model = Experiment
        fields = ["status", "date_from", "date_to", "participant"]


EXPERIMENT_EXAMPLE = OpenApiExample(
    "A planned experiment (it starts once its ethics review is approved)",
    value={
        "title": "Wachttijd aan de balie meten",
        "question": "Is de wachttijd op maandagochtend echt langer dan op andere dagen?",
        "data_used": "Tijdstip van binnenkomst en van helpen, zonder namen.",
        "planned_start": "2026-04-01",
        "planned_end": "2026-05-15",
        "status": "planned",
        "co_members": [],
    },
    request_only=True,
)


@extend_schema(parameters=[PILOT_PARAMETER], tags=["learning: experiments"])
@extend_schema_view(
    list=extend_schema(summary="Experiments (own and shared; the coach: all of the pilot)"),
    retrieve=extend_schema(summary="One experiment with its lessons"),
    destroy=extend_schema(summary="Delete an own experiment with its lessons"),
)
class ExperimentViewSet(PilotScopedViewSet):
    """Co-members read an experiment shared with them; only its owner changes it."""

    subject = "experiment"
    action_rules = {
        "lessons": ("lesson", "create"),
        "ethics": ("ethics review", "read"),
        "ethics_update": ("ethics review", "update"),
        "ethics_submit": ("ethics review", "update"),
        "ethics_decide": ("ethics decision", "create"),
        "waiting_for_review": ("ethics decision", "create"),
    }
    serializer_class = ExperimentOut
    filterset_class = ExperimentFilter

    own_actions = (
        "update",
        "partial_update",
        "destroy",
        "lessons",
        "ethics_update",
        "ethics_submit",
    )

    def get_queryset(self):
        if self.membership is None:
            return Experiment.objects.none()
        if self.action in self.own_actions:
            return selectors.own_experiments(self.membership)
        return selectors.experiments_visible_to(self.membership).order_by("-planned_start", "pk")

    def get_object(self):
        if self.action in self.own_actions:
            return selectors.own_experiment_or_404(self.membership, self.kwargs["pk"])
        if self.action == "ethics_decide":
            return selectors.reviewable_experiment_or_404(self.membership, self.kwargs["pk"])
        return selectors.experiment_read_by(self.membership, self.kwargs["pk"])

    def list(self, request, pilot):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        experiments = selectors.experiments_read_by(self.membership, page)
        return self.get_paginated_response(ExperimentOut(experiments, many=True).data)

    def retrieve(self, request, pilot, pk):
        return Response(ExperimentOut(self.get_object()).data)

    def _fresh(self, experiment):
        return selectors.experiments_visible_to(self.membership).get(pk=experiment.pk)

    @extend_schema(
        summary="Start an experiment (participant)",
        request=ExperimentIn,
        responses={201: ExperimentOut},
        examples=[
            EXPERIMENT_EXAMPLE,
            OpenApiExample(
                "Running without an approved ethics review",
                value={
                    "status": [
                        "Dit experiment kan nog niet starten: eerst moet de ethische toets "
                        "ingevuld en goedgekeurd zijn door de coach of de ethisch toetser."
                    ]
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def create(self, request, pilot):
        data = ExperimentIn(data=request.data, membership=self.membership)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        co_members = values.pop("co_members", [])
        experiment = self.call(
            services.save_experiment, owner=self.membership, co_members=co_members, **values
        )
        return Response(ExperimentOut(self._fresh(experiment)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an own experiment", request=ExperimentIn, responses={200: ExperimentOut}
    )
    def update(self, request, pilot, pk, partial=False):
        experiment = self.get_object()
        data = ExperimentIn(data=request.data, membership=self.membership, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        co_members = values.pop("co_members", None)
        experiment = self.call(
            services.save_experiment,
            owner=self.membership,
            experiment=experiment,
            co_members=co_members,
            **values,
        )
        return Response(ExperimentOut(self._fresh(experiment)).data)

    @extend_schema(
        summary="Change part of an own experiment", request=ExperimentIn, responses=ExperimentOut
    )
    def partial_update(self, request, pilot, pk):
        return self.update(request, pilot, pk, partial=True)

    def destroy(self, request, pilot, pk):
        experiment = self.get_object()
        self.call(services.delete_experiment, experiment=experiment)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Add a lesson (good practice or pitfall) to an own experiment",
        request=LessonIn,
        responses={201: LessonOut},
        examples=[
            OpenApiExample(
                "A pitfall",
                value={
                    "kind": "pitfall",
                    "dimension": "data_analysis",
                    "text": "Twee weken meten is te kort: één drukke week vertekent alles.",
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def lessons(self, request, pilot, pk):
        experiment = self.get_object()
        data = LessonIn(data=request.data)
        data.is_valid(raise_exception=True)
        lesson = self.call(
            services.add_lesson,
            experiment=experiment,
            author=self.membership,
            **data.validated_data,
        )
        return Response(LessonOut(lesson).data, status=status.HTTP_201_CREATED)

    # --- the ethics review ------------------------------------------------------------------

    def _review(self, experiment):
        fresh = selectors.experiments_visible_to(self.membership).filter(pk=experiment.pk).first()
        return EthicsReviewOut(selectors.ethics_review_of(fresh or experiment)).data

    @extend_schema(
        summary="The experiment's ethics review: answers, state and history",
        responses=EthicsReviewOut,
    )
    @action(detail=True, methods=["get"])
    def ethics(self, request, pilot, pk):
        return Response(self._review(self.get_object()))

    @extend_schema(
        summary="Write the answers of an own experiment's ethics review",
        request=EthicsAnswersIn,
        responses=EthicsReviewOut,
    )
    @ethics.mapping.patch
    def ethics_update(self, request, pilot, pk):
        experiment = self.get_object()
        data = EthicsAnswersIn(data=request.data)
        data.is_valid(raise_exception=True)
        self.call(
            services.save_ethics_answers,
            owner=self.membership,
            experiment=experiment,
            **data.validated_data,
        )
        return Response(self._review(experiment))

    @extend_schema(
        summary="Submit an own experiment's ethics review", request=None, responses=EthicsReviewOut
    )
    @action(detail=True, methods=["post"], url_path="ethics/submit")
    def ethics_submit(self, request, pilot, pk):
        experiment = self.get_object()
        self.call(services.submit_ethics_review, owner=self.membership, experiment=experiment)
        return Response(self._review(experiment))

    @extend_schema(
        summary="Decide on a waiting ethics review (the coach or an ethics reviewer)",
        request=EthicsDecisionIn,
        responses=EthicsReviewOut,
        examples=[
            OpenApiExample(
                "Changes asked",
                value={
                    "decision": "changes_requested",
                    "comments": {"personal_data": "Is de geboortedatum echt nodig?"},
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="ethics/decide")
    def ethics_decide(self, request, pilot, pk):
        experiment = self.get_object()
        data = EthicsDecisionIn(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        principle_ids = fields.pop("principles")

        def decide_and_tick():
            review = services.decide_ethics_review(
                reviewer=self.membership, experiment=experiment, **fields
            )
            charter_services.tick_principles(
                review=review, principles=charter_services.principles_by_id(review, principle_ids)
            )

        self.call(decide_and_tick)
        return Response(self._review(experiment))

    @extend_schema(
        summary="Experiments whose ethics review waits for the asking reviewer",
        responses=ExperimentOut(many=True),
    )
    @action(detail=False, methods=["get"], url_path="waiting-for-review")
    def waiting_for_review(self, request, pilot):
        experiments = selectors.experiments_read_by(
            self.membership, selectors.reviews_waiting_for(self.membership)
        )
        return Response(ExperimentOut(experiments, many=True).data)

"""REST API of the measurement under /api/v1/pilots/<pilot>/: rounds, my answers, the round
report and the plan, with the rules of the pages (proeftuin.access, measurement.services,
measurement.report, measurement.plan); every refusal is a 404, bad input a 400 naming the field.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from learning.api import PILOT_PARAMETER, PilotScopedViewSet

from ..models import Dimension, MaturityAssessment, MeasurementRound, PlanAction
from ..overview.api import FigureOut
from . import plan as plans
from . import report as reports
from . import selectors, services

# --- serializers ---------------------------------------------------------------------------


class RoundOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    is_open = serializers.SerializerMethodField()

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class AnswerRow(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    organisation = serializers.IntegerField(min_value=1, max_value=5)
    self = serializers.IntegerField(min_value=1, max_value=5)
    note = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class AnswersOut(serializers.Serializer):
    complete = serializers.BooleanField()
    answers = AnswerRow(many=True)


class AnswersIn(serializers.Serializer):
    answers = AnswerRow(many=True, min_length=1, max_length=4)


class DimensionReportOut(serializers.Serializer):
    dimension = serializers.CharField()
    label = serializers.CharField()
    organisation = FigureOut(many=True)
    myself = FigureOut(many=True)
    median_organisation = FigureOut()
    median_myself = FigureOut()
    change_organisation = FigureOut(allow_null=True)
    change_myself = FigureOut(allow_null=True)
    change_text = serializers.CharField()
    group_stage = serializers.IntegerField(allow_null=True)


class ReportOut(serializers.Serializer):
    round = RoundOut()
    min_group = serializers.IntegerField()
    respondents = FigureOut()
    participants = serializers.IntegerField()
    dimensions = DimensionReportOut(many=True)


class ActionOut(serializers.Serializer):
    id = serializers.IntegerField()
    dimension = serializers.CharField()
    text = serializers.CharField()
    owner_id = serializers.IntegerField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    session_id = serializers.IntegerField(allow_null=True)
    experiment_id = serializers.IntegerField(allow_null=True)
    skill_id = serializers.IntegerField(allow_null=True)
    goal_statement = serializers.CharField()


class ActionIn(serializers.Serializer):
    """Shapes only; who may own an action and what may carry it is plan.save_action's rule."""

    dimension = serializers.ChoiceField(choices=Dimension.choices)
    text = serializers.CharField(max_length=300)
    owner_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=PlanAction.Status.choices, default="open")
    session_id = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, allow_null=True, required=False
    )
    experiment_id = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, allow_null=True, required=False
    )
    skill_id = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, allow_null=True, required=False
    )
    goal_statement = serializers.CharField(max_length=300, allow_blank=True, required=False)


class AmbitionOut(serializers.Serializer):
    dimension = serializers.CharField()
    target_stage = serializers.IntegerField()
    target_on = serializers.DateField()
    why = serializers.CharField()


class AmbitionIn(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    target_stage = serializers.IntegerField(min_value=1, max_value=5)
    target_on = serializers.DateField()
    why = serializers.CharField(max_length=300)


class PlanIn(serializers.Serializer):
    """The whole ambition: a dimension left out has no ambition afterwards."""

    ambitions = AmbitionIn(many=True, max_length=4)
    hours_per_participant_per_month = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0
    )
    budget_euros = serializers.IntegerField(min_value=0, max_value=2**31 - 1)

    def validate_ambitions(self, rows):
        if len({row["dimension"] for row in rows}) < len(rows):
            raise serializers.ValidationError(_("Noem elke dimensie hoogstens één keer."))
        return rows


class PlanOut(serializers.Serializer):
    ambitions = AmbitionOut(many=True)
    hours_per_participant_per_month = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True
    )
    budget_euros = serializers.IntegerField(allow_null=True)
    actions = ActionOut(many=True)


# --- views ---------------------------------------------------------------------------------


def _round_or_404(membership, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    found = selectors.round_of_pilot_or_none(membership.proeftuin, pk) if pk < 2**31 else None
    if found is None:
        raise Http404
    return found


def _answers(membership, measurement_round) -> dict:
    rows = selectors.step_answers(membership, measurement_round)
    return {
        "complete": bool(rows) and selectors.first_unanswered(rows) is None,
        "answers": [
            {"dimension": d, **{k: rows[d].get(k) for k in ("organisation", "self", "note")}}
            for d in Dimension.values
            if d in rows
        ],
    }


@extend_schema(parameters=[PILOT_PARAMETER], tags=["measurement"])
@extend_schema_view(
    list=extend_schema(summary="Measurement rounds of the pilot"),
    retrieve=extend_schema(summary="One measurement round"),
)
class RoundViewSet(PilotScopedViewSet):
    subject = "measurement round"
    serializer_class = RoundOut
    pagination_class = None
    action_rules = {
        "answers": ("measurement answer", "update"),
        "report": ("round report", "read"),
        "close": ("measurement round", "close"),
    }

    def get_queryset(self):
        if self.membership is None:
            return MeasurementRound.objects.none()
        return MeasurementRound.objects.filter(proeftuin=self.membership.proeftuin)

    def list(self, request, pilot):
        return Response(RoundOut(selectors.rounds_of(self.membership.proeftuin), many=True).data)

    def retrieve(self, request, pilot, pk):
        return Response(RoundOut(_round_or_404(self.membership, pk)).data)

    @extend_schema(
        summary="Close an open round now (coach); its report is there from today",
        request=None,
        responses=RoundOut,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pilot, pk):
        measurement_round = _round_or_404(self.membership, pk)
        self.call(services.close_round, measurement_round=measurement_round)
        measurement_round.refresh_from_db()
        return Response(RoundOut(measurement_round).data)


class AnswersViewSet(PilotScopedViewSet):
    subject = "measurement answer"
    serializer_class = AnswersOut
    queryset = MaturityAssessment.objects.none()  # for the schema; rows come from selectors
    methods = {"retrieve": "update", "update": "update"}

    @extend_schema(parameters=[PILOT_PARAMETER], tags=["measurement"], summary="My answers")
    def retrieve(self, request, pilot, pk):
        return Response(_answers(self.membership, _round_or_404(self.membership, pk)))

    @extend_schema(
        parameters=[PILOT_PARAMETER],
        tags=["measurement"],
        summary="Answer dimensions of an open round (each as a step of the form)",
        request=AnswersIn,
        responses=AnswersOut,
    )
    def update(self, request, pilot, pk):
        measurement_round = _round_or_404(self.membership, pk)
        data = AnswersIn(data=request.data)
        data.is_valid(raise_exception=True)

        def save_all():
            for row in data.validated_data["answers"]:
                services.save_step(
                    measurement_round=measurement_round,
                    membership=self.membership,
                    dimension=row["dimension"],
                    organisation_stage=row["organisation"],
                    self_stage=row["self"],
                    note=row.get("note", ""),
                )

        self.call(save_all)
        return Response(_answers(self.membership, measurement_round))


class ReportViewSet(PilotScopedViewSet):
    subject = "round report"
    serializer_class = ReportOut
    queryset = MeasurementRound.objects.none()  # for the schema; figures come from report.py

    @extend_schema(parameters=[PILOT_PARAMETER], tags=["measurement"], summary="Round report")
    def retrieve(self, request, pilot, pk):
        measurement_round = _round_or_404(self.membership, pk)
        if not reports.may_read_report(self.membership, measurement_round):
            raise Http404
        return Response(ReportOut(reports.round_report(measurement_round)).data)


def _plan(proeftuin) -> dict:
    plan = plans.plan_of(proeftuin)
    return {
        "ambitions": [plan.ambitions[d] for d in Dimension.values if d in plan.ambitions],
        "hours_per_participant_per_month": (
            plan.commitment.hours_per_participant_per_month if plan.commitment else None
        ),
        "budget_euros": plan.commitment.budget_euros if plan.commitment else None,
        "actions": plan.actions,
    }


class PlanViewSet(PilotScopedViewSet):
    subject = "plan"
    serializer_class = PlanOut
    pagination_class = None
    queryset = PlanAction.objects.none()  # for the schema; the plan comes from plan.plan_of

    methods = {"retrieve": "read", "update": "update"}

    @extend_schema(parameters=[PILOT_PARAMETER], tags=["measurement"], summary="The plan")
    def retrieve(self, request, pilot):
        return Response(PlanOut(_plan(self.membership.proeftuin)).data)

    @extend_schema(
        parameters=[PILOT_PARAMETER],
        tags=["measurement"],
        summary="Set the ambition and the time and money committed",
        request=PlanIn,
        responses=PlanOut,
    )
    def update(self, request, pilot):
        data = PlanIn(data=request.data)
        data.is_valid(raise_exception=True)
        given = {row["dimension"]: row for row in data.validated_data["ambitions"]}
        self.call(
            plans.save_ambition,
            proeftuin=self.membership.proeftuin,
            targets=[
                plans.Target(dimension=d, **{k: v for k, v in given[d].items() if k != "dimension"})
                if d in given
                else plans.Target(dimension=d)
                for d in Dimension.values
            ],
            hours_per_participant_per_month=data.validated_data["hours_per_participant_per_month"],
            budget_euros=data.validated_data["budget_euros"],
        )
        return Response(PlanOut(_plan(self.membership.proeftuin)).data)


@extend_schema(parameters=[PILOT_PARAMETER], tags=["measurement"])
@extend_schema_view(
    list=extend_schema(summary="Actions of the plan"),
    retrieve=extend_schema(summary="One action of the plan"),
    create=extend_schema(summary="Add an action", request=ActionIn, responses=ActionOut),
    update=extend_schema(summary="Change an action", request=ActionIn, responses=ActionOut),
)
class PlanActionViewSet(PilotScopedViewSet):
    subject = "plan"
    serializer_class = ActionOut
    pagination_class = None
    # Adding and changing actions is changing the plan, as on the pages.
    methods = {"list": "read", "retrieve": "read", "create": "update", "update": "update"}
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        if self.membership is None:
            return PlanAction.objects.none()
        return PlanAction.objects.filter(proeftuin=self.membership.proeftuin)

    def _action(self, pk):
        found = plans.action_of_pilot_or_none(self.membership.proeftuin, pk)
        if found is None:
            raise Http404
        return found

    def list(self, request, pilot):
        return Response(ActionOut(plans.plan_of(self.membership.proeftuin).actions, many=True).data)

    def retrieve(self, request, pilot, pk):
        return Response(ActionOut(self._action(pk)).data)

    def _save(self, request, action):
        data = ActionIn(data=request.data)
        data.is_valid(raise_exception=True)
        saved = self.call(
            plans.save_action,
            proeftuin=self.membership.proeftuin,
            action=action,
            **data.validated_data,
        )
        return ActionOut(saved).data

    def create(self, request, pilot):
        return Response(self._save(request, None), status=status.HTTP_201_CREATED)

    def update(self, request, pilot, pk):
        return Response(self._save(request, self._action(pk)))

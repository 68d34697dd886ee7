"""The overview's figures as an API (coach and director): aggregates only, through figures.py."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import access, overview

HIDDEN_CODES = [hidden.value for hidden in overview.Hidden]


class ItemOut(serializers.Serializer):
    section = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    people = serializers.IntegerField(allow_null=True)
    hidden = serializers.ChoiceField(choices=HIDDEN_CODES, allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class FigureOut(serializers.Serializer):
    """A Figure of figures.py as it leaves over the API: a hidden one has no value nor count."""

    value = serializers.FloatField(allow_null=True)
    people = serializers.IntegerField(allow_null=True)
    hidden = serializers.ChoiceField(choices=HIDDEN_CODES, allow_null=True)
    reason = serializers.CharField(allow_blank=True)

    def to_representation(self, figure: overview.Figure):
        return {
            "value": figure.shown_value,
            "people": None if figure.hidden else figure.people,
            "hidden": figure.hidden.value if figure.hidden else None,
            "reason": figure.reason,
        }


class OverviewOut(serializers.Serializer):
    pilot = serializers.IntegerField()
    from_month = serializers.CharField()
    to_month = serializers.CharField()
    min_group_size = serializers.IntegerField()
    figures = ItemOut(many=True)


MONTH_PARAMETERS = [
    OpenApiParameter(
        name, OpenApiTypes.STR, description=f"{what} month, YYYY-MM (as the page's ?{name}=)."
    )
    for name, what in (("van", "First"), ("tot", "Last"))
]
BAD_MONTH = OpenApiResponse(
    description="A month that is not YYYY-MM, or far outside the pilot.",
    examples=[
        OpenApiExample(
            "Bad month",
            value={"van": ["Gebruik een maand als 2026-03."]},
            status_codes=["400"],
        )
    ],
)
NOT_FOUND = OpenApiResponse(description="Not a pilot of yours, or not for your role there.")


@extend_schema(
    tags=["overview"],
    summary="The overview's figures (coach, director)",
    description=(
        "The figures of the overview page and its export, without names. A figure over fewer "
        "people than the pilot's group size, or one that would let a hidden figure be worked "
        "out, has `value` and `people` null, `hidden` its code and `reason` its words."
    ),
    parameters=MONTH_PARAMETERS,
    responses={200: OverviewOut, 400: BAD_MONTH, 404: NOT_FOUND},
    examples=[
        OpenApiExample(
            "Two figures",
            value={
                "pilot": 4,
                "from_month": "2026-01",
                "to_month": "2026-06",
                "min_group_size": 3,
                "figures": [
                    {
                        "section": "Deelname",
                        "label": "uren geleerd in de periode",
                        "value": 41.5,
                        "people": 11,
                        "hidden": None,
                        "reason": "",
                    },
                    {
                        "section": "Praktijkexperimenten",
                        "label": "gestopt",
                        "value": None,
                        "people": None,
                        "hidden": "too_few",
                        "reason": "te weinig deelnemers",
                    },
                ],
            },
            response_only=True,
        )
    ],
)
class OverviewFigures(APIView):
    def get(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "overview", "read")
        proeftuin = membership.proeftuin
        period = overview.period_for(
            proeftuin,
            today=timezone.localdate(),
            from_month=request.query_params.get("van"),
            to_month=request.query_params.get("tot"),
        )
        data = overview.build(proeftuin=proeftuin, period=period)
        return Response(
            OverviewOut(
                {
                    "pilot": proeftuin.pk,
                    "from_month": period.from_value,
                    "to_month": period.to_value,
                    "min_group_size": proeftuin.min_group_size,
                    "figures": [vars(item) for item in overview.items(data)],
                }
            ).data
        )

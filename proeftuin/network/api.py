"""The peer benchmark as an API (director, steering group): the same build as the page."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import access
from ..overview.api import HIDDEN_CODES, NOT_FOUND, FigureOut
from ..overview.figures import MIN_ORGANISATIONS
from . import benchmark


class BenchmarkPeersOut(serializers.Serializer):
    """A median over organisations: a hidden one has no value nor count."""

    value = serializers.FloatField(allow_null=True)
    organisations = serializers.IntegerField(allow_null=True)
    hidden = serializers.ChoiceField(choices=HIDDEN_CODES, allow_null=True)
    reason = serializers.CharField(allow_blank=True)

    def to_representation(self, figure):
        return {
            "value": figure.shown_value,
            "organisations": None if figure.hidden else figure.people,
            "hidden": figure.hidden.value if figure.hidden else None,
            "reason": figure.reason,
        }


class BenchmarkRowOut(serializers.Serializer):
    dimension = serializers.CharField()
    label = serializers.CharField()
    peers_baseline = BenchmarkPeersOut()
    peers_now = BenchmarkPeersOut()
    own_baseline = FigureOut(allow_null=True)
    own_now = FigureOut(allow_null=True)
    position = serializers.CharField(allow_blank=True)


class BenchmarkOut(serializers.Serializer):
    contributing = serializers.BooleanField()
    min_organisations = serializers.IntegerField()
    dimensions = BenchmarkRowOut(many=True)


@extend_schema(
    tags=["network"],
    summary="Where the organisation stands among its peers (director, steering group)",
    description=(
        "Per dimension the median stage of the contributing organisations at their baseline "
        "and now, and the organisation's own. A median over fewer than five organisations is "
        "hidden; an organisation's own figure about too few people does not count. Empty "
        "while the organisation does not contribute itself. No organisation is named."
    ),
    responses={200: BenchmarkOut, 404: NOT_FOUND},
)
class PeerBenchmark(APIView):
    def get(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "benchmark", "read")
        data = benchmark.benchmark_for(membership.proeftuin.organisation)
        return Response(
            BenchmarkOut(
                {
                    "contributing": data.contributing,
                    "min_organisations": MIN_ORGANISATIONS,
                    "dimensions": data.rows,
                }
            ).data
        )

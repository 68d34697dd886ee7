"""The toolkit as an API (coach and director): the same build as the page and its downloads."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import access
from ..overview.api import NOT_FOUND, FigureOut
from . import contents


class ToolkitFiguresOut(serializers.Serializer):
    min_group_size = serializers.IntegerField()
    participants = FigureOut()
    hours = FigureOut()
    sessions_held = serializers.IntegerField()
    experiments = FigureOut()


class DimensionOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    good_practices = serializers.ListField(child=serializers.CharField())
    pitfalls = serializers.ListField(child=serializers.CharField())


class TopicOut(serializers.Serializer):
    on = serializers.DateField()
    title = serializers.CharField()
    kind = serializers.CharField()


class ToolkitOut(serializers.Serializer):
    pilot_name = serializers.CharField()
    organisation_name = serializers.CharField()
    purpose = serializers.CharField(allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    figures = ToolkitFiguresOut()
    dimensions = DimensionOut(many=True)
    topics = TopicOut(many=True)
    made_on = serializers.DateField()


@extend_schema(
    tags=["toolkit"],
    summary="The pilot's toolkit: reviewed lessons, headline figures, topics (coach, director)",
    description=(
        "The informatiepakket as on its page: only lessons the coach approved, every text "
        "passed through the redactor, the headline figures through the disclosure rule."
    ),
    responses={200: ToolkitOut, 404: NOT_FOUND},
)
class Toolkit(APIView):
    def get(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "toolkit figures", "read")
        return Response(ToolkitOut(contents.build(membership.proeftuin)).data)

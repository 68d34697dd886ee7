"""/api/v1/pilots/<pilot>/charter/: the basic principles, every version, with the page's rules."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from learning.api import PILOT_PARAMETER, PilotScopedViewSet
from proeftuin.validation import DateSerializerField

from . import selectors, services
from .models import CharterVersion, Principle


class PrincipleOut(serializers.ModelSerializer):
    class Meta:
        model = Principle
        fields = ["id", "number", "text"]


class CharterVersionOut(serializers.ModelSerializer):
    principles = PrincipleOut(many=True, read_only=True)

    class Meta:
        model = CharterVersion
        fields = ["id", "version", "agreed_on", "intro", "principles"]


class CharterVersionIn(serializers.Serializer):
    principles = serializers.ListField(
        child=serializers.CharField(max_length=300), min_length=1, max_length=12
    )
    intro = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    agreed_on = DateSerializerField(required=False, default=None)


@extend_schema(parameters=[PILOT_PARAMETER], tags=["charter: basic principles"])
@extend_schema_view(list=extend_schema(summary="Every version of the principles, newest first"))
class CharterViewSet(PilotScopedViewSet):
    subject = "charter"
    serializer_class = CharterVersionOut
    pagination_class = None  # a handful of versions: one list, as the schema says
    # A new version is a change of the one charter, as on the page.
    methods = {"list": "read", "create": "update"}

    def get_queryset(self):
        if self.membership is None:  # schema generation
            return CharterVersion.objects.none()
        return selectors.versions_of(self.membership.proeftuin_id)

    def list(self, request, pilot):
        return Response(CharterVersionOut(self.get_queryset(), many=True).data)

    @extend_schema(
        summary="Agree a new version (steering group or coach); earlier versions stay",
        request=CharterVersionIn,
        responses={201: CharterVersionOut},
    )
    def create(self, request, pilot):
        data = CharterVersionIn(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = self.call(
            services.agree_version,
            editor=self.membership,
            principles="\n".join(fields.pop("principles")),
            **fields,
        )
        return Response(CharterVersionOut(version).data, status=status.HTTP_201_CREATED)

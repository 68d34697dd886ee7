"""API of accounts: the caller's pilots and roles; invitations (coach)."""

from django.db import transaction
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import access
from ..models import Invitation, Membership, Role
from . import services

NOT_FOUND = OpenApiResponse(description="Not a pilot of yours, or not for your role there.")


class PilotOut(serializers.ModelSerializer):
    id = serializers.IntegerField(source="proeftuin_id")
    name = serializers.CharField(source="proeftuin.name")
    organisation = serializers.CharField(source="proeftuin.organisation.name")
    starts_on = serializers.DateField(source="proeftuin.starts_on")
    ends_on = serializers.DateField(source="proeftuin.ends_on")
    min_group_size = serializers.IntegerField(source="proeftuin.min_group_size")

    class Meta:
        model = Membership
        fields = ["id", "name", "organisation", "starts_on", "ends_on", "role", "min_group_size"]


@extend_schema(
    tags=["pilots"],
    summary="The pilots I am in, with my role in each",
    description=(
        "Every pilot the caller holds an active role in; with a personal access token for one "
        "pilot, only that pilot. Use the `id` in the other endpoints' `/pilots/{pilot}/`."
    ),
    examples=[
        OpenApiExample(
            "One pilot",
            value={
                "count": 1,
                "next": None,
                "previous": None,
                "results": [
                    {
                        "id": 4,
                        "name": "Datagedreven werken",
                        "organisation": "Gemeente Voorbeeld",
                        "starts_on": "2026-01-01",
                        "ends_on": "2026-12-31",
                        "role": "coach",
                        "min_group_size": 3,
                    }
                ],
            },
            response_only=True,
        )
    ],
)
class MyPilots(generics.ListAPIView):
    serializer_class = PilotOut
    filter_backends: list = []

    def get_queryset(self):
        memberships = access.active_memberships(self.request.user)
        token_pilot = getattr(self.request.auth, "proeftuin_id", None)
        if token_pilot is not None:
            memberships = memberships.filter(proeftuin_id=token_pilot)
        return memberships


class InvitationIn(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices, default=Role.PARTICIPANT)


class InvitationOut(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = ["id", "email", "full_name", "role", "created_at", "expires_at", "state"]

    def get_state(self, invitation) -> str:
        if invitation.accepted_at:
            return "accepted"
        return "expired" if invitation.is_expired else "open"


@extend_schema(tags=["invitations"])
class Invitations(APIView):
    """The pilot's invitations (coach); a new one e-mails its link, as the page does."""

    serializer_class = InvitationOut

    @extend_schema(
        summary="Invitations of the pilot (coach), newest first",
        responses={200: InvitationOut(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "invitation", "create")
        invitations = Invitation.objects.filter(proeftuin=membership.proeftuin).order_by(
            "-created_at", "-pk"
        )[:200]
        return Response(InvitationOut(invitations, many=True).data)

    @extend_schema(
        summary="Invite someone (coach)",
        request=InvitationIn,
        responses={
            201: InvitationOut,
            400: OpenApiResponse(description="A field is refused."),
            404: NOT_FOUND,
        },
        examples=[
            OpenApiExample(
                "A participant",
                value={
                    "email": "a.jansen@example.org",
                    "full_name": "Anna Jansen",
                    "role": "participant",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Already a member",
                value={"email": ["a.jansen@example.org doet al mee aan deze proeftuin."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "invitation", "create")
        data = InvitationIn(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            try:
                invitation, _token = services.invite(
                    proeftuin=membership.proeftuin,
                    invited_by=request.user,
                    **data.validated_data,
                )
            except services.AlreadyMember as exc:
                raise serializers.ValidationError({"email": [str(exc)]}) from None
        return Response(InvitationOut(invitation).data, status=status.HTTP_201_CREATED)

"""The coach's inbox as an API: the same groups, counts and links as the page."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import access
from ..overview.api import NOT_FOUND
from . import selectors


class InboxItemOut(serializers.Serializer):
    title = serializers.CharField()
    person = serializers.CharField(allow_blank=True)
    since = serializers.DateTimeField()
    link = serializers.SerializerMethodField()

    def get_link(self, item) -> str:
        return f"{settings.SITE_URL}{item.url}"


class InboxGroupOut(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    link = serializers.SerializerMethodField()
    items = InboxItemOut(many=True)

    def get_link(self, group) -> str:
        return f"{settings.SITE_URL}{group.url}"


class InboxOut(serializers.Serializer):
    total = serializers.IntegerField()
    groups = InboxGroupOut(many=True)


@extend_schema(
    tags=["inbox"],
    summary="What waits for the coach in this pilot (coach)",
    description=(
        "The coach's inbox as on its page: asked confirmations, lessons to review, attendance "
        "to fill in, ethics reviews waiting, proposed success stories and new questions, each "
        "group with its count and its items oldest first, each with the link where it is "
        "handled. `kind` is one of " + ", ".join(selectors.KINDS) + "."
    ),
    responses={200: InboxOut, 404: NOT_FOUND},
)
class CoachInbox(APIView):
    def get(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "inbox", "read")
        return Response(InboxOut(selectors.inbox_for(membership)).data)

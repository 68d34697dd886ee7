"""REST API of the in-app notifications under /api/v1/me/ (everyone their own), and a pilot's
reminder timing under /api/v1/pilots/<pilot>/ (its coach).

The same selectors and services as the pages /meldingen/ and /meldingen/instellingen/. Titles
and rule names speak the person's own language (the account's choice, as on the page and in
the e-mail); error messages follow Accept-Language like the rest of the API.
"""

import django_filters
from django.http import Http404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from proeftuin import access
from proeftuin.accounts.language import language_of
from proeftuin.web import api_filters

from . import pilot_timing, selectors, services
from .models import Reminder
from .serializers import (
    MarkedOut,
    NotificationOut,
    PreferencesIn,
    PreferencesOut,
    ReminderTimingIn,
    ReminderTimingOut,
    UnreadCountOut,
)

TAGS = ["notifications"]


def _in_language_of(user):
    return translation.override(language_of(user))


class NotificationFilter(django_filters.FilterSet):
    unread = api_filters.StrictBooleanFilter(
        field_name="read_at",
        lookup_expr="isnull",
        label="true: only unread notifications; false: only read ones",
    )

    class Meta:
        model = Reminder
        fields = ["unread"]


@extend_schema(tags=TAGS)
class MyNotifications(generics.ListAPIView):
    """The asking person's own in-app notifications, newest first."""

    serializer_class = NotificationOut
    filterset_class = NotificationFilter

    def get_queryset(self):
        # in_app_for gives nothing to an anonymous user, so schema generation needs no guard.
        return selectors.in_app_for(self.request.user).select_related("recipient")

    @extend_schema(
        operation_id="me_notifications_list",
        summary="My notifications",
        description=(
            "The notifications of the list page (Meldingen), newest first, paginated. Never "
            "anyone else's. `?unread=true` gives the unread ones only."
        ),
        examples=[
            OpenApiExample(
                "A reminder before a session",
                value={
                    "id": 412,
                    "rule": "session_soon",
                    "rule_label": "Herinnering voor een bijeenkomst",
                    "title": "dinsdag 3 maart: Werken met draaitabellen",
                    "link": "https://proeftuin.example.org/p/3/bijeenkomsten/57/",
                    "created_at": "2026-03-01T09:00:00+01:00",
                    "read_at": None,
                    "unread": True,
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        with _in_language_of(request.user):
            data = NotificationOut(page, many=True).data
        return self.get_paginated_response(data)


@extend_schema(tags=TAGS)
class MyUnreadCount(APIView):
    @extend_schema(
        operation_id="me_notifications_unread_count",
        summary="How many of my notifications are unread",
        description="The number the menu shows next to Meldingen (one query).",
        responses=UnreadCountOut,
        examples=[OpenApiExample("Three unread", value={"unread": 3}, response_only=True)],
    )
    def get(self, request):
        return Response(UnreadCountOut({"unread": selectors.unread_count(request.user)}).data)


@extend_schema(tags=TAGS)
class MarkRead(APIView):
    @extend_schema(
        operation_id="me_notifications_mark_read",
        summary="Mark one of my notifications read",
        description=(
            "Idempotent: a notification already read stays as it was. Someone else's id, or an "
            "id that does not exist, is 404."
        ),
        parameters=[
            OpenApiParameter(
                # "id": drf-spectacular shows a `pk` path parameter under that name.
                "id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="Id of the notification.",
            )
        ],
        request=None,
        responses={204: None, 404: OpenApiResponse(description="Not one of your notifications.")},
    )
    def post(self, request, pk: int):
        try:
            services.mark_read(user=request.user, reminder_id=pk)
        except services.NotificationNotFound:
            raise Http404 from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAGS)
class MarkAllRead(APIView):
    @extend_schema(
        operation_id="me_notifications_mark_all_read",
        summary="Mark all my notifications read",
        request=None,
        responses=MarkedOut,
        examples=[OpenApiExample("Two were unread", value={"marked": 2}, response_only=True)],
    )
    def post(self, request):
        marked = services.mark_all_read(user=request.user)
        return Response(MarkedOut({"marked": marked}).data)


PREFERENCES_EXAMPLE = OpenApiExample(
    "A participant who does not want the quiet-period reminder",
    value={
        "rules": [
            {"rule": "session_soon", "label": "Herinnering voor een bijeenkomst", "wanted": True},
            {"rule": "gone_quiet", "label": "Al even niets gelogd", "wanted": False},
        ]
    },
    response_only=True,
)


@extend_schema(tags=TAGS)
class MyPreferences(APIView):
    """Which reminders the asking person wants, among the rules that can reach them."""

    def _current(self, user) -> dict:
        with _in_language_of(user):
            return PreferencesOut({"rules": selectors.rule_choices_for(user)}).data

    @extend_schema(
        operation_id="me_notification_preferences",
        summary="Which reminders I get",
        description=(
            "The rules that can reach you through your active roles, as on the settings page, "
            "and whether you want each one."
        ),
        responses=PreferencesOut,
        examples=[PREFERENCES_EXAMPLE],
    )
    def get(self, request):
        return Response(self._current(request.user))

    @extend_schema(
        operation_id="me_notification_preferences_update",
        summary="Choose which reminders I get",
        description=(
            "Send every rule you want; the other rules of GET are switched off. A rule that "
            "cannot reach you (another role's, or an unknown name) is a 400 on `wanted`, and "
            "nothing is stored."
        ),
        request=PreferencesIn,
        responses={200: PreferencesOut, 400: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Everything but the quiet-period reminder",
                value={"wanted": ["session_soon", "session_changed", "goal_due"]},
                request_only=True,
            ),
            PREFERENCES_EXAMPLE,
            OpenApiExample(
                "A rule of another role",
                value={"wanted": ["Je kunt alleen herinneringen kiezen die bij jouw rol horen."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def put(self, request):
        data = PreferencesIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.set_wanted_rules(user=request.user, wanted=data.validated_data["wanted"])
        return Response(self._current(request.user))


@extend_schema(tags=TAGS)
class PilotReminderTiming(APIView):
    """/api/v1/pilots/<pilot>/reminder-timing/: when the pilot's reminders go out (coach).

    The same rule as the page /p/<pilot>/herinneringen/ (notifications.pilot_timing).
    """

    serializer_class = ReminderTimingOut

    @extend_schema(
        summary="When the pilot's reminders go out (coach)",
        responses={200: ReminderTimingOut, 404: OpenApiResponse(description="Not your pilot.")},
    )
    def get(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "reminder timing", "update")
        return Response(ReminderTimingOut(pilot_timing.timing_of(membership.proeftuin)).data)

    @extend_schema(
        summary="Change when the pilot's reminders go out (coach)",
        request=ReminderTimingIn,
        responses={
            200: ReminderTimingOut,
            400: OpenApiResponse(description="A value outside its bounds, named by its field."),
            404: OpenApiResponse(description="Not your pilot."),
        },
        examples=[
            OpenApiExample(
                "Three days before a session", value={"session_days_before": 3}, request_only=True
            ),
            OpenApiExample(
                "Out of bounds",
                value={"goal_days_before": ["Kies een heel aantal dagen van 1 tot en met 30."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def put(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "reminder timing", "update")
        data = ReminderTimingIn(data=request.data)
        data.is_valid(raise_exception=True)
        proeftuin = pilot_timing.set_timing(proeftuin=membership.proeftuin, **data.validated_data)
        return Response(ReminderTimingOut(pilot_timing.timing_of(proeftuin)).data)

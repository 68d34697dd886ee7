"""API of the workshops app: same services and access rules as the pages."""

import django_filters
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.models import Skill
from learning.selectors import skills_of
from proeftuin import access
from proeftuin.models import Role
from proeftuin.overview.api import NOT_FOUND, FigureOut
from proeftuin.web import api_filters

from . import selectors, services
from .models import Session
from .serializers import (
    AttendanceInput,
    AttendanceRow,
    RegistrationInput,
    RegistrationOutput,
    SeriesInput,
    SeriesOutput,
    SessionInput,
    SessionOutput,
)

SESSION_EXAMPLE = OpenApiExample(
    "Lunchlezing",
    value={
        "kind": "lunch_lecture",
        "title": "AVG in de praktijk",
        "description": "Wat mag wel en niet met persoonsgegevens?",
        "facilitator": "Sanne Kramer",
        "starts_at": "2027-03-02T12:00:00+01:00",
        "ends_at": "2027-03-02T13:00:00+01:00",
        "location": "Zaal 2",
        "online_url": "",
        "capacity": 12,
        "skills": [],
    },
    request_only=True,
)
SERIES_EXAMPLE = OpenApiExample(
    "Eerste dinsdag van de maand",
    value={
        "kind": "workshop",
        "title": "Datagedreven werken",
        "location": "Zaal 1",
        "capacity": 12,
        "week_of_month": 1,
        "weekday": 1,
        "first_on": "2027-01-01",
        "starts_time": "12:00",
        "ends_time": "13:00",
        "count": 6,
    },
    request_only=True,
)


def _skills(ids, proeftuin) -> list[Skill]:
    """The pilot's own skills (those its forms offer); any other id, elsewhere or nowhere, alike."""
    skills = list(skills_of(proeftuin.organisation).filter(pk__in=ids or []))
    if len(skills) != len(set(ids or [])):
        raise ValidationError({"skills": [_("Onbekende vaardigheid.")]})
    return skills


def _details(data) -> services.SessionDetails:
    return services.SessionDetails(
        kind=data["kind"],
        title=data["title"],
        description=data.get("description", ""),
        facilitator=data.get("facilitator", ""),
        location=data.get("location", ""),
        online_url=data.get("online_url", ""),
        capacity=data.get("capacity"),
    )


class SessionFilter(django_filters.FilterSet):
    # An id filter like every other: a series elsewhere or nowhere lists no sessions, alike.
    series = api_filters.IdFilter(field_name="series_id")
    upcoming = api_filters.StrictBooleanFilter(
        method="filter_upcoming", label="Only sessions that have not ended"
    )

    class Meta:
        model = Session
        fields = ["kind", "status", "series"]

    def filter_upcoming(self, queryset, name, value):
        if value is None:
            return queryset
        now = timezone.now()
        return queryset.filter(ends_at__gt=now) if value else queryset.filter(ends_at__lte=now)


class PilotMixin:
    # Per HTTP method, the (object, method) of proeftuin.access.ROLES_FOR it asks.
    rules = {"get": ("session", "read")}

    def membership(self):
        if not hasattr(self, "_membership"):
            obj, method = self.rules.get(self.request.method.lower(), ("session", "read"))
            self._membership = access.member_for(
                self.request.user, self.kwargs["pilot"], obj, method
            )
        return self._membership

    def session(self):
        membership = self.membership()
        viewer = membership if membership.role == Role.PARTICIPANT else None
        try:
            return selectors.sessions_with_counts(membership.proeftuin, viewer).get(
                pk=self.kwargs["pk"]
            )
        except Session.DoesNotExist:
            raise Http404 from None


@extend_schema(tags=["sessions"])
class SessionListCreate(PilotMixin, generics.ListAPIView):
    """Sessions of a pilot (everyone in the pilot); the coach plans new ones."""

    rules = {"get": ("session", "read"), "post": ("session", "create")}
    serializer_class = SessionOutput
    filterset_class = SessionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Session.objects.none()
        membership = self.membership()
        viewer = membership if membership.role == Role.PARTICIPANT else None
        return selectors.sessions_with_counts(membership.proeftuin, viewer)

    @extend_schema(
        summary="Plan one session (coach)",
        request=SessionInput,
        responses={201: SessionOutput},
        examples=[SESSION_EXAMPLE],
    )
    def post(self, request, pilot: int):
        membership = self.membership()
        data = SessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        session = services.plan_session(
            proeftuin=membership.proeftuin,
            details=_details(values),
            starts_at=values["starts_at"],
            ends_at=values["ends_at"],
            skills=_skills(values.get("skills"), membership.proeftuin),
        )
        session = selectors.session_of_pilot(membership.proeftuin, session.pk)
        return Response(SessionOutput(session).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["sessions"])
class SeriesCreate(APIView):
    """Plan a monthly series in one step (coach)."""

    @extend_schema(
        summary="Plan a monthly series (coach)",
        request=SeriesInput,
        responses={201: SeriesOutput},
        examples=[SERIES_EXAMPLE],
    )
    def post(self, request, pilot: int):
        membership = access.member_for(request.user, pilot, "session", "create")
        data = SeriesInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        series = services.plan_series(
            proeftuin=membership.proeftuin,
            details=_details(values),
            first_on=values["first_on"],
            week_of_month=values["week_of_month"],
            weekday_index=values["weekday"],
            starts_time=values["starts_time"],
            ends_time=values["ends_time"],
            count=values["count"],
            skills=_skills(values.get("skills"), membership.proeftuin),
        )
        sessions = selectors.sessions_with_counts(membership.proeftuin).filter(series=series)
        body = {"id": series.pk, "title": series.title, "rule": series.rule, "sessions": sessions}
        return Response(SeriesOutput(body).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["sessions"])
class SessionDetail(PilotMixin, APIView):
    """One session; the coach changes or moves it (SEQUENCE goes up, registrants are told)."""

    rules = {"get": ("session", "read"), "put": ("session", "update")}

    @extend_schema(summary="One session", responses=SessionOutput)
    def get(self, request, pilot: int, pk: int):
        return Response(SessionOutput(self.session()).data)

    @extend_schema(
        summary="Change or move a session (coach)",
        request=SessionInput,
        responses=SessionOutput,
        examples=[SESSION_EXAMPLE],
    )
    def put(self, request, pilot: int, pk: int):
        session = self.session()
        data = SessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.update_session(
            session=session,
            details=_details(values),
            starts_at=values["starts_at"],
            ends_at=values["ends_at"],
            skills=_skills(values.get("skills"), session.proeftuin),
        )
        return Response(SessionOutput(self.session()).data)


@extend_schema(tags=["sessions"])
class SessionCancel(PilotMixin, APIView):
    rules = {"post": ("session", "delete")}

    @extend_schema(summary="Cancel a session (coach)", request=None, responses=SessionOutput)
    def post(self, request, pilot: int, pk: int):
        services.cancel_session(session=self.session())
        return Response(SessionOutput(self.session()).data)


@extend_schema(tags=["registrations"])
class MyRegistration(PilotMixin, APIView):
    """Your own answer to a session (participants)."""

    rules = {"get": ("registration", "read"), "put": ("registration", "update")}

    @extend_schema(summary="My answer", responses=RegistrationOutput)
    def get(self, request, pilot: int, pk: int):
        registration = selectors.registration_of(self.session(), self.membership())
        if registration is None:
            raise Http404
        return Response(RegistrationOutput(registration).data)

    @extend_schema(
        summary="Answer going / maybe / not going",
        request=RegistrationInput,
        responses=RegistrationOutput,
        examples=[OpenApiExample("Ik kom", value={"response": "going"}, request_only=True)],
    )
    def put(self, request, pilot: int, pk: int):
        session = self.session()  # a session you cannot see is a 404 before the body is read
        data = RegistrationInput(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.register(
            session=session,
            membership=self.membership(),
            response=data.validated_data["response"],
        )
        return Response(RegistrationOutput(registration).data)


@extend_schema(tags=["attendance"])
class SessionAttendance(PilotMixin, APIView):
    """Who was there (coach): present, late, excused or absent; present and late participants
    get one learning activity each (those count as learning), excused and absent none.

    `activity` says what marking present records: `new` (an activity of the session's length),
    `recorded` (created by an earlier marking), `own_to_link` (the participant logged it; it is
    linked, not doubled) or `own_linked` (their own, linked; unmarking keeps it).
    """

    rules = {"get": ("attendance", "read"), "put": ("attendance", "update")}

    def _rows(self, session):
        return [
            {
                "membership": row.membership.pk,
                "name": row.membership.user.display_name,
                "present": row.present,
                "state": row.state,
                "reason": row.reason,
                "checked_in_at": row.checked_in_at,
                "response": row.response,
                "activity": row.activity.outcome,
            }
            for row in selectors.attendance_sheet(session)
        ]

    @extend_schema(summary="Attendance sheet", responses=AttendanceRow(many=True))
    def get(self, request, pilot: int, pk: int):
        return Response(AttendanceRow(self._rows(self.session()), many=True).data)

    @extend_schema(
        summary="Mark attendance",
        request=AttendanceInput,
        responses=AttendanceRow(many=True),
        examples=[OpenApiExample("Twee aanwezig", value={"present": [12, 15]}, request_only=True)],
    )
    def put(self, request, pilot: int, pk: int):
        session = self.session()
        data = AttendanceInput(data=request.data)
        data.is_valid(raise_exception=True)
        marks = data.validated_data
        everyone = {row.membership.pk for row in selectors.attendance_sheet(session)}
        listed = set(marks["present"]) | set(marks["late"]) | set(marks["excused"])
        services.set_attendance(
            session=session,
            present=marks["present"],
            late=marks["late"],
            excused=marks["excused"],
            absent=everyone - listed,
            reasons=marks["reasons"],
        )
        return Response(AttendanceRow(self._rows(session), many=True).data)


class FeedbackSummaryOut(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many gave feedback.")
    min_group_size = serializers.IntegerField()
    usefulness = FigureOut(help_text="Average usefulness, 1 to 5.")
    improvements = serializers.ListField(
        child=serializers.CharField(),
        help_text="Suggestions, sorted by text; empty while fewer than the group size answered.",
    )


@extend_schema(tags=["sessions"])
class SessionFeedbackSummary(PilotMixin, APIView):
    """The feedback on a session in aggregate, without names (coach), as on the session page."""

    rules = {"get": ("feedback summary", "read")}

    @extend_schema(
        summary="Feedback on a session, in aggregate (coach)",
        responses={200: FeedbackSummaryOut, 404: NOT_FOUND},
        examples=[
            OpenApiExample(
                "Enough answers",
                value={
                    "count": 8,
                    "min_group_size": 3,
                    "usefulness": {"value": 4.3, "people": 8, "hidden": None, "reason": ""},
                    "improvements": ["Meer tijd om te oefenen"],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, pilot: int, pk: int):
        return Response(FeedbackSummaryOut(selectors.feedback_summary(self.session())).data)

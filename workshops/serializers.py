"""Explicit input and output serializers of the workshops API."""

from rest_framework import serializers

from proeftuin.validation import DateSerializerField, DateTimeSerializerField, IdSerializerField

from .forms import WEEK_OF_MONTH, WEEKDAYS
from .models import Attendance, Registration, Session


class SessionOutput(serializers.ModelSerializer):
    skills = serializers.SerializerMethodField()
    going_count = serializers.IntegerField(read_only=True)
    maybe_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)
    my_response = serializers.SerializerMethodField(
        help_text="Your own answer (participants only); null when you have not answered."
    )
    # A link, or "" for a session on location: a plain string, not a promised URI.
    online_url = serializers.CharField(read_only=True)
    on_waiting_list = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "facilitator",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "capacity",
            "skills",
            "status",
            "sequence",
            "series",
            "going_count",
            "maybe_count",
            "waiting_count",
            "my_response",
            "on_waiting_list",
        ]
        read_only_fields = fields

    def get_skills(self, session) -> list[int]:
        return [skill.pk for skill in session.skills.all()]

    def get_my_response(self, session) -> str | None:
        return getattr(session, "my_response", None)

    def get_on_waiting_list(self, session) -> bool:
        return getattr(session, "my_waiting_since", None) is not None


class SessionDetailsInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Session.Kind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    facilitator = serializers.CharField(max_length=150, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.URLField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, max_value=500, required=False, allow_null=True)
    skills = serializers.ListField(child=IdSerializerField(), required=False)


class SessionInput(SessionDetailsInput):
    starts_at = DateTimeSerializerField()
    ends_at = DateTimeSerializerField()


class SeriesInput(SessionDetailsInput):
    week_of_month = serializers.ChoiceField(choices=[value for value, _label in WEEK_OF_MONTH])
    weekday = serializers.ChoiceField(
        choices=[value for value, _label in WEEKDAYS], help_text="0 = Monday … 4 = Friday"
    )
    first_on = DateSerializerField(help_text="The first session is on or after this day.")
    starts_time = serializers.TimeField(help_text="Wall-clock time in Europe/Amsterdam.")
    ends_time = serializers.TimeField()
    count = serializers.IntegerField(min_value=1, max_value=24)


class SeriesOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    rule = serializers.CharField()
    sessions = SessionOutput(many=True)


class RegistrationInput(serializers.Serializer):
    response = serializers.ChoiceField(choices=Registration.Response.choices)


class RegistrationOutput(serializers.ModelSerializer):
    on_waiting_list = serializers.BooleanField(source="waiting")

    class Meta:
        model = Registration
        fields = ["session", "response", "on_waiting_list", "waiting_since", "updated_at"]
        read_only_fields = fields


class AttendanceInput(serializers.Serializer):
    present = serializers.ListField(
        child=IdSerializerField(),
        required=False,
        default=list,
        help_text="Membership ids of the participants who were there; those in no list are absent.",
    )
    late = serializers.ListField(
        child=IdSerializerField(),
        required=False,
        default=list,
        help_text="Membership ids of those who came late (counts as learning, like present).",
    )
    excused = serializers.ListField(
        child=IdSerializerField(),
        required=False,
        default=list,
        help_text="Membership ids of those who were excused (does not count as learning).",
    )
    reasons = serializers.DictField(
        child=serializers.CharField(max_length=300, allow_blank=True),
        required=False,
        default=dict,
        help_text="Reasons of the excused, by membership id; a reason given in advance stays.",
    )

    def validate_reasons(self, value: dict) -> dict:
        if not all(str(key).isdigit() and int(key) < 2**31 for key in value):
            raise serializers.ValidationError("Keys are membership ids.")
        return {int(key): text for key, text in value.items()}


class AttendanceRow(serializers.Serializer):
    membership = serializers.IntegerField()
    name = serializers.CharField()
    present = serializers.BooleanField(help_text="Counts as learning: present or late.")
    state = serializers.ChoiceField(choices=Attendance.State.choices)
    reason = serializers.CharField(help_text="Why they were excused (empty otherwise).")
    checked_in_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When they checked in themselves with the session's code.",
    )
    response = serializers.CharField(allow_null=True)
    activity = serializers.ChoiceField(
        choices=["new", "recorded", "own_to_link", "own_linked"],
        help_text="What marking present records: a new activity, one recorded earlier, or the "
        "participant's own (linked, never doubled).",
    )

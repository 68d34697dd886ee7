"""Explicit input and output serializers of the notifications API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import emails
from .models import Reminder, Rule

# --- output --------------------------------------------------------------------------------


class NotificationOut(serializers.ModelSerializer):
    """One in-app notification; render inside the recipient's language (title, rule_label)."""

    rule = serializers.ChoiceField(choices=Rule.choices, read_only=True)
    rule_label = serializers.CharField(source="get_rule_display", read_only=True)
    title = serializers.SerializerMethodField(
        help_text="The one-line title, as on the list page and in the e-mail's subject."
    )
    # A link, or "" when the notification has no page of its own: a plain string, not a URI.
    link = serializers.SerializerMethodField(
        help_text="Absolute address of the page the notification is about; empty when none."
    )
    # The moment the list page shows and orders by: when the reminder became due and was
    # delivered (the model's own `created_at` is when it was planned, often days earlier).
    created_at = serializers.DateTimeField(
        source="due_at",
        read_only=True,
        help_text="When the notification was sent; the list is ordered by it, newest first.",
    )
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Reminder
        fields = ["id", "rule", "rule_label", "title", "link", "created_at", "read_at", "unread"]
        read_only_fields = fields

    def get_title(self, reminder: Reminder) -> str:
        return emails.title_of(reminder)

    def get_link(self, reminder: Reminder) -> str:
        return emails.link_of(reminder)

    def get_unread(self, reminder: Reminder) -> bool:
        return reminder.read_at is None


class UnreadCountOut(serializers.Serializer):
    unread = serializers.IntegerField(min_value=0)


class MarkedOut(serializers.Serializer):
    marked = serializers.IntegerField(
        min_value=0, help_text="How many notifications were unread and are now read."
    )


class RuleChoiceOut(serializers.Serializer):
    rule = serializers.ChoiceField(choices=Rule.choices)
    label = serializers.CharField(help_text="The rule's name, as on the settings page.")
    wanted = serializers.BooleanField(help_text="False when you opted out of this rule.")


class PreferencesOut(serializers.Serializer):
    rules = RuleChoiceOut(
        many=True,
        help_text="Only the rules that can reach you through your roles; empty without a role.",
    )


# --- input ---------------------------------------------------------------------------------


@extend_schema_field(serializers.ChoiceField(choices=Rule.choices))
class RuleName(serializers.CharField):
    """A rule's name, checked by services.set_wanted_rules rather than here."""

    # Not a ChoiceField: an unknown name and a rule of another role get the same answer, the
    # service's message on `wanted` (a ChoiceField would answer per list index, in its words).


class PreferencesIn(serializers.Serializer):
    wanted = serializers.ListField(
        child=RuleName(),
        allow_empty=True,
        help_text=(
            "Every rule you want, out of those GET lists; the others of that list are switched "
            "off. Opt-outs of rules outside that list stay as they are."
        ),
    )


# --- a pilot's reminder timing -------------------------------------------------------------


class ReminderTimingOut(serializers.Serializer):
    session_days_before = serializers.IntegerField(
        help_text="The session reminder goes out at 09:00 this many days before (and on the day)."
    )
    goal_days_before = serializers.IntegerField(
        help_text="The goal reminder goes out at 09:00 this many days before the due date."
    )
    quiet_after_days = serializers.IntegerField(
        help_text="Days without activity after which a participant gets a friendly nudge."
    )


class ReminderTimingIn(serializers.Serializer):
    """Each field optional: what is left out stays as it is; bounds are checked by the service."""

    session_days_before = serializers.IntegerField(required=False, help_text="1 to 7; default 2.")
    goal_days_before = serializers.IntegerField(required=False, help_text="1 to 30; default 7.")
    quiet_after_days = serializers.IntegerField(required=False, help_text="3 to 90; default 14.")

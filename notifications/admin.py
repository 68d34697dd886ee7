from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from proeftuin.admin_scope import SuperuserOnly

from . import emails, services
from .models import NotificationPreference, Reminder


class LedgerAdmin(SuperuserOnly, admin.ModelAdmin):
    """The ledger holds everyone's reminders: only the platform's own admins see it."""

    def has_add_permission(self, request):
        return False


@admin.register(Reminder)
class ReminderAdmin(LedgerAdmin):
    list_display = [
        "rule",
        "recipient",
        "subject_key",
        "period",
        "state",
        "due_at",
        "attempts",
        "sent_at",
    ]
    list_filter = ["state", "rule", "due_at"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "subject_key"]
    date_hierarchy = "due_at"
    actions = ["resend", "mark_sent"]
    readonly_fields = [
        "rule",
        "recipient",
        "proeftuin",
        "subject_key",
        "period",
        "due_at",
        "state",
        "claimed_at",
        "handed_off_at",
        "send_started_at",
        "data_sent_at",
        "attempts",
        "sent_at",
        "last_error",
        "context",
        "read_at",
        "created_at",
        "message_id",
    ]

    @admin.display(description=_("Message-ID"))
    def message_id(self, obj):
        return emails.message_id(obj)

    @admin.action(description=_("Opnieuw versturen (mislukt of onzeker)"))
    def resend(self, request, queryset):
        count = services.resend(reminder_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d herinnering staat weer klaar om te versturen.",
                "%(count)d herinneringen staan weer klaar om te versturen.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Markeren als verstuurd (mislukt of onzeker)"))
    def mark_sent(self, request, queryset):
        count = services.mark_sent(reminder_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d herinnering gemarkeerd als verstuurd.",
                "%(count)d herinneringen gemarkeerd als verstuurd.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(LedgerAdmin):
    list_display = ["user", "rule"]
    list_select_related = ["user"]

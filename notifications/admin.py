from django.contrib import admin

from .models import NotificationPreference, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["rule", "recipient", "subject_key", "period", "state", "due_at", "attempts"]
    list_filter = ["state", "rule"]
    search_fields = ["recipient__email", "subject_key"]
    date_hierarchy = "due_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "rule"]

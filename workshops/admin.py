from django.contrib import admin

from proeftuin.admin_scope import PilotScopedAdmin, ScopedTabularInline, SuperuserOnly

from .models import Attendance, CalendarFeed, Registration, Session, SessionFeedback, SessionSeries


class RegistrationInline(ScopedTabularInline):
    model = Registration
    extra = 0


@admin.register(Session)
class SessionAdmin(PilotScopedAdmin):
    list_display = ["title", "proeftuin", "kind", "starts_at", "status", "capacity"]
    list_filter = ["kind", "status", "proeftuin"]
    date_hierarchy = "starts_at"
    search_fields = ["title"]
    inlines = [RegistrationInline]


@admin.register(SessionSeries)
class SessionSeriesAdmin(PilotScopedAdmin):
    list_display = ["title", "proeftuin", "rule"]


@admin.register(Registration)
class RegistrationAdmin(PilotScopedAdmin):
    pilot_lookup = "session__proeftuin"
    list_display = ["session", "membership", "response", "waiting_since"]
    list_filter = ["response"]


@admin.register(Attendance)
class AttendanceAdmin(PilotScopedAdmin):
    pilot_lookup = "session__proeftuin"
    list_display = ["session", "membership", "present"]


@admin.register(SessionFeedback)
class SessionFeedbackAdmin(PilotScopedAdmin):
    """Feedback is anonymous to the coach, so only administrators open it here."""

    pilot_lookup = "session__proeftuin"
    list_display = ["session", "usefulness"]

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(CalendarFeed)
class CalendarFeedAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    exclude = ["token"]

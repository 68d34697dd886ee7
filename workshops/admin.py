from django.contrib import admin

from proeftuin.admin_scope import PilotScopedAdmin, ReadOnly, ScopedTabularInline, SuperuserOnly

from .models import Attendance, CalendarFeed, Registration, Session, SessionMaterial, SessionSeries

# SessionFeedback has no admin: one person's answers are for their author only (and erasure);
# the coach reads the aggregate on the session page (selectors.feedback_summary).


class RegistrationInline(ScopedTabularInline):
    model = Registration
    extra = 0


class MaterialInline(ScopedTabularInline):
    model = SessionMaterial
    extra = 0


@admin.register(Session)
class SessionAdmin(PilotScopedAdmin):
    list_display = ["title", "proeftuin", "kind", "starts_at", "status", "capacity"]
    list_filter = ["kind", "status", "proeftuin"]
    date_hierarchy = "starts_at"
    search_fields = ["title"]
    exclude = ["check_in_code"]  # shown to the room on the check-in screen, nowhere else
    inlines = [RegistrationInline, MaterialInline]


@admin.register(SessionSeries)
class SessionSeriesAdmin(PilotScopedAdmin):
    list_display = ["title", "proeftuin", "rule"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnly, PilotScopedAdmin):
    pilot_lookup = "session__proeftuin"
    list_display = ["session", "membership", "response", "waiting_since"]
    list_filter = ["response"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnly, PilotScopedAdmin):
    pilot_lookup = "session__proeftuin"
    list_display = ["session", "membership", "state", "checked_in_at"]
    list_filter = ["state"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    exclude = ["token"]

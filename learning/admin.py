from django.contrib import admin

from proeftuin.admin_scope import PilotScopedAdmin, ScopedTabularInline

from .models import Experiment, GoalCheckIn, GoalComment, LearningActivity, Lesson, Skill, SkillGoal


@admin.register(Skill)
class SkillAdmin(PilotScopedAdmin):
    pilot_lookup = "organisation"
    organisation_level = True
    list_display = ["name", "dimension", "organisation", "is_active"]
    list_filter = ["dimension", "is_active"]
    search_fields = ["name", "name_en"]


class CheckInInline(ScopedTabularInline):
    model = GoalCheckIn
    extra = 0


class CommentInline(ScopedTabularInline):
    model = GoalComment
    extra = 0


@admin.register(SkillGoal)
class SkillGoalAdmin(PilotScopedAdmin):
    pilot_lookup = "membership__proeftuin"
    list_display = ["statement", "membership", "skill", "status", "due_on"]
    list_filter = ["status"]
    list_select_related = ["membership__user", "skill", "membership__proeftuin__organisation"]
    inlines = [CheckInInline, CommentInline]


@admin.register(LearningActivity)
class LearningActivityAdmin(PilotScopedAdmin):
    pilot_lookup = "membership__proeftuin"
    list_display = ["title", "membership", "kind", "on", "minutes"]
    list_filter = ["kind"]
    date_hierarchy = "on"
    list_select_related = ["membership__user", "membership__proeftuin__organisation"]
    search_fields = ["title"]


@admin.register(Experiment)
class ExperimentAdmin(PilotScopedAdmin):
    pilot_lookup = "owner__proeftuin"
    list_display = ["title", "owner", "status", "planned_start", "planned_end"]
    list_filter = ["status"]


@admin.register(Lesson)
class LessonAdmin(PilotScopedAdmin):
    list_display = ["__str__", "proeftuin", "kind", "dimension", "review"]
    list_filter = ["kind", "dimension", "review"]

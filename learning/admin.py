from django.contrib import admin

from proeftuin.admin_scope import (
    PersonalRecordAdmin,
    PilotScopedAdmin,
    ReadOnly,
    ScopedTabularInline,
)
from proeftuin.audit import What

from .models import Experiment, GoalCheckIn, GoalComment, LearningActivity, Lesson, Skill, SkillGoal


@admin.register(Skill)
class SkillAdmin(PilotScopedAdmin):
    pilot_lookup = "organisation"
    organisation_level = True
    list_display = ["name", "dimension", "organisation", "is_active"]
    list_filter = ["dimension", "is_active"]
    search_fields = ["name", "name_en"]


class CheckInInline(ReadOnly, ScopedTabularInline):
    model = GoalCheckIn
    extra = 0


class CommentInline(ReadOnly, ScopedTabularInline):
    model = GoalComment
    extra = 0


@admin.register(SkillGoal)
class SkillGoalAdmin(PersonalRecordAdmin):
    audit_what, audit_what_list = What.GOAL, What.GOALS
    list_display = ["statement", "membership", "skill", "status", "due_on"]
    list_filter = ["status"]
    list_select_related = ["membership__user", "skill", "membership__proeftuin__organisation"]
    inlines = [CheckInInline, CommentInline]


@admin.register(LearningActivity)
class LearningActivityAdmin(PersonalRecordAdmin):
    audit_what, audit_what_list = What.ACTIVITY, What.ACTIVITIES
    list_display = ["title", "membership", "kind", "on", "minutes"]
    list_filter = ["kind"]
    date_hierarchy = "on"
    list_select_related = ["membership__user", "membership__proeftuin__organisation"]
    search_fields = ["title"]


@admin.register(Experiment)
class ExperimentAdmin(PersonalRecordAdmin):
    owner_path = "owner"
    audit_what, audit_what_list = What.EXPERIMENT, What.EXPERIMENTS
    list_select_related = ["owner__user", "owner__proeftuin"]
    list_display = ["title", "owner", "status", "planned_start", "planned_end"]
    list_filter = ["status"]


@admin.register(Lesson)
class LessonAdmin(PilotScopedAdmin):
    list_display = ["__str__", "proeftuin", "kind", "dimension", "review"]
    list_filter = ["kind", "dimension", "review"]

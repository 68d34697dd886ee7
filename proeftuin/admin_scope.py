"""Admin screens scoped to the pilots a coach coaches; superusers see everything."""

from django.contrib import admin
from django.db.models import Model, QuerySet

from . import access


def _pilot_ids(request) -> list[int]:
    if not hasattr(request, "_coach_pilot_ids"):
        request._coach_pilot_ids = access.coach_pilot_ids(request.user)
    return request._coach_pilot_ids


class PilotScopedAdmin(admin.ModelAdmin):
    """A coach manages the objects of their own pilots here, and nothing else.

    `pilot_lookup` is the path from the model to its Proeftuin ("proeftuin",
    "membership__proeftuin", ...); for organisation-level models it is the path to an
    Organisation, with `organisation_level = True`.
    """

    pilot_lookup = "proeftuin"
    organisation_level = False
    coach_can_add = True
    coach_can_delete = True

    def _scope_filter(self, request) -> dict:
        ids = _pilot_ids(request)
        if self.organisation_level:
            return {f"{self.pilot_lookup}__proeftuinen__in": ids}
        return {f"{self.pilot_lookup}__in": ids}

    def get_queryset(self, request) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**self._scope_filter(request)).distinct()

    def _is_coach(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and bool(_pilot_ids(request))

    def _in_scope(self, request, obj: Model | None) -> bool:
        if obj is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser or self._is_coach(request)

    def has_view_permission(self, request, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        return self._is_coach(request) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser or (self.coach_can_add and self._is_coach(request))

    def has_delete_permission(self, request, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        return self.coach_can_delete and self.has_view_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = scoped_choices(db_field.related_model, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = scoped_choices(db_field.related_model, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# How to reach a pilot from the models a coach may pick in a form.
CHOICE_SCOPES = {
    "proeftuin.proeftuin": "pk__in",
    "proeftuin.organisation": "proeftuinen__in",
    "proeftuin.membership": "proeftuin__in",
    "proeftuin.measurementround": "proeftuin__in",
    "proeftuin.user": "memberships__proeftuin__in",
    "learning.skill": "organisation__proeftuinen__in",
    "learning.skillgoal": "membership__proeftuin__in",
    "learning.experiment": "owner__proeftuin__in",
    "learning.learningactivity": "membership__proeftuin__in",
    "workshops.session": "proeftuin__in",
    "workshops.sessionseries": "proeftuin__in",
}


def scoped_choices(model, request) -> QuerySet:
    lookup = CHOICE_SCOPES.get(model._meta.label_lower)
    if lookup is None:
        return model._default_manager.none()
    return model._default_manager.filter(**{lookup: _pilot_ids(request)}).distinct()

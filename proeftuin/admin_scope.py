"""The admin's one scope: a coach sees and picks only their own pilots' objects; superusers all.

Every admin of the site is either a `PilotScopedAdmin` (rows, choice lists, raw id labels,
list filters, search and the autocomplete view all go through its `get_queryset`) or
`SuperuserOnly`. `restrict_unscoped_admins` makes every other registered admin (those of
auth, tokens, Celery beat, axes, OTP devices) superuser-only, so an app added later cannot
open a screen past the scope. Outside the scope and non-existent answer alike: 404.
"""

from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.utils import get_fields_from_path
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model, QuerySet
from django.http import Http404

from . import access, audit


def coached_pilot_ids(request) -> list[int]:
    """The pilots the admin user coaches, asked once per request."""
    if not hasattr(request, "_coach_pilot_ids"):
        request._coach_pilot_ids = access.coach_pilot_ids(request.user)
    return request._coach_pilot_ids


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
    """The objects of `model` a coach may pick; none for a model without a known path."""
    lookup = CHOICE_SCOPES.get(model._meta.label_lower)
    if lookup is None:
        return model._default_manager.none()
    return model._default_manager.filter(**{lookup: coached_pilot_ids(request)}).distinct()


class ScopedRawIdWidget(widgets.ForeignKeyRawIdWidget):
    """Names the object behind a typed-in id only when it is one of the field's choices."""

    def __init__(self, rel, admin_site, *, choices: QuerySet, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.allowed = choices

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            allowed = self.allowed.filter(**{key: value}).exists()
        except (ValueError, TypeError, ValidationError):
            allowed = False
        return super().label_and_url_for_value(value) if allowed else ("", "")


class ScopedChoices:
    """ForeignKey and many-to-many fields offer only objects of the coach's pilots."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = scoped_choices(db_field.related_model, request)
            if db_field.name in self.raw_id_fields and "widget" not in kwargs:
                kwargs["widget"] = ScopedRawIdWidget(
                    db_field.remote_field,
                    self.admin_site,
                    choices=kwargs["queryset"],
                    using=kwargs.get("using"),
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = scoped_choices(db_field.related_model, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedTabularInline(ScopedChoices, admin.TabularInline):
    """An inline whose choice lists go through the coach's scope."""


class NotFoundNotRedirect:
    """An object outside the viewer's rows answers 404, exactly like one that exists nowhere.

    Django's admin redirects to the index with "doesn't exist" for a missing object.
    """

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


class ScopedRelatedFilter(admin.RelatedOnlyFieldListFilter):
    """A related-field filter listing only objects that rows in the viewer's scope point to."""


class ScopedValuesFilter(admin.AllValuesFieldListFilter):
    """Values of a field across a relation, taken from the rows in the viewer's scope.

    Django's own filter reads such values from the related model's whole table.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = (
            model_admin.get_queryset(request)
            .order_by(field_path)
            .values_list(field_path, flat=True)
            .distinct()
        )


def scoped_list_filter(model, spec):
    """The scoped version of one `list_filter` entry: relations and free values via the rows."""
    if isinstance(spec, str):
        field_path, filter_class = spec, None
    elif isinstance(spec, list | tuple):
        field_path, filter_class = spec
    else:
        return spec  # a SimpleListFilter computes its own choices
    field = get_fields_from_path(model, field_path)[-1]
    if field.is_relation:
        if filter_class is None or not issubclass(filter_class, admin.RelatedOnlyFieldListFilter):
            return (field_path, ScopedRelatedFilter)
        return spec
    free_values = not (field.choices or isinstance(field, models.BooleanField | models.DateField))
    if free_values and (filter_class is None or filter_class is admin.AllValuesFieldListFilter):
        return (field_path, ScopedValuesFilter)
    return spec


class PilotScopedAdmin(NotFoundNotRedirect, ScopedChoices, admin.ModelAdmin):
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
        ids = coached_pilot_ids(request)
        if self.organisation_level:
            return {f"{self.pilot_lookup}__proeftuinen__in": ids}
        return {f"{self.pilot_lookup}__in": ids}

    def get_queryset(self, request) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**self._scope_filter(request)).distinct()

    def get_list_filter(self, request):
        return [scoped_list_filter(self.model, spec) for spec in super().get_list_filter(request)]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not request.user.is_superuser:
            # Also for querysets that did not come from get_queryset (the autocomplete view's do).
            queryset = queryset.filter(pk__in=self.get_queryset(request).values("pk"))
        return queryset, may_have_duplicates

    def _is_coach(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and bool(coached_pilot_ids(request))

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

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        for inline in self.inlines:
            if not issubclass(inline, ScopedChoices):
                errors.append(
                    checks.Error(
                        f"{inline.__name__} offers choices outside the coach's scope.",
                        hint="Base it on proeftuin.admin_scope.ScopedTabularInline.",
                        obj=type(self),
                        id="proeftuin.E001",
                    )
                )
        return errors


class SuperuserOnly(NotFoundNotRedirect):
    """A screen for the platform's own administrators: for anyone else it has no rows."""

    def get_queryset(self, request) -> QuerySet:
        queryset = super().get_queryset(request)
        return queryset if self._superuser(request) else queryset.none()

    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request) -> bool:
        return self._superuser(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._superuser(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._superuser(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return self._superuser(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._superuser(request) and super().has_delete_permission(request, obj)


def restrict_unscoped_admins(site: admin.AdminSite) -> None:
    """Make every registered admin that is not built on the scope superuser-only."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, PilotScopedAdmin | SuperuserOnly):
            continue
        original = type(model_admin)
        restricted = type(original)(
            original.__name__, (SuperuserOnly, original), {"__module__": original.__module__}
        )
        site.unregister(model)
        site.register(model, restricted)


class ReadOnly:
    """A screen that shows rows and never writes them: their rules live in a service.

    Registrations (capacity, the waiting list) and attendance (the activity it records) change
    only through the pages and the API, which call the service that holds the rule.
    """

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PersonalRecordAdmin(ReadOnly, SuperuserOnly, admin.ModelAdmin):
    """A participant's own records: only they change them, on their pages and through the API.

    A coach reaches them through the pages, where the rules and the audit apply; here only the
    platform's administrators may look, read-only, and every look is recorded for the person.
    `owner_path` leads from a row to its owner's membership.
    """

    owner_path = "membership"
    audit_what = None

    def _owner(self, obj):
        for step in self.owner_path.split("__"):
            obj = getattr(obj, step)
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and hasattr(response, "context_data"):
            obj = response.context_data["original"]
            owner = self._owner(obj)
            audit.viewed(
                actor=request.user,
                subject=owner.user,
                what=self.audit_what,
                params={"id": obj.pk},
                proeftuin=owner.proeftuin,
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            counts: dict[int, dict] = {}
            for obj in changelist.result_list:
                owner = self._owner(obj)
                counts.setdefault(owner.user_id, {"count": 0})["count"] += 1
            audit.record_each(
                actor=request.user, subjects=counts, what=self.audit_what_list, proeftuin=None
            )
        return response

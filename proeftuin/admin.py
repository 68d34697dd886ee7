from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import audit, privacy
from .accounts import services
from .admin_scope import (
    PersonalRecordAdmin,
    PilotScopedAdmin,
    ReadOnly,
    ScopedTabularInline,
    SuperuserOnly,
    coached_pilot_ids,
)
from .models import (
    AssessmentAnswer,
    AuditEvent,
    ConsentRecord,
    Invitation,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Organisation,
    Proeftuin,
    User,
)


@admin.register(User)
class UserAdmin(SuperuserOnly, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["full_name", "language"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Data"), {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined", "erased_at"]
    actions = ["erase_people"]

    @admin.action(description=_("Wis de gekozen personen (onomkeerbaar)"))
    def erase_people(self, request, queryset):
        """Ask once more on a confirmation page, then erase through the privacy service."""
        if not request.user.is_superuser:
            messages.error(request, _("Alleen een beheerder met alle rechten mag personen wissen."))
            return None
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/proeftuin/erase_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "people": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        erased = 0
        for user in queryset:
            try:
                privacy.erase_person(user=user, actor=request.user)
            except privacy.ErasureRefused as exc:
                messages.warning(request, f"{user.pk}: {exc}")
            else:
                erased += 1
        messages.success(request, _("%(n)s persoon/personen gewist.") % {"n": erased})
        return None


@admin.register(Organisation)
class OrganisationAdmin(PilotScopedAdmin):
    pilot_lookup = "pk"
    organisation_level = False
    coach_can_add = False
    coach_can_delete = False
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def _scope_filter(self, request):
        return {"proeftuinen__in": coached_pilot_ids(request)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # Every new organisation starts with the default data-skill catalogue.
            from learning.services import ensure_default_catalogue

            ensure_default_catalogue(organisation=obj)


@admin.register(Proeftuin)
class ProeftuinAdmin(PilotScopedAdmin):
    pilot_lookup = "pk"
    coach_can_add = False
    coach_can_delete = False
    list_display = ["name", "organisation", "starts_on", "ends_on"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation__name"]
    # Set by the retention task and the toolkit's publish button, never typed in.
    readonly_fields = ["anonymised_at", "toolkit_public_token"]


class MembershipInline(ScopedTabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "is_active", "shares_progress_with_director"]
    readonly_fields = ["shares_progress_with_director"]


@admin.register(Membership)
class MembershipAdmin(PilotScopedAdmin):
    list_display = [
        "user",
        "proeftuin",
        "role",
        "is_active",
        "is_ethics_reviewer",
        "shares_progress_with_director",
    ]
    list_filter = ["role", "is_active", "proeftuin"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "proeftuin__organisation"]
    # Consent belongs to the person: nobody changes it on their behalf.
    readonly_fields = ["shares_progress_with_director"]


@admin.register(Invitation)
class InvitationAdmin(PilotScopedAdmin):
    list_display = ["email", "proeftuin", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "proeftuin"]
    search_fields = ["email"]
    fields = ["email", "full_name", "proeftuin", "role"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Invitations are made by the service so the token is hashed and the mail goes out.
        try:
            invitation, _token = services.invite(
                proeftuin=obj.proeftuin,
                email=obj.email,
                role=obj.role,
                full_name=obj.full_name,
                invited_by=request.user,
            )
        except services.AlreadyMember as exc:
            messages.error(request, str(exc))
            return
        obj.pk = invitation.pk


@admin.register(MeasurementRound)
class MeasurementRoundAdmin(PilotScopedAdmin):
    list_display = ["__str__", "proeftuin", "kind", "opens_on", "closes_on"]
    list_filter = ["kind", "proeftuin"]


class AssessmentAnswerInline(ReadOnly, ScopedTabularInline):
    model = AssessmentAnswer
    extra = 0


@admin.register(MaturityAssessment)
class MaturityAssessmentAdmin(PersonalRecordAdmin):
    audit_what, audit_what_list = audit.What.MEASUREMENT, audit.What.MEASUREMENTS
    list_select_related = ["membership__user", "membership__proeftuin", "round"]
    list_display = ["membership", "round", "submitted_at"]
    inlines = [AssessmentAnswerInline]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(PilotScopedAdmin):
    pilot_lookup = "membership__proeftuin"
    coach_can_add = False
    coach_can_delete = False
    list_display = ["membership", "kind", "given", "at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(SuperuserOnly, admin.ModelAdmin):
    """Read-only: the audit log cannot be edited or deleted through the admin."""

    list_display = ["at", "actor", "action", "subject", "description", "proeftuin"]
    list_filter = ["action", "proeftuin", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor__email", "subject__email", "code"]
    list_select_related = ["actor", "subject", "proeftuin"]
    date_hierarchy = "at"

    @admin.display(description=_("wat"))
    def description(self, event: AuditEvent) -> str:
        return audit.describe(event.code, event.params)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.site_header = _("Proeftuin · beheer")
admin.site.site_title = _("Proeftuin beheer")
admin.site.index_title = _("Beheer")

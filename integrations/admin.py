from django.contrib import admin
from django.db import models

from proeftuin.admin_scope import SuperuserOnly

from .models import WorkAccountProvider


@admin.register(WorkAccountProvider)
class WorkAccountProviderAdmin(SuperuserOnly, admin.ModelAdmin):
    """Only an instance administrator connects a provider: it decides who gets in."""

    list_display = ["organisation", "issuer", "allowed_domains", "is_active"]
    list_select_related = ["organisation"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "organisation",
        "is_active",
        "issuer",
        "client_id",
        "client_secret",
        "allowed_domains",
        "admit_whole_domain",
        "provider_enforces_mfa",
    ]

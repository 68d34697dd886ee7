from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProeftuinConfig(AppConfig):
    name = "proeftuin"
    verbose_name = _("Proeftuin")

    def ready(self):
        from django.contrib import admin

        from .admin_scope import restrict_unscoped_admins

        # The admin app (listed first) has imported every app's admin module by now.
        restrict_unscoped_admins(admin.site)

        from .network import benchmark

        benchmark.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProeftuinConfig(AppConfig):
    name = "proeftuin"
    verbose_name = _("Proeftuin")

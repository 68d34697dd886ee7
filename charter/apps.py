from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = _("Basisprincipes en sponsor")

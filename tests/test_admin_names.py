"""A Dutch coach reads the admin in Dutch: every model of ours names itself, one and many."""

from django.apps import apps
from django.utils import translation

OUR_APPS = (
    "proeftuin",
    "learning",
    "workshops",
    "notifications",
    "integrations",
    "backlog",
    "charter",
)


def test_every_model_of_ours_has_a_dutch_name_and_plural_of_its_own():
    unnamed = [
        f"{model._meta.app_label}.{model.__name__}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not {"verbose_name", "verbose_name_plural"} <= model._meta.original_attrs.keys()
    ]
    assert unnamed == []


def test_the_admin_shows_dutch_names_and_english_to_an_english_reader():
    consent = apps.get_model("proeftuin", "ConsentRecord")._meta
    with translation.override("nl"):
        assert str(consent.verbose_name_plural) == "toestemmingen"
    with translation.override("en"):
        assert str(consent.verbose_name_plural) == "consents"

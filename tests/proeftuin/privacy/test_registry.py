import pytest

from proeftuin import privacy
from proeftuin.models import User

pytestmark = pytest.mark.django_db


def test_every_model_that_leads_to_a_person_is_in_the_privacy_registry():
    about_people = privacy.models_about_people()
    missing = sorted(set(about_people) - set(privacy.REGISTRY))
    assert not missing, (
        "These models hold data about a person but have no entry in proeftuin.privacy.REGISTRY, "
        f"so export and erasure would skip them: {missing}"
    )


def test_the_walk_finds_models_several_foreign_keys_away_from_the_user():
    about_people = privacy.models_about_people()
    assert about_people["learning.goalcheckin"] == "goal__membership__user"
    assert about_people["proeftuin.assessmentanswer"] == "assessment__membership__user"
    assert "learning.skill" not in about_people
    assert "proeftuin.proeftuin" not in about_people


def test_every_registry_entry_names_an_installed_model_with_a_working_path_to_the_person():
    user = User.objects.create_user("probe@example.org")
    for label, entry in privacy.REGISTRY.items():
        model = privacy.model_of(label)
        assert model._default_manager.filter(**{entry.person: user.pk}).count() >= 0, label
        if entry.pilot:
            assert model._default_manager.filter(**{f"{entry.pilot}__isnull": False}).count() >= 0
        assert str(entry.purpose) and str(entry.retention), f"{label} needs purpose and retention"
        assert entry.export is not None or str(entry.note), f"{label}: say why it is not exported"


def test_erasure_goes_through_every_registry_entry_and_ends_with_the_account():
    assert set(privacy.ERASURE_ORDER) == set(privacy.REGISTRY)
    assert privacy.ERASURE_ORDER[-1] == "proeftuin.user"

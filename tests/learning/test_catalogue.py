import pytest
from django.urls import reverse

from learning import services
from learning.catalogue import DEFAULT_SKILLS
from learning.models import Skill
from proeftuin.models import Dimension, Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_default_catalogue_has_about_twelve_skills_in_every_dimension_in_two_languages():
    assert 10 <= len(DEFAULT_SKILLS) <= 14
    assert {skill.dimension for skill in DEFAULT_SKILLS} == set(Dimension.values)
    assert len({skill.key for skill in DEFAULT_SKILLS}) == len(DEFAULT_SKILLS)
    assert all(s.name and s.description and s.name_en and s.description_en for s in DEFAULT_SKILLS)


def test_ensuring_the_catalogue_twice_adds_the_skills_once():
    organisation = factories.OrganisationFactory()
    assert services.ensure_default_catalogue(organisation=organisation) == len(DEFAULT_SKILLS)
    assert services.ensure_default_catalogue(organisation=organisation) == 0
    assert Skill.objects.filter(organisation=organisation).count() == len(DEFAULT_SKILLS)


def test_ensuring_the_catalogue_keeps_a_coachs_edits_and_only_adds_missing_keys():
    organisation = factories.OrganisationFactory()
    services.ensure_default_catalogue(organisation=organisation)
    Skill.objects.filter(organisation=organisation, key="privacy-avg").update(
        name="AVG op het werk"
    )
    Skill.objects.filter(organisation=organisation, key="visualiseren").delete()
    assert services.ensure_default_catalogue(organisation=organisation) == 1
    assert Skill.objects.get(organisation=organisation, key="privacy-avg").name == "AVG op het werk"


def test_an_organisation_created_in_the_admin_gets_the_default_catalogue(client):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    from tests.login_flow import mark_session_past_second_factor

    mark_session_past_second_factor(client.session, admin)  # admins must give a second factor
    response = client.post(
        reverse("admin:proeftuin_organisation_add"),
        {"name": "Bakkerij Brood", "slug": "brood", "sector": "other"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="brood")
    assert organisation.skills.count() == len(DEFAULT_SKILLS)


def test_the_english_name_shows_when_the_language_is_english(skill):
    from django.utils import translation

    with translation.override("en"):
        assert str(skill) == skill.name_en
    with translation.override("nl"):
        assert str(skill) == "Draaitabellen"

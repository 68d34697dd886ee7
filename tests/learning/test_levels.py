"""What levels 1 to 5 of a skill mean: defaults, the coach's own words, beside every choice."""

import pytest
from django.urls import reverse
from django.utils import translation

from learning import levels, services
from learning.models import LevelDescriptor
from tests import factories

pytestmark = pytest.mark.django_db

DEFAULT_LEVEL_3 = "Ik kan een tabel lezen en zeggen wat die niet laat zien."


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


@pytest.fixture
def careful(pilot):
    return factories.SkillFactory(
        organisation=pilot.proeftuin.organisation,
        key="zorgvuldig-interpreteren",
        name="Zorgvuldig interpreteren",
    )


def test_every_skill_of_the_default_catalogue_has_five_descriptions_of_its_own():
    from learning.catalogue import DEFAULT_SKILLS

    for skill in DEFAULT_SKILLS:
        texts = [levels.default_text(skill.key, level) for level in levels.LEVELS]
        assert len(set(texts)) == 5, skill.key
        assert texts != [str(levels.GENERAL[level]) for level in levels.LEVELS], skill.key


def test_the_default_description_of_a_level_reads_in_english_for_an_english_reader(pilot, careful):
    with translation.override("en"):
        text = levels.levels_for(pilot.proeftuin, careful)[2].text
    assert text == "I can read a table and say what it does not show."


def test_a_skill_the_coach_added_gets_the_general_description_of_each_level(pilot, skill):
    assert levels.levels_for(pilot.proeftuin, skill)[0].text == str(levels.GENERAL[1])


def test_the_coachs_own_words_replace_the_default_and_an_empty_field_brings_it_back(pilot, careful):
    services.save_level_descriptors(
        proeftuin=pilot.proeftuin, skill=careful, texts={3: "Ik lees de wachttijdentabel zelf."}
    )
    assert (
        levels.levels_for(pilot.proeftuin, careful)[2].text == "Ik lees de wachttijdentabel zelf."
    )
    services.save_level_descriptors(proeftuin=pilot.proeftuin, skill=careful, texts={3: "  "})
    assert levels.levels_for(pilot.proeftuin, careful)[2].text == DEFAULT_LEVEL_3
    assert not LevelDescriptor.objects.exists()


def test_own_words_of_one_pilot_stay_in_that_pilot(pilot, careful):
    same_organisation = factories.ProeftuinFactory(organisation=pilot.proeftuin.organisation)
    services.save_level_descriptors(
        proeftuin=pilot.proeftuin, skill=careful, texts={3: "Onze eigen woorden."}
    )
    assert levels.levels_for(same_organisation, careful)[2].text == DEFAULT_LEVEL_3


def test_the_coach_rewrites_a_level_on_the_page_and_a_check_in_shows_it(client_for, pilot, careful):
    response = client_for(pilot.coach).post(
        _url("skill-levels", pilot, careful.pk), {"level_2": "Ik vraag Sanne om mee te kijken."}
    )
    assert response.status_code == 302
    goal = factories.GoalFactory(membership=pilot.participant, skill=careful)
    page = client_for(pilot.participant).get(_url("goal", pilot, goal.pk)).content.decode()
    assert "2 · met hulp: Ik vraag Sanne om mee te kijken." in page
    assert f"3 · zelfstandig: {DEFAULT_LEVEL_3}" in page


def test_a_too_long_description_is_a_form_error_and_nothing_is_saved(client_for, pilot, careful):
    response = client_for(pilot.coach).post(
        _url("skill-levels", pilot, careful.pk), {"level_1": "x" * 301, "level_2": "Kort."}
    )
    assert response.status_code == 200
    assert "level_1" in response.context["form"].errors
    assert not LevelDescriptor.objects.exists()


def test_the_goal_form_names_levels_without_the_culture_stages(client_for, pilot, careful):
    page = client_for(pilot.participant).get(_url("goal-create", pilot)).content.decode()
    assert "1 · nieuw voor mij" in page
    assert DEFAULT_LEVEL_3 in page  # the reference per skill, before one is chosen
    assert "beperkend" not in page
    assert "bedreven" not in page


def test_editing_a_goal_shows_its_skills_levels_beside_each_choice(client_for, pilot, careful):
    goal = factories.GoalFactory(membership=pilot.participant, skill=careful)
    page = client_for(pilot.participant).get(_url("goal-edit", pilot, goal.pk)).content.decode()
    assert f"3 · zelfstandig: {DEFAULT_LEVEL_3}" in page


def test_the_api_gives_a_skill_its_levels_and_the_coach_rewrites_them(client_for, pilot, careful):
    url = f"/api/v1/pilots/{pilot.proeftuin.pk}/skills/{careful.pk}/"
    response = client_for(pilot.coach).put(
        url + "levels/",
        {"level_4": "Ik zie het als een tabel liegt."},
        content_type="application/json",
    )
    assert response.status_code == 200
    levels_out = client_for(pilot.participant).get(url).json()["levels"]
    assert levels_out[3] == {
        "level": 4,
        "name": "met gemak",
        "text": "Ik zie het als een tabel liegt.",
        "customised": True,
    }
    assert levels_out[2]["text"] == DEFAULT_LEVEL_3


def test_the_api_names_the_field_of_a_too_long_description(client_for, pilot, careful):
    url = f"/api/v1/pilots/{pilot.proeftuin.pk}/skills/{careful.pk}/levels/"
    response = client_for(pilot.coach).put(
        url, {"level_5": "x" * 301}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "level_5" in response.json()
    assert not LevelDescriptor.objects.exists()

"""Advice per dimension and stage: the defaults, and an organisation's own texts."""

import pytest
from django.urls import reverse
from django.utils import translation

from learning.catalogue import DEFAULT_SKILLS
from proeftuin import measurement
from proeftuin.models import Dimension, Stage, StageAdvice
from tests import factories

pytestmark = pytest.mark.django_db

CATALOGUE_KEYS = {skill.key for skill in DEFAULT_SKILLS}


def test_every_dimension_and_stage_has_default_advice_with_three_to_five_linked_actions():
    for dimension in Dimension.values:
        for stage in Stage.values:
            advice = measurement.default_advice(dimension, stage)
            assert advice.looks_like and advice.next_asks
            assert 3 <= len(advice.actions) <= 5, (dimension, stage)
            for action in advice.actions:
                assert action.skills and set(action.skills) <= CATALOGUE_KEYS, action.text
                assert action.carrier in measurement.Carrier.values


def test_the_default_advice_reads_in_english_for_an_english_reader():
    advice = measurement.default_advice(Dimension.DATA_ANALYSIS, Stage.CURIOUS)
    with translation.override("en"):
        assert str(advice.actions[0].text) == (
            "Agree that the team looks into one question with data every month."
        )


def test_an_organisations_own_text_replaces_the_default_only_there_and_only_where_written(
    pilot, other_pilot
):
    measurement.save_stage_advice(
        organisation=pilot.proeftuin.organisation,
        dimension=Dimension.PUBLIC_VALUE,
        stage=Stage.AWARE,
        actions="Elke maand een cliënt aan tafel\nDe AVG-check in het teamoverleg",
    )
    default = measurement.default_advice(Dimension.PUBLIC_VALUE, Stage.AWARE)
    own = measurement.advice_for(pilot.proeftuin.organisation, "public_value", 3)
    assert [a.text for a in own.actions] == [
        "Elke maand een cliënt aan tafel",
        "De AVG-check in het teamoverleg",
    ]
    assert own.looks_like == default.looks_like  # left empty: the default stays
    assert own.customised
    elsewhere = measurement.advice_for(other_pilot.proeftuin.organisation, "public_value", 3)
    assert elsewhere == default


def test_the_coach_rewrites_a_cell_on_the_page_and_everyone_in_the_pilot_reads_it(
    pilot, client_for
):
    url = reverse(
        "proeftuin:measurement-advice-edit", args=[pilot.proeftuin.pk, "data_analysis", 2]
    )
    response = client_for(pilot.coach).post(
        url,
        {"looks_like": "Bij ons telt de receptie al elke week.", "next_asks": "", "actions": ""},
    )
    assert response.status_code == 302
    page = client_for(pilot.participant).get(
        reverse("proeftuin:measurement-advice", args=[pilot.proeftuin.pk])
    )
    assert "Bij ons telt de receptie al elke week." in page.content.decode()


def test_restoring_the_default_removes_the_organisations_text(pilot, client_for):
    organisation = pilot.proeftuin.organisation
    measurement.save_stage_advice(
        organisation=organisation, dimension="data_analysis", stage=1, looks_like="Eigen tekst"
    )
    url = reverse(
        "proeftuin:measurement-advice-edit", args=[pilot.proeftuin.pk, "data_analysis", 1]
    )
    client_for(pilot.coach).post(url, {"action": "reset"})
    assert not StageAdvice.objects.filter(organisation=organisation).exists()


def test_more_than_five_actions_is_refused_on_the_actions_field_and_nothing_is_saved(
    pilot, client_for
):
    url = reverse(
        "proeftuin:measurement-advice-edit", args=[pilot.proeftuin.pk, "data_analysis", 1]
    )
    response = client_for(pilot.coach).post(
        url, {"looks_like": "Nieuw", "actions": "\n".join(f"Actie {n}" for n in range(6))}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["actions"] == ["Noem hoogstens 5 acties, één per regel."]
    assert not StageAdvice.objects.exists()


def test_an_unknown_dimension_or_stage_in_the_address_is_not_found(pilot, client_for):
    client = client_for(pilot.coach)
    for dimension, stage in (("astrologie", 1), ("data_analysis", 6)):
        url = reverse(
            "proeftuin:measurement-advice-edit", args=[pilot.proeftuin.pk, dimension, stage]
        )
        assert client.get(url).status_code == 404


def test_the_advice_page_names_the_organisations_skills_an_action_builds(pilot, client_for):
    factories.SkillFactory(
        organisation=pilot.proeftuin.organisation, key="onderzoeksvraag", name="Scherpe vragen"
    )
    page = client_for(pilot.director).get(
        reverse("proeftuin:measurement-advice", args=[pilot.proeftuin.pk])
    )
    assert "Scherpe vragen" in page.content.decode()


def test_the_coachs_text_is_read_in_the_language_it_was_written_in_and_the_default_elsewhere(
    pilot, client_for
):
    organisation = pilot.proeftuin.organisation
    edit = reverse(
        "proeftuin:measurement-advice-edit", args=[pilot.proeftuin.pk, "data_analysis", 2]
    )
    coach = client_for(pilot.coach)
    coach.post(edit, {"looks_like": "Bij ons telt de receptie al elke week."})
    coach.post(edit + "?taal=en", {"looks_like": "Our front desk counts every week already."})
    assert set(StageAdvice.objects.values_list("language", flat=True)) == {"nl", "en"}
    with translation.override("nl"):
        dutch = measurement.advice_for(organisation, "data_analysis", 2).looks_like
    with translation.override("en"):
        english = measurement.advice_for(organisation, "data_analysis", 2).looks_like
    assert dutch == "Bij ons telt de receptie al elke week."
    assert english == "Our front desk counts every week already."
    # A cell written only in Dutch reads as the default in English, not as Dutch.
    measurement.save_stage_advice(
        organisation=organisation, dimension="data_analysis", stage=3, looks_like="Eigen tekst"
    )
    with translation.override("en"):
        cell = measurement.advice_for(organisation, "data_analysis", 3)
        default = measurement.default_advice("data_analysis", 3)
        assert str(cell.looks_like) == str(default.looks_like)


def test_an_unknown_language_for_the_advice_text_is_not_found(pilot, client_for):
    edit = reverse(
        "proeftuin:measurement-advice-edit", args=[pilot.proeftuin.pk, "data_analysis", 2]
    )
    response = client_for(pilot.coach).post(edit + "?taal=fr", {"looks_like": "Texte"})
    assert response.status_code == 404
    assert not StageAdvice.objects.exists()

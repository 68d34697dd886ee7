"""The overview's figures through the API: the disclosure rule holds, numbers stay numbers."""

import pytest

from tests import factories
from tests.integrations.helpers import bearer, make_token

pytestmark = pytest.mark.django_db


def _url(pilot):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/overview/"


def _figure(body, label):
    return next(item for item in body["figures"] if item["label"] == label)


def test_a_director_reads_the_figures_with_a_personal_token(pilot, client):
    for membership in (pilot.participant, pilot.other_participant, pilot.third_participant):
        factories.ActivityFactory(membership=membership, minutes=90)
    secret = make_token(pilot.director, proeftuin=pilot.proeftuin)
    response = client.get(_url(pilot), **bearer(secret))
    assert response.status_code == 200
    hours = _figure(response.json(), "uren geleerd in de periode")
    assert hours["value"] == 4.5
    assert hours["people"] == 3
    assert hours["hidden"] is None


def test_a_figure_about_too_few_people_has_no_value_and_no_count(pilot, client_for):
    factories.ActivityFactory(membership=pilot.participant, minutes=90)
    response = client_for(pilot.coach).get(_url(pilot))
    hours = _figure(response.json(), "uren geleerd in de periode")
    assert hours == {
        "section": "Deelname",
        "label": "uren geleerd in de periode",
        "value": None,
        "people": None,
        "hidden": "too_few",
        "reason": "te weinig deelnemers",
    }


def test_a_bad_month_is_a_400_naming_the_parameter(pilot, client_for):
    response = client_for(pilot.coach).get(_url(pilot) + "?van=maart")
    assert response.status_code == 400
    assert "van" in response.json()


def test_the_figures_name_nobody(pilot, client_for):
    factories.ActivityFactory(membership=pilot.participant, minutes=90)
    text = client_for(pilot.director).get(_url(pilot)).content.decode()
    for membership in (pilot.participant, pilot.other_participant, pilot.coach):
        assert membership.user.email not in text
        assert membership.user.full_name not in text

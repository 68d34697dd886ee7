"""The basic principles: versions kept, edited by the steering group, ticked by the reviewer."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from charter import services
from charter.models import CharterVersion
from learning.models import EthicsReview
from tests import factories

pytestmark = pytest.mark.django_db

PRINCIPLES = "1. We vragen alleen wat we nodig hebben.\n2. Niemand wordt op een score beoordeeld."


def _url(pilot):
    return reverse("charter:charter", args=[pilot.proeftuin.pk])


@pytest.fixture
def steering(pilot):
    return factories.MembershipFactory(proeftuin=pilot.proeftuin, role="steering")


def test_a_steering_group_member_agrees_a_version_that_everyone_reads(pilot, client_for, steering):
    response = client_for(steering).post(
        _url(pilot), {"principles": PRINCIPLES, "agreed_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    page = client_for(pilot.participant).get(_url(pilot)).content.decode()
    assert "Versie 1, vastgesteld op" in page
    assert "<li>Niemand wordt op een score beoordeeld.</li>" in page


def test_a_new_version_keeps_the_earlier_one(pilot, steering, client_for):
    services.agree_version(editor=steering, principles=PRINCIPLES)
    services.agree_version(editor=pilot.coach, principles="We vragen alleen wat nodig is.")
    assert list(CharterVersion.objects.values_list("version", flat=True)) == [2, 1]
    page = client_for(pilot.director).get(_url(pilot)).content.decode()
    assert "Eerdere versie (1)" in page
    assert "Niemand wordt op een score beoordeeld." in page


def test_a_participant_cannot_change_the_principles(pilot, client_for):
    response = client_for(pilot.participant).post(
        _url(pilot), {"principles": PRINCIPLES, "agreed_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 404
    assert not CharterVersion.objects.exists()


def test_an_empty_charter_is_refused_naming_the_field_in_the_api(pilot, client_for, steering):
    response = client_for(steering).post(
        f"/api/v1/pilots/{pilot.proeftuin.pk}/charter/",
        data=json.dumps({"principles": ["  "]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "principles" in response.json()
    assert not CharterVersion.objects.exists()


def test_the_reviewer_ticks_the_principles_a_review_touches_and_the_review_shows_them(
    pilot, client_for, steering
):
    version = services.agree_version(editor=steering, principles=PRINCIPLES)
    first, second = version.principles.all()
    experiment = factories.ExperimentFactory(owner=pilot.participant, title="Drukte")
    factories.EthicsReviewFactory(
        experiment=experiment, state="waiting", submitted_at=timezone.now()
    )
    response = client_for(pilot.coach).post(
        reverse("learning:ethics-decide", args=[pilot.proeftuin.pk, experiment.pk]),
        {"decision": "approved", "principles": [second.pk]},
    )
    assert response.status_code == 302
    review = EthicsReview.objects.get(experiment=experiment)
    assert list(review.principles.all()) == [second]
    page = client_for(pilot.participant).get(
        reverse("learning:experiment", args=[pilot.proeftuin.pk, experiment.pk])
    )
    assert "2. Niemand wordt op een score beoordeeld. <span" in page.content.decode()
    assert first.text not in page.content.decode()


def test_a_principle_of_an_earlier_version_cannot_be_ticked(pilot, steering, client_for):
    old = services.agree_version(editor=steering, principles=PRINCIPLES)
    services.agree_version(editor=steering, principles="Alleen wat nodig is.")
    experiment = factories.ExperimentFactory(owner=pilot.participant)
    factories.EthicsReviewFactory(
        experiment=experiment, state="waiting", submitted_at=timezone.now()
    )
    response = client_for(pilot.coach).post(
        f"/api/v1/pilots/{pilot.proeftuin.pk}/experiments/{experiment.pk}/ethics/decide/",
        data=json.dumps({"decision": "approved", "principles": [old.principles.first().pk]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "principles" in response.json()
    assert EthicsReview.objects.get(experiment=experiment).state == "waiting"

"""The director's sponsor message: dated, with the plan's hours, at the top of the dashboard."""

import pytest
from django.urls import reverse

from charter import services
from charter.models import SponsorMessage
from proeftuin.models import Commitment

pytestmark = pytest.mark.django_db


def _dashboard(pilot):
    return reverse("learning:dashboard", args=[pilot.proeftuin.pk])


def test_the_directors_message_is_at_the_top_of_the_participants_dashboard_with_the_plans_hours(
    pilot, client_for
):
    Commitment.objects.create(proeftuin=pilot.proeftuin, hours_per_participant_per_month=4)
    response = client_for(pilot.director).post(
        reverse("charter:sponsor", args=[pilot.proeftuin.pk]),
        {"text": "Neem de tijd om te leren; dat is werk."},
    )
    assert response.status_code == 302
    page = client_for(pilot.participant).get(_dashboard(pilot)).content.decode()
    top = page.split('id="quick-heading"')[0]
    assert "Neem de tijd om te leren; dat is werk." in top
    assert "De organisatie geeft je hiervoor 4 uur per maand." in top


def test_the_hours_follow_the_plan_and_are_not_stored_with_the_message(pilot, client_for):
    services.post_sponsor_message(director=pilot.director, text="Succes allemaal.")
    commitment = Commitment.objects.create(
        proeftuin=pilot.proeftuin, hours_per_participant_per_month=4
    )
    commitment.hours_per_participant_per_month = 6
    commitment.save()
    page = client_for(pilot.participant).get(_dashboard(pilot)).content.decode()
    assert "6 uur per maand" in page


def test_the_newest_message_is_shown_and_the_earlier_ones_are_kept(pilot, client_for):
    services.post_sponsor_message(director=pilot.director, text="Eerste bericht.")
    services.post_sponsor_message(director=pilot.director, text="Tweede bericht.")
    page = client_for(pilot.participant).get(_dashboard(pilot)).content.decode()
    assert "Tweede bericht." in page and "Eerste bericht." not in page
    assert SponsorMessage.objects.count() == 2


def test_an_empty_message_is_a_form_error_and_nothing_is_saved(pilot, client_for):
    response = client_for(pilot.director).post(
        reverse("charter:sponsor", args=[pilot.proeftuin.pk]), {"text": "   "}
    )
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.content.decode()
    assert not SponsorMessage.objects.exists()


def test_only_the_director_writes_the_sponsor_message(pilot, client_for):
    response = client_for(pilot.coach).post(
        reverse("charter:sponsor", args=[pilot.proeftuin.pk]), {"text": "Van de coach."}
    )
    assert response.status_code == 404
    assert not SponsorMessage.objects.exists()

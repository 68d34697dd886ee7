"""Where the learning pages send each role: the pilot home and the menu."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_participant_lands_on_mijn_leerpad_from_the_pilot_home(client_for, pilot):
    response = client_for(pilot.participant).get(
        reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard", args=[pilot.proeftuin.pk])


@pytest.mark.parametrize(
    ("who", "links", "absent"),
    [
        ("participant", ["Mijn leerpad", "Activiteiten", "Doelen", "Experimenten"], ["Deelnemers"]),
        ("coach", ["Deelnemers", "Vaardigheden"], ["Mijn leerpad"]),
        ("director", [], ["Mijn leerpad", "Deelnemers", "Vaardigheden"]),
    ],
)
def test_the_menu_shows_the_learning_links_of_each_role(client_for, pilot, who, links, absent):
    membership = getattr(pilot, who)
    response = client_for(membership).get(
        reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]), follow=True
    )
    nav = response.content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    for link in links:
        assert f">{link}</a>" in nav
    for link in absent:
        assert f">{link}</a>" not in nav

"""Form controls as every form of the site renders them."""

from django.urls import reverse


def test_a_list_to_choose_from_starts_with_kies_not_dashes(client_for, pilot):
    page = client_for(pilot.participant).get(
        reverse("learning:dashboard", args=[pilot.proeftuin.pk])
    )
    text = page.content.decode()
    assert '<option value="" selected>Kies …</option>' in text
    assert "---------" not in text

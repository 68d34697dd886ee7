"""Nothing the signed-in pages keep between requests outlives a withdrawn consent."""

import pytest
from django.urls import reverse

from proeftuin.privacy import who_sees
from tests.proeftuin.overview.test_pages import seed_known_pilot

pytestmark = pytest.mark.django_db


def test_a_withdrawn_sharing_consent_takes_effect_at_the_directors_next_page_view(client_for):
    seeded = seed_known_pilot(director_sees_individuals=True)
    sharer = seeded.people[0]
    who_sees.change_consent(user=sharer.user, membership_id=sharer.pk, share=True)
    client = client_for(seeded.director)
    overview = reverse("proeftuin:overview", args=[seeded.proeftuin.pk])
    assert "Deelnemer 1" in client.get(overview).content.decode()
    who_sees.change_consent(user=sharer.user, membership_id=sharer.pk, share=False)
    assert "Deelnemer 1" not in client.get(overview).content.decode()

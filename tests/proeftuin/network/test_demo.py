"""The demo holds five more organisations, so Diversion's director sees a full benchmark."""

import pytest
from django.core.management import call_command

from learning.models import Lesson
from proeftuin.models import Organisation, Proeftuin, Role
from proeftuin.network import benchmark
from proeftuin.network.demo import PEERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_the_demo_director_sees_the_benchmark_for_all_four_dimensions(demo, client_for):
    diversion = Proeftuin.objects.get(organisation__slug="diversion-demo")
    data = benchmark.benchmark_for(diversion.organisation)
    assert data.contributing
    assert len(data.rows) == 4
    for row in data.rows:
        assert not row.peers_baseline.suppressed, row.label
        assert not row.peers_now.suppressed, row.label
        assert row.peers_now.people == 6
        assert row.own_now is not None and not row.own_now.suppressed
    director = diversion.memberships.get(role=Role.DIRECTOR)
    text = client_for(director).get(f"/p/{diversion.pk}/vergelijking/").content.decode()
    assert "Nu tellen 6 organisaties mee" in text
    for peer in PEERS:
        assert peer.name not in text


def test_every_demo_peer_shares_a_package_with_approved_cases_and_an_open_contact_form(
    demo, client
):
    for peer in PEERS:
        pilot = Proeftuin.objects.get(organisation__slug=peer.slug)
        assert pilot.toolkit_shared_at is not None
        approved = Lesson.objects.filter(
            proeftuin=pilot,
            review=Lesson.Review.APPROVED,
            experiment__ethics_review__state="approved",
        )
        assert approved.count() >= 2
        page = client.get(f"/netwerk/{pilot.organisation_id}/contact/")
        assert page.status_code == 200
        assert "demo.example" not in page.content.decode()


def test_the_demo_peers_cannot_log_in(demo):
    for organisation in Organisation.objects.exclude(slug="diversion-demo"):
        for membership in organisation.proeftuinen.get().memberships.select_related("user"):
            assert not membership.user.has_usable_password()

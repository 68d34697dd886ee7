"""The shared library: a coach shares the pilot's package with members of other organisations."""

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Lesson
from proeftuin.models import AuditEvent, Proeftuin, Role
from tests.factories import MembershipFactory
from tests.pages import shows

pytestmark = pytest.mark.django_db


def share(pilot, client_for, action="share"):
    return client_for(pilot.coach).post(
        reverse("proeftuin:toolkit-publish", args=[pilot.proeftuin.pk]), {"action": action}
    )


def approved_lesson(pilot, text):
    Lesson.objects.create(
        proeftuin=pilot.proeftuin,
        author=pilot.participant,
        kind="good_practice",
        dimension="data_analysis",
        text="x",
        toolkit_text=text,
        review="approved",
        approved_at=timezone.now(),
    )


def test_a_shared_package_is_read_by_a_member_of_another_organisation(
    pilot, other_pilot, client_for
):
    approved_lesson(pilot, f"{pilot.participant.user.full_name} begon met een draaitabel.")
    share(pilot, client_for)
    reader = client_for(other_pilot.participant)
    listing = reader.get(reverse("proeftuin:library")).content.decode()
    url = reverse("proeftuin:library-package", args=[pilot.proeftuin.pk])
    assert f'href="{url}"' in listing
    page = reader.get(url)
    assert page.status_code == 200
    body = page.content.decode().split('<main id="main"')[1].split("</main>")[0]
    assert "begon met een draaitabel" in body
    for member in (pilot.participant, pilot.coach, pilot.director):
        assert not shows(body, member.user.full_name)
    pdf = reader.get(reverse("proeftuin:library-pdf", args=[pilot.proeftuin.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_a_package_not_shared_is_404_in_the_library(pilot, other_pilot, client_for):
    reader = client_for(other_pilot.coach)
    assert (
        "Nog geen gedeelde informatiepakketten."
        in reader.get(reverse("proeftuin:library")).content.decode()
    )
    for name in ("proeftuin:library-package", "proeftuin:library-pdf"):
        assert reader.get(reverse(name, args=[pilot.proeftuin.pk])).status_code == 404


def test_a_withdrawn_package_is_404_on_its_old_links_at_once(pilot, other_pilot, client_for):
    share(pilot, client_for)
    share(pilot, client_for, "withdraw")
    assert Proeftuin.objects.get(pk=pilot.proeftuin.pk).toolkit_shared_at is None
    reader = client_for(other_pilot.participant)
    for name in ("proeftuin:library-package", "proeftuin:library-pdf"):
        assert reader.get(reverse(name, args=[pilot.proeftuin.pk])).status_code == 404
    codes = list(
        AuditEvent.objects.filter(proeftuin=pilot.proeftuin, actor=pilot.coach.user)
        .order_by("at", "pk")
        .values_list("code", flat=True)
    )
    assert codes == ["toolkit.library_shared", "toolkit.library_withdrawn"]


@pytest.mark.parametrize("role", ["participant", "director"])
def test_only_the_coach_shares_the_package(pilot, client_for, role):
    response = client_for(getattr(pilot, role)).post(
        reverse("proeftuin:toolkit-publish", args=[pilot.proeftuin.pk]), {"action": "share"}
    )
    assert response.status_code == 404
    assert Proeftuin.objects.get(pk=pilot.proeftuin.pk).toolkit_shared_at is None


def test_the_library_needs_a_login(pilot, client_for, client):
    share(pilot, client_for)
    client.logout()
    response = client.get(reverse("proeftuin:library-package", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302


def test_an_outside_expert_does_not_read_the_library(pilot, other_pilot, client_for):
    # The expert sees the review they were invited to and nothing else: not their own pilot's
    # package through the library (its own page refuses them), nor another organisation's.
    share(pilot, client_for)
    share(other_pilot, client_for)
    for expert_pilot in (pilot, other_pilot):
        expert = MembershipFactory(proeftuin=expert_pilot.proeftuin, role=Role.EXPERT)
        reader = client_for(expert)
        assert reader.get(reverse("proeftuin:library")).status_code == 404
        for name in ("proeftuin:library-package", "proeftuin:library-pdf"):
            assert reader.get(reverse(name, args=[pilot.proeftuin.pk])).status_code == 404

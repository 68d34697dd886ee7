import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_member_sees_the_home_page_of_their_pilot(pilot, client_for):
    response = client_for(pilot.participant).get(
        reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]), follow=True
    )
    assert response.status_code == 200
    assert pilot.proeftuin.name in response.content.decode()


@pytest.mark.parametrize("role", ["participant", "coach", "director"])
def test_another_organisations_pilot_is_not_found_for_every_role(
    pilot, other_pilot, client_for, role
):
    response = client_for(getattr(pilot, role)).get(
        reverse("proeftuin:pilot-home", args=[other_pilot.proeftuin.pk])
    )
    assert response.status_code == 404
    assert other_pilot.proeftuin.name not in response.content.decode()


def test_a_pilot_that_does_not_exist_looks_the_same_as_one_of_another_organisation(
    pilot, other_pilot, client_for
):
    client = client_for(pilot.participant)
    missing = client.get(reverse("proeftuin:pilot-home", args=[999_999]))
    foreign = client.get(reverse("proeftuin:pilot-home", args=[other_pilot.proeftuin.pk]))
    assert missing.status_code == foreign.status_code == 404


def test_an_inactive_membership_gives_no_access(pilot, client_for):
    pilot.participant.is_active = False
    pilot.participant.save()
    response = client_for(pilot.participant).get(
        reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]), follow=True
    )
    assert response.status_code == 404


def test_only_the_coach_may_invite_people(pilot, client_for):
    url = reverse("proeftuin:invite", args=[pilot.proeftuin.pk])
    assert client_for(pilot.participant).get(url).status_code == 404
    assert client_for(pilot.director).get(url).status_code == 404
    assert client_for(pilot.coach).get(url).status_code == 200


def test_the_coach_of_another_organisation_cannot_invite_into_this_pilot(
    pilot, other_pilot, client_for
):
    response = client_for(other_pilot.coach).post(
        reverse("proeftuin:invite", args=[pilot.proeftuin.pk]),
        {"email": "x@example.org", "role": "participant"},
    )
    assert response.status_code == 404
    assert not pilot.proeftuin.invitations.exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(pilot, client):
    response = client.get(reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_sends_a_member_to_their_pilot(pilot, client_for):
    response = client_for(pilot.coach).get(reverse("proeftuin:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("proeftuin:pilot-home", args=[pilot.proeftuin.pk])


def test_home_of_someone_without_a_pilot_explains_what_comes_next(client_for):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(reverse("proeftuin:home"))
    assert response.status_code == 200
    assert "nog niet mee" in response.content.decode()

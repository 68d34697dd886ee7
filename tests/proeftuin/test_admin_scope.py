import pytest
from django.urls import reverse

from proeftuin.models import Membership
from tests.pages import shows

pytestmark = pytest.mark.django_db


def test_a_coach_sees_the_memberships_of_their_own_pilot_only(pilot, other_pilot, client_for):
    response = client_for(pilot.coach).get(reverse("admin:proeftuin_membership_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert shows(page, pilot.participant.user.full_name)
    assert not shows(page, other_pilot.participant.user.full_name)


def test_a_coach_cannot_open_another_pilots_membership_in_the_admin(pilot, other_pilot, client_for):
    url = reverse("admin:proeftuin_membership_change", args=[other_pilot.participant.pk])
    response = client_for(pilot.coach).get(url, follow=True)
    assert not shows(response.content.decode(), other_pilot.participant.user.full_name)
    assert (
        response.status_code in (302, 404)
        or "bestaat niet" in response.content.decode()
        or "doesn" in response.content.decode()
    )


def test_a_coach_cannot_reach_users_or_the_audit_log_in_the_admin(pilot, client_for):
    client = client_for(pilot.coach)
    assert client.get(reverse("admin:proeftuin_user_changelist")).status_code == 403
    assert client.get(reverse("admin:proeftuin_auditevent_changelist")).status_code == 403


def test_a_coach_can_deactivate_a_participant_of_their_pilot(pilot, client_for):
    membership = pilot.participant
    url = reverse("admin:proeftuin_membership_change", args=[membership.pk])
    response = client_for(pilot.coach).post(
        url,
        {
            "user": membership.user_id,
            "proeftuin": pilot.proeftuin.pk,
            "role": "participant",
            "joined_at_0": "2026-01-01",
            "joined_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(pk=membership.pk).is_active is False


def test_a_coach_cannot_move_someone_into_another_pilot(pilot, other_pilot, client_for):
    membership = pilot.participant
    url = reverse("admin:proeftuin_membership_change", args=[membership.pk])
    response = client_for(pilot.coach).post(
        url,
        {
            "user": membership.user_id,
            "proeftuin": other_pilot.proeftuin.pk,
            "role": "participant",
            "is_active": "on",
            "joined_at_0": "2026-01-01",
            "joined_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert Membership.objects.get(pk=membership.pk).proeftuin == pilot.proeftuin


def test_participants_and_directors_do_not_get_into_the_admin(pilot, client_for):
    for who in (pilot.participant, pilot.director):
        response = client_for(who).get(reverse("admin:index"))
        assert response.status_code == 302

"""The coach appoints ethics reviewers and ambassadors and invites an outside expert, audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from proeftuin.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"charter:{name}", args=[pilot.proeftuin.pk, *args])


def test_the_coach_appoints_an_ethics_reviewer_who_then_finds_the_waiting_reviews(
    pilot, client_for
):
    member = pilot.other_participant
    response = client_for(pilot.coach).post(
        _url("appoint", pilot, member.pk), {"is_ethics_reviewer": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_ethics_reviewer and not member.is_ambassador
    inbox = client_for(member).get(reverse("learning:ethics-inbox", args=[pilot.proeftuin.pk]))
    assert inbox.status_code == 200


def test_giving_and_withdrawing_a_task_is_in_the_persons_audit_trail(pilot, client_for):
    member = pilot.other_participant
    client = client_for(pilot.coach)
    client.post(_url("appoint", pilot, member.pk), {"is_ambassador": "on"})
    client.post(_url("appoint", pilot, member.pk), {})
    codes = list(
        AuditEvent.objects.filter(subject=member.user, action="appointed")
        .order_by("at", "pk")
        .values_list("code", flat=True)
    )
    assert codes == ["roles.ambassador_given", "roles.ambassador_withdrawn"]


def test_saving_the_same_tasks_again_records_nothing(pilot, client_for):
    client_for(pilot.coach).post(_url("appoint", pilot, pilot.participant.pk), {})
    assert not AuditEvent.objects.filter(action="appointed").exists()


def test_a_participant_cannot_appoint_themselves(pilot, client_for):
    response = client_for(pilot.participant).post(
        _url("appoint", pilot, pilot.participant.pk), {"is_ethics_reviewer": "on"}
    )
    assert response.status_code == 404
    pilot.participant.refresh_from_db()
    assert not pilot.participant.is_ethics_reviewer


def test_the_coach_invites_an_expert_to_a_waiting_review_and_the_expert_reads_only_that(
    pilot, client_for
):
    expert = factories.MembershipFactory(proeftuin=pilot.proeftuin, role="expert")
    experiment = factories.ExperimentFactory(owner=pilot.participant, title="Drukte")
    factories.EthicsReviewFactory(
        experiment=experiment, state="waiting", submitted_at=timezone.now()
    )
    response = client_for(pilot.coach).post(
        _url("invite-expert", pilot), {"expert": expert.pk, "experiment": experiment.pk}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        subject=expert.user, code="roles.expert_invited", params={"experiment": experiment.pk}
    ).exists()
    inbox = client_for(expert).get(reverse("learning:ethics-inbox", args=[pilot.proeftuin.pk]))
    assert "Drukte" in inbox.content.decode()


def test_an_expert_cannot_be_invited_to_a_review_that_does_not_wait(pilot, client_for):
    expert = factories.MembershipFactory(proeftuin=pilot.proeftuin, role="expert")
    experiment = factories.ExperimentFactory(owner=pilot.participant)
    factories.EthicsReviewFactory(experiment=experiment, state="draft")
    response = client_for(pilot.coach).post(
        _url("invite-expert", pilot), {"expert": expert.pk, "experiment": experiment.pk}
    )
    assert response.status_code == 400
    assert not experiment.ethics_review.invited_experts.exists()


def test_the_invitation_rule_refuses_a_draft_review_whoever_calls_it(pilot):
    from charter import services
    from proeftuin.errors import DomainError

    expert = factories.MembershipFactory(proeftuin=pilot.proeftuin, role="expert")
    review = factories.EthicsReviewFactory(
        experiment=factories.ExperimentFactory(owner=pilot.participant), state="draft"
    )
    with pytest.raises(DomainError) as refused:
        services.invite_expert_to_review(
            coach=pilot.coach, experiment=review.experiment, expert=expert
        )
    assert "experiment" in refused.value.errors
    assert not review.invited_experts.exists()

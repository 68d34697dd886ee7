"""The rules of logging in with the work account, without a provider: who gets in, when the
provider's second factor counts, which tokens are ours, and who may set a provider up."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from integrations import work_account
from integrations.models import WorkAccountProvider
from integrations.work_account import Refused
from proeftuin.models import Invitation, Role, User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(db):
    return WorkAccountProvider.objects.create(
        organisation=factories.OrganisationFactory(name="Gemeente Werkstad", slug="werkstad"),
        issuer="https://login.example/tenant/v2.0",
        client_id="onze-client",
        client_secret="geheim",
        allowed_domains="werk.example, Team.Werk.Example",
    )


def refusal_of(**kwargs) -> str:
    with pytest.raises(Refused) as refused:
        work_account.admit(**kwargs)
    return refused.value.reason


def test_the_providers_second_factor_never_counts_without_the_organisations_statement(provider):
    assert not work_account.provider_mfa_counts(provider, {"amr": ["pwd", "mfa"]})


def test_with_the_statement_a_token_without_amr_counts_as_a_second_factor(provider):
    provider.provider_enforces_mfa = True
    assert work_account.provider_mfa_counts(provider, {})


def test_with_the_statement_an_amr_of_only_a_password_does_not_count(provider):
    provider.provider_enforces_mfa = True
    assert not work_account.provider_mfa_counts(provider, {"amr": ["pwd"]})


def test_with_the_statement_an_amr_naming_a_one_time_code_or_key_counts(provider):
    provider.provider_enforces_mfa = True
    assert work_account.provider_mfa_counts(provider, {"amr": ["pwd", "otp"]})
    assert work_account.provider_mfa_counts(provider, {"amr": ["hwk"]})


def test_a_token_for_another_audience_is_not_ours(provider):
    with pytest.raises(Refused):
        work_account.check_audience(provider, {"aud": "iemand-anders"})


def test_a_token_for_several_audiences_is_ours_only_when_we_requested_it(provider):
    with pytest.raises(Refused):
        work_account.check_audience(provider, {"aud": ["onze-client", "ander"], "azp": "ander"})
    work_account.check_audience(provider, {"aud": ["onze-client", "ander"], "azp": "onze-client"})


def test_an_address_the_provider_says_is_unverified_is_refused(provider):
    factories.MembershipFactory(
        user=factories.UserFactory(email="anna@werk.example"),
        proeftuin=factories.ProeftuinFactory(organisation=provider.organisation),
    )
    assert (
        refusal_of(provider=provider, email="anna@werk.example", email_verified=False)
        == Refused.TOKEN
    )


def test_a_sub_domain_counts_only_when_it_is_named(provider):
    assert refusal_of(provider=provider, email="anna@elders.werk.example") == Refused.DOMAIN
    assert refusal_of(provider=provider, email="anna@team.werk.example") == Refused.UNKNOWN


def test_an_inactive_account_is_refused_even_with_a_membership(provider):
    membership = factories.MembershipFactory(
        user=factories.UserFactory(email="anna@werk.example", is_active=False),
        proeftuin=factories.ProeftuinFactory(organisation=provider.organisation),
    )
    assert refusal_of(provider=provider, email=membership.user.email) == Refused.UNKNOWN


def test_an_ended_membership_no_longer_lets_one_in(provider):
    factories.MembershipFactory(
        user=factories.UserFactory(email="anna@werk.example"),
        proeftuin=factories.ProeftuinFactory(organisation=provider.organisation),
        is_active=False,
    )
    assert refusal_of(provider=provider, email="anna@werk.example") == Refused.UNKNOWN


def test_an_expired_invitation_lets_nobody_in_and_makes_no_account(provider):
    Invitation.objects.create(
        email="nieuw@werk.example",
        proeftuin=factories.ProeftuinFactory(organisation=provider.organisation),
        role=Role.PARTICIPANT,
        token_hash="x" * 64,
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert refusal_of(provider=provider, email="nieuw@werk.example") == Refused.UNKNOWN
    assert not User.objects.filter(email="nieuw@werk.example").exists()


def test_the_e_mail_step_finds_a_provider_by_a_named_domain_in_any_case(provider):
    assert work_account.provider_for_email("Anna@TEAM.werk.example") == provider
    assert work_account.provider_for_email("anna@elders.example") is None


def test_an_unreachable_provider_gives_a_page_saying_so(client, provider):
    WorkAccountProvider.objects.update(issuer="http://127.0.0.1:9/o")
    answer = client.get(reverse("integrations:work-account-start", args=["werkstad"]))
    assert answer.status_code == 503
    assert "De inlogdienst van Gemeente Werkstad antwoordt nu niet" in answer.text


def test_only_an_instance_administrator_sees_the_providers_in_the_admin(
    client_for, pilot, provider, admin_user
):
    url = reverse("admin:integrations_workaccountprovider_changelist")
    assert client_for(pilot.coach).get(url).status_code == 403
    assert client_for(admin_user).get(url).status_code == 200
    change = reverse("admin:integrations_workaccountprovider_change", args=[provider.pk])
    assert client_for(pilot.coach).get(change).status_code == 404


def test_a_deactivated_account_loses_its_work_account_session(client, pilot):
    user = pilot.participant.user
    client.force_login(user, backend="integrations.work_account_auth.WorkAccountBackend")
    assert client.get(reverse("proeftuin:home")).status_code == 302
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not client.get(reverse("proeftuin:home")).wsgi_request.user.is_authenticated

"""Logging in with the work account, against the test provider process (tests/oidc_provider/).

The provider runs in its own process; the app is driven with Django's test client, and the
login and consent at the provider are posted as a browser would post them.
"""

from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrations.models import WorkAccountProvider
from proeftuin.models import Invitation, Membership, Role, User
from tests import factories
from tests.oidc_provider.fixture import provider_settings, sign_in_at_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(oidc_provider):
    organisation = factories.OrganisationFactory(name="Gemeente Werkstad", slug="werkstad")
    WorkAccountProvider.objects.create(
        organisation=organisation, **provider_settings(oidc_provider)
    )
    return organisation


@pytest.fixture
def werk_pilot(organisation):
    return factories.ProeftuinFactory(organisation=organisation)


def member(pilot, email, role=Role.PARTICIPANT):
    user = factories.UserFactory(email=email)
    return factories.MembershipFactory(user=user, proeftuin=pilot, role=role)


def work_account_login(client, email, *, organisation="werkstad", consent=True):
    """Start at our page, sign in at the provider, and come back; returns our last answer."""
    start = client.get(reverse("integrations:work-account-start", args=[organisation]))
    assert start.status_code == 302, start.content[:500]
    back = urlparse(sign_in_at_provider(start["Location"], email, consent=consent))
    return client.get(f"{back.path}?{back.query}")


def test_a_member_signs_in_with_the_work_account_and_lands_on_their_pilot(client, werk_pilot):
    member(werk_pilot, "deelnemer@werk.example")
    answer = work_account_login(client, "deelnemer@werk.example")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("proeftuin:home")
    home = client.get(reverse("proeftuin:home"), follow=True)
    assert home.wsgi_request.user.email == "deelnemer@werk.example"
    assert AccessLog.objects.filter(username="deelnemer@werk.example").exists()


def test_the_start_sends_the_browser_to_the_organisations_provider_with_pkce_and_nonce(
    client, organisation, oidc_provider
):
    answer = client.get(reverse("integrations:work-account-start", args=["werkstad"]))
    assert answer["Location"].startswith(oidc_provider + "/authorize/?")
    assert "code_challenge=" in answer["Location"] and "nonce=" in answer["Location"]
    assert (
        "redirect_uri=http%3A%2F%2Ftestserver%2Faccount%2Fwerkaccount-terug%2F"
        in (answer["Location"])
    )


def test_an_organisation_without_a_provider_has_no_work_account_page(client, db):
    factories.OrganisationFactory(slug="zonder")
    assert client.get("/account/werkaccount/zonder/").status_code == 404


def test_an_unknown_person_sees_a_clear_page_and_nothing_is_created(client, werk_pilot):
    users, memberships = User.objects.count(), Membership.objects.count()
    answer = work_account_login(client, "onbekend@werk.example")
    assert answer.status_code == 403
    assert "we kennen je nog niet als deelnemer van Gemeente Werkstad" in answer.text
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert not answer.wsgi_request.user.is_authenticated


def test_an_unknown_person_reads_the_refusal_in_english_when_they_chose_english(client, werk_pilot):
    client.cookies["django_language"] = "en"
    answer = work_account_login(client, "onbekend@werk.example")
    assert "we do not know you yet as a participant of Gemeente Werkstad" in answer.text


def test_an_invited_person_gets_their_account_and_role_at_the_first_work_account_login(
    client, werk_pilot
):
    from proeftuin.accounts import services

    services.invite(
        proeftuin=werk_pilot, email="nieuw@werk.example", role=Role.PARTICIPANT, invited_by=None
    )
    answer = work_account_login(client, "nieuw@werk.example")
    assert answer.status_code == 302
    user = User.objects.get(email="nieuw@werk.example")
    assert user.full_name == "Nina Nieuw"
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, proeftuin=werk_pilot, role=Role.PARTICIPANT)
    assert Invitation.objects.get(email="nieuw@werk.example").accepted_at is not None


def test_a_member_of_another_organisation_is_not_let_in_by_this_organisations_provider(
    client, organisation
):
    member(factories.ProeftuinFactory(), "deelnemer@werk.example")
    answer = work_account_login(client, "deelnemer@werk.example")
    assert answer.status_code == 403
    assert not answer.wsgi_request.user.is_authenticated


def test_anyone_of_an_allowed_domain_gets_an_account_when_the_organisation_chose_so(
    client, werk_pilot
):
    WorkAccountProvider.objects.update(admit_whole_domain=True)
    answer = work_account_login(client, "onbekend@werk.example")
    assert answer.status_code == 302
    user = User.objects.get(email="onbekend@werk.example")
    assert not Membership.objects.filter(user=user).exists()


def test_a_foreign_e_mail_domain_is_refused_even_for_a_member(client, werk_pilot):
    member(werk_pilot, "iemand@elders.example")
    answer = work_account_login(client, "iemand@elders.example")
    assert answer.status_code == 403
    assert "hoort niet bij de domeinen die Gemeente Werkstad" in answer.text
    assert not answer.wsgi_request.user.is_authenticated


def test_an_id_token_for_another_audience_is_refused(client, werk_pilot):
    member(werk_pilot, "ander-publiek@werk.example")
    answer = work_account_login(client, "ander-publiek@werk.example")
    assert answer.status_code == 403
    assert "kon niet worden vertrouwd" in answer.text
    assert not answer.wsgi_request.user.is_authenticated


def test_an_expired_id_token_is_refused(client, werk_pilot):
    member(werk_pilot, "verlopen@werk.example")
    answer = work_account_login(client, "verlopen@werk.example")
    assert answer.status_code == 403
    assert "kon niet worden vertrouwd" in answer.text
    assert not answer.wsgi_request.user.is_authenticated


def test_cancelling_at_the_provider_says_so_and_signs_nobody_in(client, werk_pilot):
    member(werk_pilot, "deelnemer@werk.example")
    answer = work_account_login(client, "deelnemer@werk.example", consent=False)
    assert answer.status_code == 403
    assert "afgebroken" in answer.text


def test_a_refused_login_counts_as_a_failed_login_of_that_address(client, werk_pilot):
    work_account_login(client, "onbekend@werk.example")
    assert AccessAttempt.objects.filter(username="onbekend@werk.example").exists()


def test_an_address_locked_out_by_wrong_passwords_cannot_sign_in_with_the_work_account(
    client, werk_pilot, settings
):
    member(werk_pilot, "deelnemer@werk.example")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "deelnemer@werk.example", "password": "nee"})
    answer = work_account_login(client, "deelnemer@werk.example")
    assert answer.status_code == 429
    assert "Te veel pogingen" in answer.text
    assert not answer.wsgi_request.user.is_authenticated


def test_a_coach_is_still_asked_for_our_code_when_the_organisation_states_no_provider_mfa(
    client, werk_pilot
):
    member(werk_pilot, "coach@werk.example", role=Role.COACH)
    work_account_login(client, "coach@werk.example")
    page = client.get(reverse("proeftuin:pilot-home", args=[werk_pilot.pk]))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("proeftuin:two-factor-setup")) or page[
        "Location"
    ].startswith(reverse("proeftuin:two-factor-verify"))


def test_the_providers_second_factor_counts_when_stated_and_shown_in_amr(client, werk_pilot):
    WorkAccountProvider.objects.update(provider_enforces_mfa=True)
    member(werk_pilot, "coach@werk.example", role=Role.COACH)
    work_account_login(client, "coach@werk.example")
    page = client.get(reverse("proeftuin:pilot-home", args=[werk_pilot.pk]))
    assert page.status_code == 200
    assert not TOTPDevice.objects.filter(user__email="coach@werk.example").exists()


def test_the_providers_statement_counts_when_its_tokens_send_no_amr(client, werk_pilot):
    WorkAccountProvider.objects.update(provider_enforces_mfa=True)
    member(werk_pilot, "coach-zonder-amr@werk.example", role=Role.COACH)
    work_account_login(client, "coach-zonder-amr@werk.example")
    page = client.get(reverse("proeftuin:pilot-home", args=[werk_pilot.pk]))
    assert page.status_code == 200


def test_a_coach_whose_amr_shows_only_a_password_is_asked_for_our_code_despite_the_statement(
    client, werk_pilot
):
    WorkAccountProvider.objects.update(provider_enforces_mfa=True)
    member(werk_pilot, "coach-pwd@werk.example", role=Role.COACH)
    work_account_login(client, "coach-pwd@werk.example")
    page = client.get(reverse("proeftuin:pilot-home", args=[werk_pilot.pk]))
    assert page.status_code == 302
    assert "/account/2fa/" in page["Location"]


def test_password_login_keeps_working_beside_the_work_account(client, werk_pilot):
    membership = member(werk_pilot, "deelnemer@werk.example")
    answer = client.post(
        reverse("login"),
        {"username": membership.user.email, "password": factories.PASSWORD},
    )
    assert answer.status_code == 302
    assert client.get(reverse("proeftuin:home")).wsgi_request.user == membership.user


def test_the_e_mail_step_finds_the_organisation_by_the_domain_of_the_address(client, organisation):
    answer = client.post(reverse("integrations:work-account"), {"email": "Iemand@Werk.Example"})
    assert answer.status_code == 302
    assert answer["Location"].startswith("/account/werkaccount/werkstad/?login_hint=")


def test_the_e_mail_step_says_so_when_no_organisation_uses_that_domain(client, organisation):
    answer = client.post(reverse("integrations:work-account"), {"email": "iemand@elders.example"})
    assert answer.status_code == 200
    assert "inloggen met een werkaccount niet ingesteld" in answer.text


def test_the_login_page_offers_the_work_account(client, db):
    assert reverse("integrations:work-account") in client.get(reverse("login")).text


def test_a_new_coach_signs_in_with_the_work_account_makes_a_token_and_reads_the_overview(
    client, werk_pilot
):
    """The issue's whole chain: work account, a personal token, the overview through the API."""
    WorkAccountProvider.objects.update(provider_enforces_mfa=True)
    member(werk_pilot, "coach@werk.example", role=Role.COACH)
    assert work_account_login(client, "coach@werk.example").status_code == 302
    made = client.post(
        reverse("integrations:token-create"),
        {"name": "Power BI", "proeftuin": werk_pilot.pk, "access": "read", "days": "90"},
    )
    assert made.status_code == 200, made.content[:500]
    secret = made.context["secret"]
    api = Client()  # another tool: no session, only the token
    figures = api.get(
        f"/api/v1/pilots/{werk_pilot.pk}/overview/", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert figures.status_code == 200
    assert figures.json()["pilot"] == werk_pilot.pk
    assert any(row["label"] == "deelnemers in totaal" for row in figures.json()["figures"])
    assert api.get(f"/api/v1/pilots/{werk_pilot.pk}/overview/").status_code in (401, 403)

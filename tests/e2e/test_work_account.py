"""Logging in with the work account in a browser, against the test provider process."""

import pytest
from playwright.sync_api import expect

from integrations.models import WorkAccountProvider
from proeftuin.models import Role, User
from tests import factories
from tests.oidc_provider.fixture import provider_settings
from tests.oidc_provider.people import PASSWORD

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def werk_pilot(oidc_provider):
    organisation = factories.OrganisationFactory(name="Gemeente Werkstad", slug="werkstad")
    WorkAccountProvider.objects.create(
        organisation=organisation, **provider_settings(oidc_provider)
    )
    return factories.ProeftuinFactory(organisation=organisation)


def sign_in_with_work_account(page, email: str) -> None:
    """From our login page through the provider's login and consent, back to us."""
    page.goto(page.base_url + "/account/login/")
    page.get_by_role("link", name="Inloggen met je werkaccount").click()
    check_accessibility(page)
    page.get_by_label("E-mailadres van je werk").fill(email)
    page.get_by_role("button", name="Verder").click()
    # At the provider: its own login page, then its question whether we may know who this is.
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()
    expect(page.get_by_text("Application requires the following permissions")).to_be_visible()
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state()


def test_a_participant_signs_in_with_the_work_account_and_sees_their_learning_path(
    page, werk_pilot
):
    factories.MembershipFactory(
        user=factories.UserFactory(email="deelnemer@werk.example", full_name="Dirk Deelnemer"),
        proeftuin=werk_pilot,
        role=Role.PARTICIPANT,
    )
    sign_in_with_work_account(page, "deelnemer@werk.example")
    assert f"/p/{werk_pilot.pk}/" in page.url
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    check_accessibility(page)


def test_an_unknown_person_is_told_why_and_no_account_is_made(page, werk_pilot):
    sign_in_with_work_account(page, "onbekend@werk.example")
    expect(page.get_by_role("heading", name="Je bent niet ingelogd")).to_be_visible()
    expect(page.get_by_text("we kennen je nog niet als deelnemer")).to_be_visible()
    check_accessibility(page)
    assert not User.objects.filter(email="onbekend@werk.example").exists()


def test_a_coach_without_the_organisations_mfa_statement_still_sets_up_our_second_factor(
    page, werk_pilot
):
    factories.MembershipFactory(
        user=factories.UserFactory(email="coach@werk.example"),
        proeftuin=werk_pilot,
        role=Role.COACH,
    )
    sign_in_with_work_account(page, "coach@werk.example")
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()

import json

import pytest
from playwright.sync_api import expect

from proeftuin.models import ConsentRecord, Membership

from .conftest import go_to, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_sees_who_sees_their_data_shares_with_the_director_and_downloads_it(
    page, demo
):
    log_in(page, "participant1@demo.example")
    go_to(page, "Wie ziet mijn gegevens?")
    expect(page.get_by_role("heading", name="Wie ziet mijn gegevens?", level=1)).to_be_visible()
    expect(page.get_by_text("ziet alleen totalen over minstens").first).to_be_visible()

    page.get_by_label("Deel mijn voortgang op naam met de directeur").check()
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("op naam gedeeld")
    expect(page.get_by_text("Toestemming gegeven op")).to_be_visible()
    membership = Membership.objects.get(user__email="participant1@demo.example")
    assert membership.shares_progress_with_director
    assert ConsentRecord.objects.filter(membership=membership, given=True).exists()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download mijn gegevens").click()
    download = info.value
    assert download.suggested_filename.startswith("mijn-gegevens-")
    export = json.loads(open(download.path(), encoding="utf-8").read())
    assert export["person"]["email"] == "participant1@demo.example"
    assert export["data"]["proeftuin.consentrecord"]["records"][-1]["given"] is True
    assert "participant2@demo.example" not in json.dumps(export)

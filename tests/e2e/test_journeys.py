import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("email", "landmark"),
    [
        ("participant1@demo.example", "Proeftuin datagedreven werken"),
        ("coach@demo.example", "Wie doen er mee"),
        ("director@demo.example", "Proeftuin datagedreven werken"),
    ],
)
def test_each_role_logs_in_reaches_its_home_page_and_logs_out(page, demo, email, landmark):
    log_in(page, email)
    expect(page.get_by_text(landmark).first).to_be_visible()
    # Participants land on "Mijn leerpad", directors on the overview, coaches on the pilot home.
    expect(page).to_have_url(re.compile(r"/p/\d+/(leerpad/|overzicht/)?$"))
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_a_wrong_password_is_announced_on_the_login_page(page, demo):
    log_in(page, "participant1@demo.example", password="verkeerd")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("e-mailadres")

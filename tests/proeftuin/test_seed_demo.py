import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from proeftuin.models import Membership, Role

pytestmark = pytest.mark.django_db


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"proeftuin", "learning", "workshops", "notifications"}
    }


def test_seed_demo_creates_the_demo_pilot_with_its_people():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    memberships = Membership.objects.filter(proeftuin__organisation__name="Diversion (demo)")
    assert memberships.filter(role=Role.PARTICIPANT).count() == 12
    assert memberships.filter(role=Role.COACH).get().user.email == "coach@demo.example"
    assert memberships.filter(role=Role.DIRECTOR).get().user.email == "director@demo.example"


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    before = _row_counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _row_counts() == before


@pytest.mark.parametrize(
    "email", ["coach@demo.example", "director@demo.example", "participant1@demo.example"]
)
def test_every_demo_login_works_with_the_demo_password(email):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    client = Client()
    response = client.post(
        reverse("login"), {"username": email, "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home"), follow=True).status_code == 200

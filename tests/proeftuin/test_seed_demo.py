from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from proeftuin.management.commands import seed_demo
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
    assert client.get(reverse("proeftuin:home"), follow=True).status_code == 200


@pytest.mark.parametrize("module_name", seed_demo.APP_SEEDERS)
def test_every_demo_seeder_module_imports_and_offers_seed(module_name):
    assert callable(import_module(module_name).seed)


def test_a_missing_demo_seeder_module_stops_seed_demo_naming_it_before_writing(monkeypatch):
    monkeypatch.setattr(seed_demo, "APP_SEEDERS", [*seed_demo.APP_SEEDERS, "workshops.demo_old"])
    with pytest.raises(CommandError, match=r"workshops\.demo_old"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert not Membership.objects.exists()

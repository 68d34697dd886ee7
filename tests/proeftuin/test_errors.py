"""One domain-error base: shown once on forms, answered once as an API 400, always translated."""

import json

import pytest
from django import forms
from django.urls import reverse
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from learning.services import Invalid
from notifications.services import RuleNotAvailable
from proeftuin.accounts.second_factor import InvalidCode
from proeftuin.accounts.services import InvitationError
from proeftuin.errors import DomainError, add_to_form
from proeftuin.measurement import MeasurementError
from proeftuin.privacy import ConsentNotPossible, ErasureRefused
from proeftuin.toolkit import LessonNotAnonymous
from workshops.models import Session
from workshops.services import WorkshopError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind",
    [
        Invalid,
        WorkshopError,
        MeasurementError,
        InvitationError,
        ErasureRefused,
        ConsentNotPossible,
        InvalidCode,
        LessonNotAnonymous,
        RuleNotAvailable,
    ],
)
def test_every_domain_exception_of_the_services_is_a_domain_error(kind):
    assert issubclass(kind, DomainError)


class _Form(forms.Form):
    on = forms.DateField()
    service_fields = {"starts_at": "on"}


def test_a_domain_error_lands_on_the_field_it_names_or_above_the_form():
    form = _Form(data={"on": "2026-03-01"})
    form.is_valid()
    add_to_form(
        form, DomainError(errors={"starts_at": "Te vroeg.", "elders": "Kan niet.", None: "Nee."})
    )
    assert form.errors == {"on": ["Te vroeg."], "__all__": ["Kan niet.", "Nee."]}


class _Raising(APIView):
    permission_classes: list = []
    authentication_classes: list = []

    def post(self, request):
        raise WorkshopError("Er moet minstens één plaats zijn.", field="capacity")


def test_the_api_answers_a_domain_error_with_400_naming_its_field():
    response = _Raising.as_view()(APIRequestFactory().post("/", {}, format="json"))
    assert response.status_code == 400
    assert response.data == {"capacity": ["Er moet minstens één plaats zijn."]}


def test_a_domain_error_without_a_field_is_a_non_field_error_in_the_api():
    error = DomainError("Deze bijeenkomst is al geannuleerd.")
    assert error.as_api_detail() == {"non_field_errors": ["Deze bijeenkomst is al geannuleerd."]}


def test_a_service_rule_broken_through_the_api_names_the_field_and_writes_nothing(
    pilot, client_for
):
    body = {
        "kind": "workshop",
        "title": "Datagedreven werken",
        "location": "Zaal 1",
        "starts_at": "2030-03-05T13:00:00+01:00",
        "ends_at": "2030-03-05T12:00:00+01:00",
    }
    response = client_for(pilot.coach).post(
        f"/api/v1/pilots/{pilot.proeftuin.pk}/sessions/",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"ends_at": ["Het einde moet na het begin liggen."]}
    assert not Session.objects.exists()


def test_an_english_reader_gets_the_validators_messages_in_english(pilot, client_for):
    pilot.director.user.language = "en"
    pilot.director.user.save()
    url = reverse("proeftuin:overview", args=[pilot.proeftuin.pk]) + "?van=0001-01"
    response = client_for(pilot.director).get(url)
    assert response.status_code == 400
    assert "<code>van</code>: Choose a month between January 2000 and" in response.text

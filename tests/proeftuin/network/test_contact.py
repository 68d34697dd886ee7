"""Contact between organisations: mailed to the holders of the contact role, the sender's address
only in Reply-To, no address on any page, rate limited, 404 when the form is off."""

import pytest
from django.core import mail
from django.core.cache import cache

from proeftuin.models import AuditEvent, ContactPoint
from proeftuin.network import services
from tests import factories

pytestmark = pytest.mark.django_db

MESSAGE = {
    "name": "Fatima de Wit",
    "organisation": "Buurtwerk Noord",
    "email": "fatima@buurtwerk.example",
    "message": "Hoe hebben jullie de privacy in het jongerenprogramma geregeld?",
}


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()  # the throttle counts per address in the cache; each test starts at zero
    yield
    cache.clear()


@pytest.fixture
def open_point(pilot):
    second_coach = factories.CoachFactory(proeftuin=pilot.proeftuin)
    services.set_contact_point(
        proeftuin=pilot.proeftuin, actor=pilot.director.user, role="coach", is_open=True
    )
    return pilot, [pilot.coach, second_coach]


def _url(pilot):
    return f"/netwerk/{pilot.proeftuin.organisation_id}/contact/"


def test_a_message_is_mailed_to_each_coach_with_the_sender_in_reply_to(client, open_point):
    pilot, coaches = open_point
    response = client.post(_url(pilot), MESSAGE)
    assert response.status_code == 200
    assert "Je bericht is verstuurd" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.user.email for c in coaches)
    for message in mail.outbox:
        assert message.subject == "Een bericht van Fatima de Wit via het proeftuinplatform"
        assert message.reply_to == ["fatima@buurtwerk.example"]
        assert "fatima@buurtwerk.example" not in message.body
        assert "privacy in het jongerenprogramma" in message.body
        assert len(message.to) == 1


def test_the_contact_page_shows_no_address_nor_name_of_the_people_behind_it(client, open_point):
    pilot, coaches = open_point
    text = client.get(_url(pilot)).content.decode()
    assert "de coach van deze proeftuin" in text
    for person in [*coaches, pilot.director]:
        assert person.user.email not in text
        assert person.user.full_name not in text
    sent = client.post(_url(pilot), MESSAGE).content.decode()
    assert MESSAGE["email"] not in sent


def test_an_organisation_with_the_form_off_answers_404(client, pilot):
    assert client.get(_url(pilot)).status_code == 404
    services.set_contact_point(
        proeftuin=pilot.proeftuin, actor=pilot.director.user, role="coach", is_open=False
    )
    assert client.get(_url(pilot)).status_code == 404
    assert client.post(_url(pilot), MESSAGE).status_code == 404
    assert mail.outbox == []


def test_an_unknown_organisation_answers_404(client, db):
    assert client.get("/netwerk/999999/contact/").status_code == 404


@pytest.mark.parametrize(
    "field,value",
    [
        ("email", "geen-adres"),
        ("message", ""),
        ("name", "Fatima\nBcc: iedereen@example.org"),
        ("message", "x" * 3001),
    ],
)
def test_bad_input_is_a_form_error_and_sends_nothing(client, open_point, field, value):
    pilot, _coaches = open_point
    response = client.post(_url(pilot), {**MESSAGE, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert mail.outbox == []


def test_the_sixth_message_within_the_hour_is_refused(client, open_point):
    pilot, coaches = open_point
    for _ in range(5):
        assert client.post(_url(pilot), MESSAGE).status_code == 200
    response = client.post(_url(pilot), MESSAGE)
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert len(mail.outbox) == 5 * len(coaches)


def test_the_director_chooses_the_role_and_switches_the_form_on_audited(client_for, pilot):
    client = client_for(pilot.director)
    url = f"/p/{pilot.proeftuin.pk}/contactpunt/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "director", "is_open": "on"})
    assert response.status_code == 302
    point = ContactPoint.objects.get(organisation=pilot.proeftuin.organisation)
    assert (point.role, point.is_open) == ("director", True)
    client.post(url, {"role": "director"})
    events = AuditEvent.objects.filter(actor=pilot.director.user).order_by("at", "pk")
    codes = list(events.values_list("code", flat=True))
    assert codes == ["network.contact_opened", "network.contact_closed"]


def test_a_message_to_the_director_role_reaches_the_director(client, pilot):
    services.set_contact_point(
        proeftuin=pilot.proeftuin, actor=pilot.director.user, role="director", is_open=True
    )
    client.post(_url(pilot), MESSAGE)
    assert [m.to for m in mail.outbox] == [[pilot.director.user.email]]


def test_an_unknown_role_is_a_form_error(client_for, pilot):
    url = f"/p/{pilot.proeftuin.pk}/contactpunt/"
    response = client_for(pilot.director).post(url, {"role": "participant", "is_open": "on"})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not ContactPoint.objects.exists()


@pytest.mark.parametrize("role", ["coach", "participant"])
def test_only_the_director_sets_the_contact_point(client_for, pilot, role):
    url = f"/p/{pilot.proeftuin.pk}/contactpunt/"
    response = client_for(getattr(pilot, role)).post(url, {"role": "coach", "is_open": "on"})
    assert response.status_code == 404
    assert not ContactPoint.objects.exists()

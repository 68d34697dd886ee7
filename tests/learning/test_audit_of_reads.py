"""A coach's read of a participant's data is recorded alike through the pages and the API."""

import pytest
from django.urls import reverse

from proeftuin.models import AuditEvent
from tests import factories
from tests.pages import shows

pytestmark = pytest.mark.django_db


def _api(pilot, path):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


def _page(pilot, name, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _seen_by(client_for, member) -> list[tuple[str, str, str]]:
    """(who, did what, to what) as the member reads them on "Wie ziet mijn gegevens?"."""
    response = client_for(member).get(reverse("proeftuin:privacy"))
    return [(e.actor, e.action, e.what) for e in response.context["events"]]


def _coach_reads(client_for, pilot, url):
    response = client_for(pilot.coach).get(url)
    assert response.status_code == 200, url
    return response


def test_a_coach_reading_a_goal_through_the_api_shows_on_the_participants_privacy_page(
    client_for, pilot, goal
):
    _coach_reads(client_for, pilot, _api(pilot, f"goals/{goal.pk}/"))
    page = client_for(pilot.participant).get(reverse("proeftuin:privacy")).content.decode()
    assert shows(page, f"{pilot.coach.user.display_name} (coach)")
    assert "<td>bekeken</td><td>leerdoel" in page


@pytest.mark.parametrize(
    ("page", "api"),
    [(("goal",), "goals/{pk}/"), (("experiment",), "experiments/{pk}/")],
    ids=["goal", "experiment"],
)
def test_a_coach_reading_through_the_api_records_what_the_page_records(
    client_for, pilot, goal, experiment, page, api
):
    pk = goal.pk if page == ("goal",) else experiment.pk
    _coach_reads(client_for, pilot, _page(pilot, *page, pk))
    through_the_page = _seen_by(client_for, pilot.participant)
    AuditEvent.objects.all().delete()
    _coach_reads(client_for, pilot, _api(pilot, api.format(pk=pk)))
    through_the_api = _seen_by(client_for, pilot.participant)
    assert len(through_the_api) == 1
    assert through_the_api == through_the_page


def test_a_coach_reading_an_activity_through_the_api_is_recorded(client_for, pilot, activity):
    _coach_reads(client_for, pilot, _api(pilot, f"activities/{activity.pk}/"))
    assert _seen_by(client_for, pilot.participant) == [
        (f"{pilot.coach.user.display_name} (coach)", "bekeken", "leeractiviteit")
    ]


@pytest.mark.parametrize(
    ("path", "make", "sentence"),
    [
        ("goals/", lambda m: factories.GoalFactory(membership=m), "leerdoelen"),
        ("activities/", lambda m: factories.ActivityFactory(membership=m), "leeractiviteiten"),
        (
            "experiments/",
            lambda m: factories.ExperimentFactory(owner=m),
            "praktijkexperimenten",
        ),
    ],
    ids=["goals", "activities", "experiments"],
)
def test_a_coach_listing_through_the_api_records_one_event_per_participant_listed(
    client_for, pilot, path, make, sentence
):
    make(pilot.participant)
    make(pilot.participant)
    make(pilot.other_participant)
    _coach_reads(client_for, pilot, _api(pilot, path))
    coach = f"{pilot.coach.user.display_name} (coach)"
    assert _seen_by(client_for, pilot.participant) == [
        (coach, "bekeken", f"{sentence} in een lijst (2)")
    ]
    assert _seen_by(client_for, pilot.other_participant) == [
        (coach, "bekeken", f"{sentence} in een lijst (1)")
    ]
    assert _seen_by(client_for, pilot.third_participant) == []  # nothing of theirs was listed
    assert AuditEvent.objects.count() == 2


def test_a_participant_reading_their_own_data_through_the_api_records_nothing(
    client_for, pilot, goal, activity, experiment
):
    client = client_for(pilot.participant)
    for path in (
        "goals/",
        f"goals/{goal.pk}/",
        "activities/",
        f"activities/{activity.pk}/",
        "experiments/",
        f"experiments/{experiment.pk}/",
    ):
        assert client.get(_api(pilot, path)).status_code == 200
    assert not AuditEvent.objects.exists()


def test_a_coach_commenting_through_the_api_records_the_read_of_the_goal(client_for, pilot, goal):
    response = client_for(pilot.coach).post(
        _api(pilot, f"goals/{goal.pk}/comments/"),
        {"text": "Mooi tempo!"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert [what for _who, _did, what in _seen_by(client_for, pilot.participant)] == ["leerdoel"]

"""Evidence links: http(s) only, on activities and check-ins, seen wherever the goal is."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import GoalCheckIn, LearningActivity
from proeftuin.privacy.export import rows_about
from tests import factories

pytestmark = pytest.mark.django_db

LINK = "https://docs.example.org/draaitabel-klantvragen"


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _api(pilot, path):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


def _check_in(client, pilot, goal, **data):
    form = {"level": 2, "note": "Gelukt", "on": timezone.localdate().isoformat(), **data}
    return client.post(_url("goal-check-in", pilot, goal.pk), form)


def test_a_participant_attaches_a_link_to_a_check_in_and_the_coach_sees_it(client_for, pilot, goal):
    response = _check_in(client_for(pilot.participant), pilot, goal, evidence_url=LINK)
    assert response.status_code == 302
    assert GoalCheckIn.objects.get().evidence_url == LINK
    coach = client_for(pilot.coach)
    for page in (_url("goal", pilot, goal.pk), _url("participant", pilot, pilot.participant.pk)):
        html = coach.get(page).content.decode()
        assert f'href="{LINK}"' in html
        assert "Bewijs op docs.example.org" in html


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "ftp://bestanden.example.org/a.xlsx", "data:text/html,hoi", "geen"],
)
def test_a_link_that_is_not_http_or_https_is_refused_on_the_check_in_form(
    client_for, pilot, goal, link
):
    response = _check_in(client_for(pilot.participant), pilot, goal, evidence_url=link)
    assert response.status_code == 200
    assert "http:// of https://" in response.context["check_in_form"].errors["evidence_url"][0]
    assert not GoalCheckIn.objects.exists()


def test_the_api_refuses_a_check_in_link_that_is_not_a_web_link_and_names_the_field(
    client_for, pilot, goal
):
    response = client_for(pilot.participant).post(
        _api(pilot, f"goals/{goal.pk}/check-ins/"),
        {"level": 2, "evidence_url": "javascript:alert(1)"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "evidence_url" in response.json()
    assert not GoalCheckIn.objects.exists()


def test_the_api_gives_the_link_of_a_check_in(client_for, pilot, goal):
    client_for(pilot.participant).post(
        _api(pilot, f"goals/{goal.pk}/check-ins/"),
        {"level": 2, "evidence_url": LINK},
        content_type="application/json",
    )
    data = client_for(pilot.coach).get(_api(pilot, f"goals/{goal.pk}/")).json()
    assert data["check_ins"][0]["evidence_url"] == LINK


def test_an_activity_link_of_another_scheme_is_refused_by_the_api(client_for, pilot):
    response = client_for(pilot.participant).post(
        _api(pilot, "activities/"),
        {"kind": "reading", "minutes": 20, "title": "Gelezen", "evidence_url": "ftp://x.org/a"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "evidence_url" in response.json()
    assert not LearningActivity.objects.exists()


def test_the_activity_list_and_the_goal_show_the_activitys_link(client_for, pilot, goal):
    activity = factories.ActivityFactory(membership=pilot.participant, evidence_url=LINK)
    activity.goals.add(goal)
    client = client_for(pilot.participant)
    for page in (_url("activities", pilot), _url("goal", pilot, goal.pk)):
        assert f'href="{LINK}"' in client.get(page).content.decode()


def test_a_stored_value_that_is_not_a_web_link_is_not_made_clickable(client_for, pilot, goal):
    factories.CheckInFactory(goal=goal, level=2, evidence_url="javascript:alert(1)")
    html = client_for(pilot.coach).get(_url("goal", pilot, goal.pk)).content.decode()
    assert "javascript:alert" not in html


def test_the_coachs_csv_has_the_evidence_links_of_each_goal(client_for, pilot, goal):
    factories.CheckInFactory(goal=goal, level=2, evidence_url=LINK)
    activity = factories.ActivityFactory(
        membership=pilot.participant, evidence_url="https://example.org/verslag"
    )
    activity.goals.add(goal)
    response = client_for(pilot.coach).get(_url("participants-csv", pilot))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("Bewijs")
    assert rows[1][column] == f"{LINK} https://example.org/verslag"


def test_the_privacy_export_holds_the_link_of_a_check_in(pilot, goal):
    factories.CheckInFactory(goal=goal, level=2, evidence_url=LINK)
    rows = rows_about(pilot.participant.user, "learning.goalcheckin")
    assert rows[0]["evidence_url"] == LINK

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import LearningActivity
from tests import factories

pytestmark = pytest.mark.django_db

# Inside the accepted dates, beyond the one year ahead a learning date may lie.
TWO_YEARS_AHEAD = (timezone.localdate() + timedelta(days=730)).isoformat()


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _form(**overrides):
    data = {
        "kind": "lunch_lecture",
        "on": timezone.localdate().isoformat(),
        "minutes": 45,
        "title": "Lunchlezing over de AVG",
    }
    return {**data, **overrides}


def test_the_log_form_defaults_to_today(client_for, pilot):
    response = client_for(pilot.participant).get(_url("activity-create", pilot))
    assert response.context["form"]["on"].value() == timezone.localdate().isoformat()


def test_a_participant_logs_an_activity_with_skills_goals_and_a_link(
    client_for, pilot, skill, goal
):
    response = client_for(pilot.participant).post(
        _url("activity-create", pilot),
        _form(
            reflection="Alleen vragen wat je nodig hebt.",
            skills=[skill.pk],
            goals=[goal.pk],
            evidence_url="https://example.org/avg",
        ),
    )
    assert response.status_code == 302
    activity = LearningActivity.objects.get()
    assert activity.membership == pilot.participant
    assert list(activity.skills.all()) == [skill]
    assert list(activity.goals.all()) == [goal]
    assert activity.evidence_url == "https://example.org/avg"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"minutes": 0}, "minutes", "tussen 1 en 1440"),
        ({"minutes": 1441}, "minutes", "tussen 1 en 1440"),
        ({"on": TWO_YEARS_AHEAD}, "on", "niet meer dan een jaar vooruit"),
        ({"title": ""}, "title", "Dit veld is vereist"),
        ({"kind": "party"}, "kind", "geldige keuze"),
        ({"evidence_url": "geen link"}, "evidence_url", "http:// of https://"),
    ],
)
def test_an_activity_that_breaks_a_rule_is_refused_at_its_field(
    client_for, pilot, overrides, field, message
):
    response = client_for(pilot.participant).post(
        _url("activity-create", pilot), _form(**overrides)
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not LearningActivity.objects.exists()


def test_a_skill_of_another_organisation_or_someone_elses_goal_cannot_be_linked(
    client_for, pilot, other_skill
):
    other_goal = factories.GoalFactory(membership=pilot.other_participant)
    response = client_for(pilot.participant).post(
        _url("activity-create", pilot), _form(skills=[other_skill.pk], goals=[other_goal.pk])
    )
    errors = response.context["form"].errors
    assert "skills" in errors and "goals" in errors
    assert not LearningActivity.objects.exists()


def test_the_quick_form_on_the_dashboard_logs_and_returns_with_a_message(client_for, pilot):
    response = client_for(pilot.participant).post(
        _url("quick-log", pilot),
        _form(title="Draaitabel gemaakt van klanttevredenheid"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == _url("dashboard", pilot)
    page = response.content.decode()
    assert "Activiteit vastgelegd" in page
    assert "Draaitabel gemaakt van klanttevredenheid" in page
    assert LearningActivity.objects.get().minutes == 45


def test_a_quick_log_without_a_title_is_named_after_its_kind(client_for, pilot):
    client = client_for(pilot.participant)
    page = client.get(_url("dashboard", pilot)).content.decode()
    assert 'type="radio" name="kind" value="reading"' in page  # one tap per kind
    assert 'name="minutes" value="30"' in page  # half an hour unless changed
    response = client.post(_url("quick-log", pilot), _form(title="", kind="reading", minutes=30))
    assert response.status_code == 302
    activity = LearningActivity.objects.get()
    assert (activity.title, activity.kind, activity.minutes) == ("Lezen", "reading", 30)


def test_the_quick_form_shows_errors_on_the_dashboard_and_writes_nothing(client_for, pilot):
    response = client_for(pilot.participant).post(_url("quick-log", pilot), _form(minutes=5000))
    assert response.status_code == 200
    assert "tussen 1 en 1440" in response.content.decode()
    assert not LearningActivity.objects.exists()


def test_the_quick_form_is_only_for_participants(client_for, pilot):
    for who in (pilot.coach, pilot.director):
        assert client_for(who).post(_url("quick-log", pilot), _form()).status_code == 404
    assert not LearningActivity.objects.exists()


def test_the_owner_edits_an_activity(client_for, pilot, activity):
    client_for(pilot.participant).post(
        _url("activity-edit", pilot, activity.pk), _form(title="Nieuwe titel", minutes=90)
    )
    activity.refresh_from_db()
    assert (activity.title, activity.minutes) == ("Nieuwe titel", 90)


@pytest.mark.parametrize("who", ["other_participant", "coach", "director"])
def test_nobody_but_the_owner_edits_or_deletes_an_activity(client_for, pilot, activity, who):
    client = client_for(getattr(pilot, who))
    assert (
        client.post(_url("activity-edit", pilot, activity.pk), _form(title="X")).status_code == 404
    )
    assert client.post(_url("activity-delete", pilot, activity.pk)).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Lunchlezing over de AVG"


def test_the_owner_deletes_an_activity_after_confirming(client_for, pilot, activity):
    client = client_for(pilot.participant)
    assert (
        "Ja, verwijderen"
        in client.get(_url("activity-delete", pilot, activity.pk)).content.decode()
    )
    client.post(_url("activity-delete", pilot, activity.pk))
    assert not LearningActivity.objects.exists()


def test_the_activity_list_shows_only_my_own_activities(client_for, pilot, activity):
    factories.ActivityFactory(membership=pilot.other_participant, title="Van een ander")
    page = client_for(pilot.participant).get(_url("activities", pilot)).content.decode()
    assert "Lunchlezing over de AVG" in page
    assert "Van een ander" not in page


def test_the_dashboard_compares_this_months_hours_with_my_previous_months(client_for, pilot):
    today = timezone.localdate()
    factories.ActivityFactory(membership=pilot.participant, on=today, minutes=90)
    last_month = today.replace(day=1) - timedelta(days=3)
    factories.ActivityFactory(membership=pilot.participant, on=last_month, minutes=300)
    factories.ActivityFactory(membership=pilot.other_participant, on=today, minutes=600)
    response = client_for(pilot.participant).get(_url("dashboard", pilot))
    board = response.context["board"]
    assert board.this_month.hours == 1.5
    assert board.months[-2].hours == 5.0
    assert board.previous_average == 1.0  # 5 hours over five earlier months
    assert "1,5 uur" in response.content.decode() or "1.5 uur" in response.content.decode()


def test_the_dashboard_shows_goals_with_progress_bars_and_running_experiments(
    client_for, pilot, goal
):
    goal.current_level = 2
    goal.save()
    factories.ExperimentFactory(owner=pilot.participant, title="Balie-experiment", status="running")
    page = client_for(pilot.participant).get(_url("dashboard", pilot)).content.decode()
    assert 'value="50"' in page and "<progress" in page
    assert "Zelf een draaitabel maken" in page
    assert "Balie-experiment" in page

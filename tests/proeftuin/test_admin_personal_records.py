"""A participant's own records change only on their pages and API; the admin shows, never writes."""

import pytest
from django.urls import reverse

from learning.models import LearningActivity
from tests import factories
from tests.audit_helpers import assert_view_recorded
from workshops.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(pilot):
    participant = pilot.participant
    return {
        "learning_skillgoal": factories.GoalFactory(membership=participant, statement="Mijn doel"),
        "learning_learningactivity": factories.ActivityFactory(
            membership=participant, title="Mijn activiteit"
        ),
        "learning_experiment": factories.ExperimentFactory(owner=participant),
        "proeftuin_maturityassessment": factories.MaturityAssessmentFactory(membership=participant),
    }


@pytest.mark.parametrize(
    "model",
    [
        "learning_skillgoal",
        "learning_learningactivity",
        "learning_experiment",
        "proeftuin_maturityassessment",
    ],
)
def test_a_coach_cannot_open_change_or_delete_a_participants_record_in_the_admin(
    pilot, records, client_for, model
):
    client = client_for(pilot.coach)
    obj = records[model]
    change = reverse(f"admin:{model}_change", args=[obj.pk])
    delete = reverse(f"admin:{model}_delete", args=[obj.pk])
    assert client.get(change).status_code == 404
    assert client.post(change, {"statement": "door de coach", "title": "x"}).status_code == 404
    assert client.post(delete, {"post": "yes"}).status_code == 404
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_an_administrators_look_at_a_goal_in_the_admin_is_recorded_for_the_participant(
    pilot, records, admin_client, admin_user
):
    goal = records["learning_skillgoal"]
    response = admin_client.get(reverse("admin:learning_skillgoal_change", args=[goal.pk]))
    assert response.status_code == 200
    assert_view_recorded(actor=admin_user, subject=pilot.participant.user)


def test_an_administrators_look_at_the_activity_list_is_recorded_per_person(
    pilot, records, admin_client, admin_user
):
    response = admin_client.get(reverse("admin:learning_learningactivity_changelist"))
    assert response.status_code == 200
    assert_view_recorded(actor=admin_user, subject=pilot.participant.user)


def test_an_administrator_cannot_change_a_participants_activity_in_the_admin(
    pilot, records, admin_client
):
    activity = records["learning_learningactivity"]
    url = reverse("admin:learning_learningactivity_change", args=[activity.pk])
    response = admin_client.post(url, {"title": "Veranderd", "minutes": 5, "_save": "1"})
    assert response.status_code == 403
    assert LearningActivity.objects.get(pk=activity.pk).title == "Mijn activiteit"


def test_a_coach_cannot_mark_attendance_in_the_admin_past_the_service(pilot, client_for):
    session = factories.PastSessionFactory(proeftuin=pilot.proeftuin)
    attendance = factories.AttendanceFactory(
        session=session, membership=pilot.participant, present=False
    )
    client = client_for(pilot.coach)
    url = reverse("admin:workshops_attendance_change", args=[attendance.pk])
    response = client.post(
        url, {"session": session.pk, "membership": pilot.participant.pk, "state": "present"}
    )
    assert response.status_code == 403
    assert Attendance.objects.get(pk=attendance.pk).state == "absent"
    assert client.get(reverse("admin:workshops_attendance_add")).status_code == 403

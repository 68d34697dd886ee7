from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import GoalCheckIn, GoalComment, LearningActivity, SkillGoal
from proeftuin.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

# Inside the accepted dates, beyond the one year ahead a learning date may lie.
TWO_YEARS_AHEAD = (timezone.localdate() + timedelta(days=730)).isoformat()


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _goal_form(skill, **overrides):
    data = {
        "skill": skill.pk,
        "statement": "Zelf een draaitabel maken van de klanttevredenheid",
        "start_level": 1,
        "target_level": 3,
        "due_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    return {**data, **overrides}


def test_a_participant_sets_a_goal_and_lands_on_its_page(client_for, pilot, skill):
    response = client_for(pilot.participant).post(
        _url("goal-create", pilot), _goal_form(skill), follow=True
    )
    goal = SkillGoal.objects.get(membership=pilot.participant)
    assert goal.current_level == 1
    assert goal.status == SkillGoal.Status.OPEN
    assert "Leerdoel opgeslagen." in response.content.decode()
    assert response.redirect_chain[-1][0] == _url("goal", pilot, goal.pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"target_level": 1},
            "target_level",
            "Het doelniveau moet hoger zijn dan het beginniveau.",
        ),
        ({"start_level": 4, "target_level": 2}, "target_level", "hoger zijn dan het beginniveau"),
        ({"due_on": "2000-01-01"}, "due_on", "De streefdatum moet na de startdatum liggen."),
        ({"due_on": TWO_YEARS_AHEAD}, "due_on", "niet meer dan een jaar vooruit"),
        ({"target_level": 6}, "target_level", "Selecteer een geldige keuze"),
        ({"statement": ""}, "statement", "Dit veld is vereist"),
    ],
)
def test_a_goal_that_breaks_a_rule_shows_the_message_at_its_field_and_is_not_saved(
    client_for, pilot, skill, overrides, field, message
):
    response = client_for(pilot.participant).post(
        _url("goal-create", pilot), _goal_form(skill, **overrides)
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert 'role="alert"' in response.content.decode()
    assert not SkillGoal.objects.exists()


def test_a_goal_on_a_skill_of_another_organisation_is_refused(client_for, pilot, other_skill):
    response = client_for(pilot.participant).post(
        _url("goal-create", pilot), _goal_form(other_skill)
    )
    assert "eigen organisatie" in str(response.context["form"].errors["skill"])
    assert not SkillGoal.objects.exists()


def test_a_check_in_updates_the_current_level_and_puts_the_goal_in_progress(
    client_for, pilot, goal
):
    response = client_for(pilot.participant).post(
        _url("goal-check-in", pilot, goal.pk), {"level": 2, "note": "Eerste draaitabel gelukt"}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.current_level == 2
    assert goal.status == SkillGoal.Status.IN_PROGRESS
    assert goal.check_ins.get().note == "Eerste draaitabel gelukt"


def test_a_check_in_on_someone_elses_goal_is_a_404_and_writes_nothing(client_for, pilot, goal):
    for who in (pilot.other_participant, pilot.coach, pilot.director):
        response = client_for(who).post(_url("goal-check-in", pilot, goal.pk), {"level": 3})
        assert response.status_code == 404
    assert not GoalCheckIn.objects.exists()


def test_a_check_in_with_a_level_out_of_range_is_refused(client_for, pilot, goal):
    response = client_for(pilot.participant).post(
        _url("goal-check-in", pilot, goal.pk), {"level": 9}
    )
    assert response.status_code == 200
    assert "level" in response.context["check_in_form"].errors
    assert not GoalCheckIn.objects.exists()


def test_the_check_in_form_offers_a_date_field_set_to_today(client_for, pilot, goal):
    page = client_for(pilot.participant).get(_url("goal", pilot, goal.pk)).content.decode()
    assert '<label for="id_on">Datum</label>' in page
    assert f'name="on" value="{timezone.localdate().isoformat()}"' in page
    assert "Meestal vandaag." in page


def test_a_check_in_without_a_date_is_stored_on_today(client_for, pilot, goal):
    client_for(pilot.participant).post(_url("goal-check-in", pilot, goal.pk), {"level": 2})
    assert goal.check_ins.get().on == timezone.localdate()


def test_a_check_in_with_a_past_date_is_stored_on_that_date(client_for, pilot, goal):
    three_days_ago = timezone.localdate() - timedelta(days=3)
    response = client_for(pilot.participant).post(
        _url("goal-check-in", pilot, goal.pk), {"level": 2, "on": three_days_ago.isoformat()}
    )
    assert response.status_code == 302
    assert goal.check_ins.get().on == three_days_ago


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "Een check-in kan niet in de toekomst liggen."),
        (-11, "Een check-in kan niet vóór de start van het doel liggen."),  # started 10 days ago
    ],
)
def test_a_check_in_date_outside_the_goal_is_an_error_at_the_date_and_stores_nothing(
    client_for, pilot, goal, days, message
):
    on = timezone.localdate() + timedelta(days=days)
    response = client_for(pilot.participant).post(
        _url("goal-check-in", pilot, goal.pk), {"level": 2, "on": on.isoformat()}
    )
    assert response.status_code == 200
    assert response.context["check_in_form"].errors["on"] == [message]
    assert message in response.content.decode()
    assert not GoalCheckIn.objects.exists()
    goal.refresh_from_db()
    assert (goal.current_level, goal.status) == (1, SkillGoal.Status.OPEN)


def test_a_back_dated_check_in_added_last_does_not_become_the_latest(client_for, pilot, skill):
    today = timezone.localdate()
    # 80 of 90 days gone from level 1 to 4: level 3 is on track, level 1 is behind.
    goal = factories.GoalFactory(
        membership=pilot.participant,
        skill=skill,
        start_level=1,
        target_level=4,
        starts_on=today - timedelta(days=80),
        due_on=today + timedelta(days=10),
    )
    client = client_for(pilot.participant)
    client.post(_url("goal-check-in", pilot, goal.pk), {"level": 3})
    client.post(
        _url("goal-check-in", pilot, goal.pk),
        {"level": 1, "note": "Toen begon ik net", "on": (today - timedelta(days=70)).isoformat()},
    )
    goal.refresh_from_db()
    assert goal.current_level == 3
    response = client.get(_url("goal", pilot, goal.pk))
    page = response.content.decode()
    assert "Niveau 3 van 4" in page
    assert "loopt achter" not in page
    assert [c.level for c in response.context["check_ins"]] == [1, 3]  # the table, by date


@pytest.mark.parametrize(("status", "text"), [("achieved", "behaald"), ("dropped", "gestopt")])
def test_a_participant_marks_a_goal_achieved_or_dropped(client_for, pilot, goal, status, text):
    response = client_for(pilot.participant).post(
        _url("goal-close", pilot, goal.pk), {"status": status}, follow=True
    )
    goal.refresh_from_db()
    assert goal.status == status
    assert goal.closed_on == timezone.localdate()
    assert text in response.content.decode().lower()


def test_a_closed_goal_takes_no_more_check_ins(client_for, pilot, goal):
    goal.status = SkillGoal.Status.ACHIEVED
    goal.save()
    response = client_for(pilot.participant).post(
        _url("goal-check-in", pilot, goal.pk), {"level": 2}
    )
    assert "afgesloten" in response.content.decode()
    assert not GoalCheckIn.objects.exists()


def test_deleting_a_goal_asks_first_and_keeps_its_activities_unlinked(client_for, pilot, goal):
    activity = factories.ActivityFactory(membership=pilot.participant)
    activity.goals.add(goal)
    client = client_for(pilot.participant)

    confirm = client.get(_url("goal-delete", pilot, goal.pk))
    assert "Je activiteiten blijven bewaard" in confirm.content.decode()
    assert SkillGoal.objects.filter(pk=goal.pk).exists()

    response = client.post(_url("goal-delete", pilot, goal.pk), follow=True)
    assert "Je activiteiten zijn bewaard" in response.content.decode()
    assert not SkillGoal.objects.filter(pk=goal.pk).exists()
    activity.refresh_from_db()
    assert list(activity.goals.all()) == []


def test_another_participant_cannot_delete_a_goal(client_for, pilot, goal):
    response = client_for(pilot.other_participant).post(_url("goal-delete", pilot, goal.pk))
    assert response.status_code == 404
    assert SkillGoal.objects.filter(pk=goal.pk).exists()


def test_the_coach_comments_on_a_goal_and_the_participant_sees_it_on_the_dashboard(
    client_for, pilot, goal
):
    client_for(pilot.coach).post(
        _url("goal-comment", pilot, goal.pk), {"text": "Mooi tempo, ga zo door!"}
    )
    assert GoalComment.objects.get().author == pilot.coach
    dashboard = client_for(pilot.participant).get(_url("dashboard", pilot))
    assert "Mooi tempo, ga zo door!" in dashboard.content.decode()


@pytest.mark.parametrize("who", ["other_participant", "director"])
def test_only_the_owner_and_the_coach_write_in_a_goals_thread(client_for, pilot, goal, who):
    response = client_for(getattr(pilot, who)).post(
        _url("goal-comment", pilot, goal.pk), {"text": "Hallo"}
    )
    assert response.status_code == 404
    assert not GoalComment.objects.exists()


def test_a_coach_of_another_organisation_cannot_comment(client_for, pilot, other_pilot, goal):
    response = client_for(other_pilot.coach).post(
        reverse("learning:goal-comment", args=[other_pilot.proeftuin.pk, goal.pk]), {"text": "Hoi"}
    )
    assert response.status_code == 404
    assert not GoalComment.objects.exists()


def test_an_empty_comment_is_refused_at_its_field(client_for, pilot, goal):
    response = client_for(pilot.coach).post(_url("goal-comment", pilot, goal.pk), {"text": ""})
    assert "text" in response.context["comment_form"].errors
    assert not GoalComment.objects.exists()


def test_the_goal_page_draws_the_check_in_history_as_svg_with_a_table(client_for, pilot, goal):
    factories.CheckInFactory(goal=goal, level=2, note="Met hulp van Sanne")
    page = client_for(pilot.participant).get(_url("goal", pilot, goal.pk)).content.decode()
    assert '<svg class="chart"' in page
    assert 'role="img"' in page
    assert "<polyline" in page
    assert "Met hulp van Sanne" in page  # the table alternative
    assert '<th scope="col">Niveau</th>' in page


def test_the_goal_page_lists_its_linked_activities(client_for, pilot, goal):
    activity = factories.ActivityFactory(membership=pilot.participant, title="Cursus Excel")
    activity.goals.add(goal)
    page = client_for(pilot.participant).get(_url("goal", pilot, goal.pk)).content.decode()
    assert "Cursus Excel" in page


def test_the_coach_viewing_a_goal_is_recorded_in_the_audit_log(client_for, pilot, goal):
    client_for(pilot.coach).get(_url("goal", pilot, goal.pk))
    event = AuditEvent.objects.get()
    assert event.actor == pilot.coach.user
    assert event.subject == pilot.participant.user
    assert event.action == AuditEvent.Action.VIEWED


def test_the_coach_sees_no_check_in_or_delete_controls_on_a_goal(client_for, pilot, goal):
    page = client_for(pilot.coach).get(_url("goal", pilot, goal.pk)).content.decode()
    assert "Check-in opslaan" not in page
    assert _url("goal-delete", pilot, goal.pk) not in page
    assert "Bericht aan de deelnemer sturen" in page


def test_editing_a_goal_keeps_the_rules(client_for, pilot, goal, skill):
    client = client_for(pilot.participant)
    response = client.post(_url("goal-edit", pilot, goal.pk), _goal_form(skill, target_level=1))
    assert "target_level" in response.context["form"].errors
    response = client.post(
        _url("goal-edit", pilot, goal.pk), _goal_form(skill, statement="Nieuwe zin", target_level=4)
    )
    goal.refresh_from_db()
    assert (goal.statement, goal.target_level) == ("Nieuwe zin", 4)


def test_deleting_a_goal_keeps_the_activity_row(pilot, goal):
    from learning import services

    activity = factories.ActivityFactory(membership=pilot.participant)
    activity.goals.add(goal)
    assert services.delete_goal(goal=goal) == 1
    assert LearningActivity.objects.filter(pk=activity.pk).exists()


def test_someone_who_reached_every_goal_is_not_told_they_have_none(client_for, pilot):
    from tests.factories import GoalFactory

    GoalFactory.create_batch(3, membership=pilot.participant, status="achieved")
    page = client_for(pilot.participant).get(
        reverse("learning:dashboard", args=[pilot.proeftuin.pk])
    )
    text = page.content.decode()
    assert "Je hebt alle 3 leerdoelen bereikt." in text
    assert "nog geen leerdoel" not in text

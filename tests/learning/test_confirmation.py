"""Confirmation: the participant asks, the coach confirms or asks for more; a thread for both."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import GoalComment, SkillGoal
from notifications import services as notifications
from notifications.models import NotificationPreference, Reminder, Rule
from proeftuin import overview
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, pilot, *args):
    return reverse(f"learning:{name}", args=[pilot.proeftuin.pk, *args])


def _api(pilot, path):
    return f"/api/v1/pilots/{pilot.proeftuin.pk}/{path}"


def _goal_mail():
    """The mails about goals (a sweep also sends what other rules plan, like the digest)."""
    return [(m.to, m.subject) for m in mail.outbox if "leerdoel" in m.subject.lower()]


def _ask(client_for, pilot, goal, text="Mijn draaitabel staat in de map."):
    return client_for(pilot.participant).post(
        _url("goal-confirmation-ask", pilot, goal.pk), {"text": text}
    )


def test_asking_for_confirmation_marks_the_goal_achieved_and_waiting_for_the_coach(
    client_for, pilot, goal
):
    assert _ask(client_for, pilot, goal).status_code == 302
    goal.refresh_from_db()
    assert goal.status == SkillGoal.Status.ACHIEVED
    assert goal.confirmation == SkillGoal.Confirmation.ASKED
    page = client_for(pilot.coach).get(_url("goal", pilot, goal.pk)).content.decode()
    assert "Mijn draaitabel staat in de map." in page
    assert "Bevestigen: behaald" in page


def test_the_coach_is_mailed_when_a_participant_asks(client_for, pilot, goal):
    _ask(client_for, pilot, goal)
    notifications.sweep()
    name = pilot.participant.user.display_name
    assert _goal_mail() == [
        ([pilot.coach.user.email], f"{name} vraagt je een leerdoel te bevestigen")
    ]


def test_the_coach_confirms_and_the_participant_hears_of_it(client_for, pilot, goal):
    _ask(client_for, pilot, goal)
    response = client_for(pilot.coach).post(
        _url("goal-confirmation-decide", pilot, goal.pk),
        {"decision": "confirm", "text": "Knap gedaan."},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.confirmation == SkillGoal.Confirmation.CONFIRMED
    assert goal.confirmed_on is not None
    notifications.sweep()
    to_participant = [m for m in _goal_mail() if m[0] == [pilot.participant.user.email]]
    assert to_participant == [
        ([pilot.participant.user.email], 'Je leerdoel "Zelf een draaitabel maken" is bevestigd')
    ]


def test_asking_for_more_needs_a_comment_and_reopens_the_goal(client_for, pilot, goal):
    _ask(client_for, pilot, goal)
    coach = client_for(pilot.coach)
    url = _url("goal-confirmation-decide", pilot, goal.pk)
    response = coach.post(url, {"decision": "more", "text": ""})
    assert response.status_code == 200
    assert "Schrijf erbij wat er nog nodig is." in response.content.decode()
    goal.refresh_from_db()
    assert goal.confirmation == SkillGoal.Confirmation.ASKED
    coach.post(url, {"decision": "more", "text": "Laat eens zien hoe je filtert?"})
    goal.refresh_from_db()
    assert goal.confirmation == SkillGoal.Confirmation.MORE_ASKED
    assert goal.status == SkillGoal.Status.IN_PROGRESS
    # and the participant may ask again once they have more to show
    assert _ask(client_for, pilot, goal).status_code == 302


def test_asking_twice_or_on_a_dropped_goal_is_refused(pilot, goal):
    services.ask_confirmation(goal=goal)
    with pytest.raises(services.Invalid):
        services.ask_confirmation(goal=goal)
    dropped = factories.GoalFactory(membership=pilot.participant, status="dropped")
    with pytest.raises(services.Invalid):
        services.ask_confirmation(goal=dropped)


def test_the_coach_cannot_confirm_what_nobody_asked(pilot, goal):
    with pytest.raises(services.Invalid):
        services.decide_confirmation(coach=pilot.coach, goal=goal, confirm=True)
    assert not GoalComment.objects.exists()


def test_the_api_asks_and_confirms_like_the_pages(client_for, pilot, goal):
    asked = client_for(pilot.participant).post(
        _api(pilot, f"goals/{goal.pk}/ask-confirmation/"), {}, content_type="application/json"
    )
    assert asked.status_code == 201
    assert asked.json()["confirmation"] == "asked"
    decided = client_for(pilot.coach).post(
        _api(pilot, f"goals/{goal.pk}/confirmation/"),
        {"decision": "confirm"},
        content_type="application/json",
    )
    assert decided.json()["confirmation"] == "confirmed"
    assert [c["kind"] for c in decided.json()["comments"]] == ["confirmation_asked", "confirmed"]


def test_the_api_names_the_text_when_more_is_asked_without_a_word(client_for, pilot, goal):
    services.ask_confirmation(goal=goal)
    response = client_for(pilot.coach).post(
        _api(pilot, f"goals/{goal.pk}/confirmation/"),
        {"decision": "more"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "text" in response.json()


def test_the_participant_writes_in_the_thread_and_the_coach_is_told(client_for, pilot, goal):
    response = client_for(pilot.participant).post(
        _url("goal-comment", pilot, goal.pk), {"text": "Mag ik je iets vragen over filters?"}
    )
    assert response.status_code == 302
    assert GoalComment.objects.get().author == pilot.participant
    notifications.sweep()
    assert _goal_mail() == [
        ([pilot.coach.user.email], 'Nieuw bericht bij het leerdoel "Zelf een draaitabel maken"')
    ]


def test_a_participant_who_opted_out_of_goal_messages_gets_no_mail(pilot, goal):
    NotificationPreference.objects.create(user=pilot.participant.user, rule=Rule.GOAL_MESSAGE)
    services.add_comment(goal=goal, author=pilot.coach, text="Goed bezig!")
    notifications.sweep()
    assert not _goal_mail()
    assert Reminder.objects.get(rule=Rule.GOAL_MESSAGE).state == Reminder.State.SKIPPED


def test_another_participant_cannot_write_in_someone_elses_thread(client_for, pilot, goal):
    response = client_for(pilot.other_participant).post(
        _url("goal-comment", pilot, goal.pk), {"text": "Hallo"}
    )
    assert response.status_code == 404
    assert not GoalComment.objects.exists()


def test_the_overview_tells_confirmed_from_self_declared_achievements(pilot):
    pilot.proeftuin.min_group_size = 1
    pilot.proeftuin.save(update_fields=["min_group_size"])
    for member in (pilot.participant, pilot.other_participant):
        factories.GoalFactory(membership=member, status="achieved", confirmation="confirmed")
    factories.GoalFactory(membership=pilot.third_participant, status="achieved")
    data = overview.build(
        proeftuin=pilot.proeftuin,
        period=overview.period_for(pilot.proeftuin, today=timezone.localdate()),
    )
    assert data.goals["achieved"].value == 3
    assert data.goals["achieved_confirmed"].value == 2
    assert data.goals["achieved_self_declared"].value == 1


def test_the_overview_hides_a_way_of_achieving_that_too_few_people_share(pilot):
    pilot.proeftuin.min_group_size = 2
    pilot.proeftuin.save(update_fields=["min_group_size"])
    for member in (pilot.participant, pilot.other_participant):
        factories.GoalFactory(membership=member, status="achieved", confirmation="confirmed")
    factories.GoalFactory(membership=pilot.third_participant, status="achieved")
    data = overview.build(
        proeftuin=pilot.proeftuin,
        period=overview.period_for(pilot.proeftuin, today=timezone.localdate()),
    )
    assert data.goals["achieved"].value == 3
    assert data.goals["achieved_self_declared"].suppressed
    assert data.goals["achieved_confirmed"].suppressed  # else 3 - 2 gives the hidden one away


def test_the_coachs_csv_says_how_each_goal_was_achieved(client_for, pilot, goal):
    factories.GoalFactory(
        membership=pilot.other_participant, status="achieved", confirmation="confirmed"
    )
    services.close_goal(goal=goal, status="achieved")
    response = client_for(pilot.coach).get(_url("participants-csv", pilot))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Behaald"
    assert sorted(row[-1] for row in rows[1:]) == ["bevestigd door de coach", "zelf gemeld"]

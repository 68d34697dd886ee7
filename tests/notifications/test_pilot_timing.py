"""The coach sets when the pilot's reminders go out; the planners follow it, within bounds."""

from datetime import UTC, date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import reminders as learning_reminders
from learning.models import LearningActivity
from notifications import emails, registry, services
from notifications.models import Reminder, Rule
from notifications.services import plan_due
from proeftuin.models import Membership, Proeftuin
from tests import factories
from workshops import reminders as workshop_reminders

from .conftest import local, make_goal, make_session, register, running_through

pytestmark = pytest.mark.django_db


def planned(rule, **filters):
    return list(Reminder.objects.filter(rule=rule, **filters).order_by("due_at", "recipient_id"))


def _set(proeftuin, **values):
    Proeftuin.objects.filter(pk=proeftuin.pk).update(**values)
    proeftuin.refresh_from_db()


# --- the page and the API ---------------------------------------------------------------------


def test_the_coach_sees_the_defaults_of_today_on_the_reminder_settings_page(pilot, client_for):
    response = client_for(pilot.coach).get(f"/p/{pilot.proeftuin.pk}/herinneringen/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wanneer gaan de herinneringen uit?" in page
    assert 'name="session_days_before" value="2"' in page
    assert 'name="goal_days_before" value="7"' in page
    assert 'name="quiet_after_days" value="14"' in page


def test_the_coach_changes_the_days_on_the_page_and_they_are_saved(pilot, client_for):
    response = client_for(pilot.coach).post(
        f"/p/{pilot.proeftuin.pk}/herinneringen/",
        {"session_days_before": 4, "goal_days_before": 10, "quiet_after_days": 21},
        follow=True,
    )
    assert "De herinneringen van deze proeftuin zijn ingesteld." in response.content.decode()
    pilot.proeftuin.refresh_from_db()
    assert (
        pilot.proeftuin.session_days_before,
        pilot.proeftuin.goal_days_before,
        pilot.proeftuin.quiet_after_days,
    ) == (4, 10, 21)


@pytest.mark.parametrize(
    ("field", "value", "bounds"),
    [
        ("session_days_before", 0, "van 1 tot en met 7"),
        ("session_days_before", 8, "van 1 tot en met 7"),
        ("goal_days_before", 31, "van 1 tot en met 30"),
        ("quiet_after_days", 2, "van 3 tot en met 90"),
    ],
)
def test_a_value_outside_its_bounds_is_a_form_error_on_its_field_and_nothing_is_saved(
    pilot, client_for, field, value, bounds
):
    data = {"session_days_before": 3, "goal_days_before": 10, "quiet_after_days": 21, field: value}
    response = client_for(pilot.coach).post(f"/p/{pilot.proeftuin.pk}/herinneringen/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [f"Kies een heel aantal dagen {bounds}."]
    pilot.proeftuin.refresh_from_db()
    assert (
        pilot.proeftuin.session_days_before,
        pilot.proeftuin.goal_days_before,
        pilot.proeftuin.quiet_after_days,
    ) == (2, 7, 14)


def test_the_api_answers_400_naming_the_field_out_of_bounds_and_saves_nothing(pilot, client_for):
    client = client_for(pilot.coach)
    url = f"/api/v1/pilots/{pilot.proeftuin.pk}/reminder-timing/"
    response = client.put(
        url, {"session_days_before": 3, "goal_days_before": 45}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"goal_days_before"}
    assert client.get(url).json() == {
        "session_days_before": 2,
        "goal_days_before": 7,
        "quiet_after_days": 14,
    }
    response = client.put(url, {"session_days_before": 3}, content_type="application/json")
    assert response.json()["session_days_before"] == 3


def test_a_participant_and_another_pilots_coach_get_not_found(pilot, other_pilot, client_for):
    url = f"/p/{pilot.proeftuin.pk}/herinneringen/"
    assert client_for(pilot.participant).get(url).status_code == 404
    assert client_for(other_pilot.coach).get(url).status_code == 404


def test_the_coachs_own_settings_page_links_to_the_pilots_reminder_timing(pilot, client_for):
    page = client_for(pilot.coach).get("/meldingen/instellingen/").content.decode()
    assert f'href="/p/{pilot.proeftuin.pk}/herinneringen/"' in page
    page = client_for(pilot.participant).get("/meldingen/instellingen/").content.decode()
    assert "/herinneringen/" not in page


# --- the planners follow each pilot's days -----------------------------------------------------


def test_a_session_reminder_follows_the_days_its_pilot_chose(pilot, other_pilot):
    for p in (pilot, other_pilot):
        running_through(p.proeftuin)
    _set(pilot.proeftuin, session_days_before=5)
    ours = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    theirs = make_session(other_pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(ours, pilot.participant)
    register(theirs, other_pilot.participant)

    workshop_reminders.plan_session_reminders(local(2027, 1, 9, 8, 59))
    assert planned(Rule.SESSION_SOON) == []
    workshop_reminders.plan_session_reminders(local(2027, 1, 9, 9, 0))
    [five_days] = planned(Rule.SESSION_SOON)
    assert five_days.recipient == pilot.participant.user
    assert five_days.due_at == local(2027, 1, 9, 9, 0)
    assert five_days.context["days_before"] == 5

    workshop_reminders.plan_session_reminders(local(2027, 1, 12, 9, 0))
    [two_days] = planned(Rule.SESSION_SOON, recipient=other_pilot.participant.user)
    assert two_days.due_at == local(2027, 1, 12, 9, 0)  # the default, as before


def test_the_session_e_mail_says_how_many_days_ahead_the_pilot_chose(pilot):
    running_through(pilot.proeftuin)
    _set(pilot.proeftuin, session_days_before=5)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)
    workshop_reminders.plan_session_reminders(local(2027, 1, 9, 9, 0))
    message = emails.build(planned(Rule.SESSION_SOON)[0])
    assert "Over 5 dagen" in message.body


def test_a_goal_reminder_follows_the_days_its_pilot_chose(pilot, other_pilot):
    for p in (pilot, other_pilot):
        running_through(p.proeftuin)
    _set(pilot.proeftuin, goal_days_before=14)
    make_goal(pilot.participant, date(2027, 2, 24))
    make_goal(other_pilot.participant, date(2027, 2, 24))

    learning_reminders.plan_goal_due(local(2027, 2, 10, 9, 0))
    [ours] = planned(Rule.GOAL_DUE)
    assert (ours.recipient, ours.due_at) == (pilot.participant.user, local(2027, 2, 10, 9, 0))
    learning_reminders.plan_goal_due(local(2027, 2, 17, 9, 0))
    theirs = planned(Rule.GOAL_DUE, recipient=other_pilot.participant.user)
    assert [r.due_at for r in theirs] == [local(2027, 2, 17, 9, 0)]


def test_a_changed_setting_moves_the_reminder_not_yet_planned(pilot, client_for):
    running_through(pilot.proeftuin)
    make_goal(pilot.participant, date(2027, 2, 24))
    learning_reminders.plan_goal_due(local(2027, 2, 14, 9, 0))
    assert planned(Rule.GOAL_DUE) == []  # ten days ahead: not yet with seven
    client_for(pilot.coach).post(
        f"/p/{pilot.proeftuin.pk}/herinneringen/",
        {"session_days_before": 2, "goal_days_before": 10, "quiet_after_days": 14},
    )
    learning_reminders.plan_goal_due(local(2027, 2, 14, 9, 0))
    assert [r.due_at for r in planned(Rule.GOAL_DUE)] == [local(2027, 2, 14, 9, 0)]


# --- overdue goals ---------------------------------------------------------------------------


def _every_morning(plan, first: date, days: int):
    for offset in range(days):
        day = first + timedelta(days=offset)
        for hour, minute in ((8, 58), (9, 0), (9, 2), (15, 0)):
            plan(local(day.year, day.month, day.day, hour, minute))


def test_an_open_goal_past_its_date_is_reminded_once_a_week_three_times_at_most(pilot):
    running_through(pilot.proeftuin)
    goal = make_goal(pilot.participant, date(2027, 2, 10))
    _every_morning(learning_reminders.plan_goal_due, date(2027, 2, 1), 60)

    reminders = planned(Rule.GOAL_DUE)
    assert [(r.period, r.due_at) for r in reminders] == [
        ("due:2027-02-10", local(2027, 2, 3, 9, 0)),
        ("overdue1:2027-02-10", local(2027, 2, 17, 9, 0)),
        ("overdue2:2027-02-10", local(2027, 2, 24, 9, 0)),
        ("overdue3:2027-02-10", local(2027, 3, 3, 9, 0)),
    ]
    assert {r.subject_key for r in reminders} == {f"goal:{goal.pk}"}
    assert [r.context["overdue_weeks"] for r in reminders] == [0, 1, 2, 3]


def test_the_overdue_e_mail_says_the_date_has_passed(pilot):
    running_through(pilot.proeftuin)
    make_goal(pilot.participant, date(2027, 2, 10))
    learning_reminders.plan_goal_due(local(2027, 2, 17, 9, 0))
    [reminder] = planned(Rule.GOAL_DUE)
    message = emails.build(reminder)
    assert message.subject.endswith("Je leerdoel had als streefdatum 10 februari")


def test_an_achieved_goal_is_not_reminded_after_its_date(pilot):
    running_through(pilot.proeftuin)
    make_goal(pilot.participant, date(2027, 2, 10), status="achieved")
    _every_morning(learning_reminders.plan_goal_due, date(2027, 2, 11), 30)
    assert planned(Rule.GOAL_DUE) == []


# --- fixed queries, whatever the number of pilots ---------------------------------------------


def _pilots_with_work(count: int, first_days: int) -> None:
    for number in range(count):
        proeftuin = factories.ProeftuinFactory()
        running_through(proeftuin)
        _set(
            proeftuin,
            session_days_before=1 + (first_days + number) % 7,
            goal_days_before=1 + (first_days + number) % 30,
            quiet_after_days=3 + number % 20,
        )
        session = make_session(proeftuin, local(2027, 1, 14, 12, 0))
        for _ in range(2):
            member = factories.ParticipantFactory(proeftuin=proeftuin)
            Membership.objects.filter(pk=member.pk).update(joined_at=local(2026, 10, 1, 9, 0))
            register(session, member)
            make_goal(member, date(2027, 1, 13))
            make_goal(member, date(2026, 12, 29))  # two weeks overdue


def _queries_of(moment) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        added = plan_due(now=moment)
    return len(queries), added


def test_planning_reads_every_pilots_timing_in_the_same_queries_for_1_or_8_pilots(db):
    moment = local(2027, 1, 12, 11, 0)
    _pilots_with_work(1, first_days=2)
    one_queries, one_added = _queries_of(moment)
    assert one_added > 0

    Reminder.objects.all().delete()
    _pilots_with_work(7, first_days=0)
    many_queries, many_added = _queries_of(moment)
    assert many_added > one_added
    assert many_queries == one_queries


def test_a_sweep_when_nothing_new_is_due_plans_nothing(db):
    moment = local(2027, 1, 12, 11, 0)
    _pilots_with_work(3, first_days=2)
    assert plan_due(now=moment) > 0
    assert plan_due(now=moment + timedelta(minutes=2)) == 0


# --- a missed sweep --------------------------------------------------------------------------


def test_a_missed_sweep_is_caught_up_by_the_next_exactly_once(pilot, monkeypatch):
    monkeypatch.setattr(
        registry,
        "PLANNERS",
        [
            "workshops.reminders.plan_session_reminders",
            "learning.reminders.plan_goal_due",
            "learning.reminders.plan_gone_quiet",
        ],
    )
    running_through(pilot.proeftuin)
    session = make_session(pilot.proeftuin, local(2027, 1, 14, 12, 0))
    register(session, pilot.participant)
    goal = make_goal(pilot.other_participant, date(2027, 1, 19))
    for member in (pilot.participant, pilot.other_participant, pilot.third_participant):
        Membership.objects.filter(pk=member.pk).update(joined_at=local(2026, 10, 1, 9, 0))
    for member in (pilot.participant, pilot.other_participant):
        LearningActivity.objects.create(
            membership=member, kind="reading", on=date(2027, 1, 11), minutes=20, title="AVG"
        )
    handed: list[int] = []

    services.sweep(now=local(2027, 1, 12, 8, 58), send=handed.append)
    assert handed == []
    # The worker is down from 08:58 to 11:00: the sweeps of 09:00 and 10:00 never run.
    first = services.sweep(now=local(2027, 1, 12, 11, 0), send=handed.append)
    again = services.sweep(now=local(2027, 1, 12, 11, 2), send=handed.append)

    sent = Reminder.objects.filter(pk__in=handed)
    assert sorted((r.rule, r.recipient_id, r.subject_key) for r in sent) == sorted(
        [
            (Rule.SESSION_SOON, pilot.participant.user_id, f"session:{session.pk}"),
            (Rule.GOAL_DUE, pilot.other_participant.user_id, f"goal:{goal.pk}"),
            (
                Rule.GONE_QUIET,
                pilot.third_participant.user_id,
                f"membership:{pilot.third_participant.pk}",
            ),
        ]
    )
    assert len(handed) == len(set(handed)) == first.planned == 3
    assert (again.planned, again.claimed) == (0, [])
    due_ats = {r.rule: r.due_at.astimezone(UTC) for r in sent}
    assert due_ats[Rule.GOAL_DUE] == local(2027, 1, 12, 9, 0)  # due when it was, sent late

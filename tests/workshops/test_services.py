from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from learning.models import LearningActivity
from notifications.models import Reminder, Rule
from tests.factories import (
    PastSessionFactory,
    SessionFactory,
    SessionSkillFactory,
)
from workshops import services
from workshops.models import Attendance, Registration, Session, SessionSeries

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GOING = Registration.Response.GOING
MAYBE = Registration.Response.MAYBE
NOT_GOING = Registration.Response.NOT_GOING


def details(**overrides):
    values = {"kind": "workshop", "title": "Datagedreven werken", "location": "Zaal 1"}
    values.update(overrides)
    return services.SessionDetails(**values)


def plan_first_tuesdays(pilot, **overrides):
    arguments = {
        "proeftuin": pilot.proeftuin,
        "details": details(),
        "first_on": date(timezone.localdate().year + 1, 1, 1),
        "week_of_month": 1,
        "weekday_index": 1,
        "starts_time": time(12, 0),
        "ends_time": time(13, 0),
        "count": 6,
    }
    arguments.update(overrides)
    return services.plan_series(**arguments)


# ---- planning ---------------------------------------------------------------------------------


def test_a_monthly_series_is_planned_on_the_first_tuesday_of_each_month(pilot):
    series = plan_first_tuesdays(pilot)
    days = [timezone.localtime(s.starts_at, AMSTERDAM).date() for s in series.sessions.all()]
    year = timezone.localdate().year + 1
    assert days == [
        date(year, 1, 1) + timedelta(days=_days_to_first_tuesday(year, month))
        for month in range(1, 7)
    ]
    assert all(day.weekday() == 1 and day.day <= 7 for day in days)


def _days_to_first_tuesday(year, month):
    first = date(year, month, 1)
    return (first - date(year, 1, 1)).days + (1 - first.weekday()) % 7


def test_a_series_stays_at_noon_in_amsterdam_on_both_sides_of_the_dst_change(pilot):
    series = plan_first_tuesdays(pilot)
    sessions = list(series.sessions.order_by("starts_at"))
    local_starts = {timezone.localtime(s.starts_at, AMSTERDAM).time() for s in sessions}
    assert local_starts == {time(12, 0)}
    utc_hours = [s.starts_at.astimezone(ZoneInfo("UTC")).hour for s in sessions]
    # January-March is CET (UTC+1), April-June CEST (UTC+2): same wall clock, other UTC hour.
    assert utc_hours[:3] == [11, 11, 11]
    assert utc_hours[3:] == [10, 10, 10]


def test_a_series_whose_first_session_lies_in_the_past_writes_nothing(pilot):
    with pytest.raises(services.InvalidSchedule) as error:
        plan_first_tuesdays(pilot, first_on=timezone.localdate() - timedelta(days=60))
    assert error.value.field == "first_on"
    assert not SessionSeries.objects.exists()
    assert not Session.objects.exists()


def test_a_session_that_ends_before_it_starts_is_refused(pilot):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(services.InvalidSchedule) as error:
        services.plan_session(
            proeftuin=pilot.proeftuin,
            details=details(),
            starts_at=starts,
            ends_at=starts - timedelta(hours=1),
        )
    assert error.value.field == "ends_at"
    assert not Session.objects.exists()


def test_a_session_in_the_past_is_refused(pilot):
    starts = timezone.now() - timedelta(days=1)
    with pytest.raises(services.InvalidSchedule) as error:
        services.plan_session(
            proeftuin=pilot.proeftuin,
            details=details(),
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    assert error.value.field == "starts_at"
    assert not Session.objects.exists()


def test_skills_of_another_organisation_are_refused(pilot, other_pilot):
    foreign = SessionSkillFactory(organisation=other_pilot.proeftuin.organisation)
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(services.WorkshopError) as error:
        services.plan_session(
            proeftuin=pilot.proeftuin,
            details=details(),
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            skills=[foreign],
        )
    assert error.value.field == "skills"
    assert not Session.objects.exists()


def test_lowering_capacity_below_the_people_going_is_refused(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=5)
    services.register(session=session, membership=pilot.participant, response=GOING)
    services.register(session=session, membership=pilot.other_participant, response=GOING)
    with pytest.raises(services.CapacityTooLow) as error:
        services.update_session(
            session=session,
            details=details(capacity=1),
            starts_at=session.starts_at,
            ends_at=session.ends_at,
        )
    assert error.value.field == "capacity"
    session.refresh_from_db()
    assert (session.capacity, session.sequence, session.title) == (5, 0, session.title)


def test_moving_one_session_of_a_series_bumps_its_sequence_and_leaves_the_others(pilot):
    series = plan_first_tuesdays(pilot)
    first, second = series.sessions.order_by("starts_at")[:2]
    services.update_session(
        session=first,
        details=details(),
        starts_at=first.starts_at + timedelta(days=1),
        ends_at=first.ends_at + timedelta(days=1),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.sequence == 1
    assert timezone.localtime(first.starts_at, AMSTERDAM).weekday() == 2
    assert second.sequence == 0


def test_moving_a_session_notifies_going_and_maybe_but_not_the_people_who_declined(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.register(session=session, membership=pilot.participant, response=GOING)
    services.register(session=session, membership=pilot.other_participant, response=MAYBE)
    services.register(session=session, membership=pilot.third_participant, response=NOT_GOING)
    services.update_session(
        session=session,
        details=details(location="Zaal 2"),
        starts_at=session.starts_at + timedelta(hours=2),
        ends_at=session.ends_at + timedelta(hours=2),
    )
    reminders = Reminder.objects.filter(rule=Rule.SESSION_CHANGED)
    assert {r.recipient_id for r in reminders} == {
        pilot.participant.user_id,
        pilot.other_participant.user_id,
    }
    assert {(r.subject_key, r.period) for r in reminders} == {(f"session:{session.pk}", "seq1")}
    assert reminders.first().context["change"] == "moved"
    assert (
        reminders.first().context["starts_at"]
        == (session.starts_at + timedelta(hours=2)).isoformat()
    )


def test_cancelling_a_session_marks_it_cancelled_and_notifies_once(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.register(session=session, membership=pilot.participant, response=GOING)
    services.cancel_session(session=session)
    services.cancel_session(session=session)
    session.refresh_from_db()
    assert session.is_cancelled
    assert session.sequence == 1
    reminder = Reminder.objects.get(rule=Rule.SESSION_CHANGED)
    assert reminder.recipient == pilot.participant.user
    assert reminder.context["change"] == "cancelled"


def test_nobody_can_sign_up_for_a_cancelled_session(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.cancel_session(session=session)
    with pytest.raises(services.SessionClosed):
        services.register(session=session, membership=pilot.participant, response=GOING)
    assert not Registration.objects.exists()


# ---- sign-ups ---------------------------------------------------------------------------------


def test_a_full_session_puts_the_next_person_on_the_waiting_list(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=1)
    first = services.register(session=session, membership=pilot.participant, response=GOING)
    second = services.register(session=session, membership=pilot.other_participant, response=GOING)
    assert not first.waiting
    assert second.waiting


def test_answering_the_same_again_keeps_your_place_on_the_waiting_list(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin, capacity=1)
    services.register(session=session, membership=pilot.participant, response=GOING)
    waiting = services.register(session=session, membership=pilot.other_participant, response=GOING)
    again = services.register(session=session, membership=pilot.other_participant, response=GOING)
    assert again.waiting_since == waiting.waiting_since


def test_a_coach_or_someone_of_another_pilot_cannot_sign_up(pilot, other_pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    for membership in (pilot.coach, other_pilot.participant):
        with pytest.raises(services.NotInPilot):
            services.register(session=session, membership=membership, response=GOING)
    assert not Registration.objects.exists()


# ---- attendance -------------------------------------------------------------------------------


def test_marking_someone_present_gives_them_exactly_one_activity_of_the_session(pilot):
    skill = SessionSkillFactory(organisation=pilot.proeftuin.organisation)
    session = PastSessionFactory(proeftuin=pilot.proeftuin, title="AVG in de praktijk")
    session.skills.set([skill])
    services.set_attendance(session=session, present=[pilot.participant.pk])
    services.set_attendance(session=session, present=[pilot.participant.pk])

    activity = LearningActivity.objects.get(membership=pilot.participant)
    assert activity.session == session
    assert activity.kind == "workshop"
    assert activity.minutes == 90
    assert activity.title == "AVG in de praktijk"
    assert list(activity.skills.all()) == [skill]
    assert activity.on == timezone.localtime(session.starts_at).date()


def test_unmarking_someone_removes_their_activity(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[pilot.participant.pk])
    services.set_attendance(session=session, present=[], absent=[pilot.participant.pk])
    assert not LearningActivity.objects.filter(membership=pilot.participant).exists()
    assert Attendance.objects.get(membership=pilot.participant).state == "absent"


def test_attendance_for_someone_outside_the_pilot_writes_nothing(pilot, other_pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    with pytest.raises(services.NotInPilot):
        services.set_attendance(
            session=session, present=[pilot.participant.pk, other_pilot.participant.pk]
        )
    assert not Attendance.objects.exists()
    assert not LearningActivity.objects.exists()


def test_attendance_cannot_be_marked_before_the_session(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    with pytest.raises(services.NotYetHappened):
        services.set_attendance(session=session, present=[pilot.participant.pk])
    assert not Attendance.objects.exists()


# ---- feedback ---------------------------------------------------------------------------------


def test_only_attendees_can_give_feedback_after_the_session(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(
        session=session, present=[pilot.participant.pk], absent=[pilot.other_participant.pk]
    )
    services.give_feedback(session=session, membership=pilot.participant, usefulness=4)
    with pytest.raises(services.NotYetHappened):
        services.give_feedback(session=session, membership=pilot.other_participant, usefulness=2)
    assert session.feedback.count() == 1


def test_feedback_usefulness_outside_one_to_five_is_refused(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[pilot.participant.pk])
    with pytest.raises(services.WorkshopError) as error:
        services.give_feedback(session=session, membership=pilot.participant, usefulness=9)
    assert error.value.field == "usefulness"
    assert not session.feedback.exists()


def test_a_new_feed_revokes_the_old_one(pilot):
    old = services.create_calendar_feed(user=pilot.participant.user)
    new = services.create_calendar_feed(user=pilot.participant.user)
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.revoked_at is None
    assert new.token != old.token


def test_an_inactive_participant_gets_no_message_about_a_cancelled_session(pilot):
    session = SessionFactory(proeftuin=pilot.proeftuin)
    services.register(session=session, membership=pilot.participant, response=GOING)
    pilot.participant.is_active = False
    pilot.participant.save(update_fields=["is_active"])
    services.cancel_session(session=session)
    assert not Reminder.objects.exists()


def test_attendees_of_a_recent_session_are_asked_for_feedback_once(pilot):
    session = PastSessionFactory(proeftuin=pilot.proeftuin)
    services.set_attendance(session=session, present=[pilot.participant.pk])
    services.set_attendance(session=session, present=[pilot.participant.pk])
    reminder = Reminder.objects.get(rule=Rule.SESSION_FEEDBACK)
    assert reminder.recipient == pilot.participant.user
    assert reminder.context["feedback_url"].endswith(f"/bijeenkomsten/{session.pk}/feedback/")


def test_marking_an_old_session_sends_no_feedback_requests(pilot):
    starts = timezone.now() - timedelta(days=40)
    session = PastSessionFactory(
        proeftuin=pilot.proeftuin, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    services.set_attendance(session=session, present=[pilot.participant.pk])
    assert not Reminder.objects.filter(rule=Rule.SESSION_FEEDBACK).exists()

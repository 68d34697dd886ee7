"""Planners of the round reminders: the right people, at the right moment, once."""

import zoneinfo
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import emails
from notifications.models import Reminder, Rule
from proeftuin.measurement import reminders
from proeftuin.models import MeasurementRound
from tests import factories

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS)


def recipients(rule: str) -> set:
    return set(Reminder.objects.filter(rule=rule).values_list("recipient_id", flat=True))


@pytest.fixture
def a_round(pilot):
    return factories.MeasurementRoundFactory(
        proeftuin=pilot.proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=date(2026, 3, 2),
        closes_on=date(2026, 3, 16),
    )


def test_a_round_that_opens_is_announced_to_each_participant_once(pilot, a_round):
    assert reminders.plan_round_opened(at(date(2026, 3, 1))) == 0  # not open yet
    assert reminders.plan_round_opened(at(date(2026, 3, 2))) == 3
    assert reminders.plan_round_opened(at(date(2026, 3, 3))) == 0
    assert recipients(Rule.ROUND_OPENED) == {
        pilot.participant.user_id,
        pilot.other_participant.user_id,
        pilot.third_participant.user_id,
    }


def test_nobody_who_already_answered_or_left_is_told_the_round_opened(pilot, a_round):
    factories.MaturityAssessmentFactory(membership=pilot.participant, round=a_round)
    pilot.other_participant.is_active = False
    pilot.other_participant.save()
    reminders.plan_round_opened(at(date(2026, 3, 2)))
    assert recipients(Rule.ROUND_OPENED) == {pilot.third_participant.user_id}


def test_a_closing_reminder_goes_three_days_before_closing_to_who_has_not_answered(pilot, a_round):
    factories.MaturityAssessmentFactory(membership=pilot.participant, round=a_round)
    assert reminders.plan_round_closing(at(date(2026, 3, 12))) == 0
    assert reminders.plan_round_closing(at(date(2026, 3, 13))) == 2
    assert reminders.plan_round_closing(at(date(2026, 3, 14))) == 0
    assert recipients(Rule.ROUND_CLOSING) == {
        pilot.other_participant.user_id,
        pilot.third_participant.user_id,
    }
    reminder = Reminder.objects.filter(rule=Rule.ROUND_CLOSING).first()
    assert reminder.context["closes_on"] == "2026-03-16"
    assert reminder.subject_key == f"round:{a_round.pk}"


def test_no_closing_reminder_after_the_round_closed(pilot, a_round):
    assert reminders.plan_round_closing(at(date(2026, 3, 17))) == 0


def test_a_second_sweep_plans_nothing_and_does_not_query_per_participant(pilot, a_round):
    reminders.plan_round_opened(at(date(2026, 3, 2)))
    with CaptureQueriesContext(connection) as few:
        assert reminders.plan_round_opened(at(date(2026, 3, 2))) == 0
    for _ in range(10):
        factories.ParticipantFactory(proeftuin=pilot.proeftuin)
    reminders.plan_round_opened(at(date(2026, 3, 2)))
    with CaptureQueriesContext(connection) as many:
        assert reminders.plan_round_opened(at(date(2026, 3, 2))) == 0
    # The participants neither answered nor reminded, and none: no rounds read, no insert.
    assert len(few) == len(many) == 1


def test_the_participants_query_takes_the_open_rounds_as_one_subquery_not_their_ids(
    pilot, a_round, other_pilot
):
    def parameters_of_a_sweep() -> list[int]:
        counted: list[int] = []

        def count(execute, sql, params, many, context):
            counted.append(len(params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            assert reminders.plan_round_opened(at(date(2026, 3, 2))) == 0
        return counted

    reminders.plan_round_opened(at(date(2026, 3, 2)))
    one_round = parameters_of_a_sweep()
    factories.MeasurementRoundFactory(
        proeftuin=other_pilot.proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 20),
    )
    reminders.plan_round_opened(at(date(2026, 3, 2)))
    assert parameters_of_a_sweep() == one_round


def test_the_round_emails_name_the_round_and_link_to_the_form(pilot, a_round, settings):
    settings.SITE_URL = "https://x.test"
    reminders.plan_round_closing(at(date(2026, 3, 13)))
    mail = emails.build(Reminder.objects.filter(rule=Rule.ROUND_CLOSING).first())
    assert "16 maart" in mail.subject
    assert f"https://x.test/p/{pilot.proeftuin.pk}/metingen/{a_round.pk}/" in mail.body

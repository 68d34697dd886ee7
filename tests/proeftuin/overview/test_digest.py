"""The director's monthly digest: planned on the first working day, once, within the group rule."""

import zoneinfo
from datetime import date, datetime

import pytest

from notifications import emails
from notifications.models import Reminder, Rule
from proeftuin.overview import digest as digests
from tests import factories

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS)


def recipients(rule: str) -> set:
    return set(Reminder.objects.filter(rule=rule).values_list("recipient_id", flat=True))


def _pilot_dates(pilot):
    pilot.proeftuin.starts_on = date(2026, 1, 1)
    pilot.proeftuin.ends_on = date(2026, 12, 31)
    pilot.proeftuin.save()


def test_the_first_working_day_skips_weekends_and_holidays():
    assert digests.first_working_day(2026, 2) == date(2026, 2, 2)  # 1 Feb is a Sunday
    assert digests.first_working_day(2027, 1) == date(2027, 1, 4)  # 1 Jan holiday, then weekend
    assert digests.first_working_day(2024, 4) == date(2024, 4, 2)  # Easter Monday 1 April
    assert digests.first_working_day(2026, 6) == date(2026, 6, 1)


def test_the_director_gets_the_digest_on_the_first_working_day_exactly_once(pilot):
    _pilot_dates(pilot)
    assert digests.plan_director_digest(at(date(2026, 2, 1))) == 0  # Sunday
    assert digests.plan_director_digest(at(date(2026, 2, 2))) == 1
    assert digests.plan_director_digest(at(date(2026, 2, 2), 15)) == 0
    assert digests.plan_director_digest(at(date(2026, 2, 20))) == 0
    assert digests.plan_director_digest(at(date(2026, 3, 2))) == 1
    assert recipients(Rule.DIRECTOR_DIGEST) == {pilot.director.user_id}
    assert set(Reminder.objects.values_list("period", flat=True)) == {"2026-02", "2026-03"}


def test_the_digest_is_in_amsterdam_time(pilot):
    _pilot_dates(pilot)
    # 23:30 UTC on Sunday 31 May is already Monday 1 June in Amsterdam.
    late_sunday = datetime(2026, 5, 31, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert digests.plan_director_digest(late_sunday) == 1


def test_the_digest_carries_last_months_headline_figures_within_the_group_rule(pilot):
    _pilot_dates(pilot)
    for membership in (pilot.participant, pilot.other_participant, pilot.third_participant):
        factories.ActivityFactory(membership=membership, on=date(2026, 2, 10), minutes=40)
    factories.GoalFactory(
        membership=pilot.participant, starts_on=date(2026, 2, 1), due_on=date(2026, 4, 1)
    )
    digests.plan_director_digest(at(date(2026, 3, 2)))
    digest = Reminder.objects.get(rule=Rule.DIRECTOR_DIGEST)
    # The ledger names the month; the figures are computed when the e-mail is composed.
    assert digest.context["month"] == "2026-02"
    assert digest.context["url"].startswith(f"/p/{pilot.proeftuin.pk}/overzicht/")
    assert "hours" not in digest.context
    figures = digests.digest_figures(digest)
    assert figures["active"] == 3
    assert figures["participants"] == 3
    assert figures["hours"] == 2.0
    assert figures["goals_set"] is None  # one person's goal: too few


def test_the_digest_figures_are_those_at_sending_time(pilot):
    _pilot_dates(pilot)
    first, second = pilot.participant, pilot.other_participant
    factories.ActivityFactory(membership=first, on=date(2026, 2, 10), minutes=60)
    digests.plan_director_digest(at(date(2026, 3, 2)))
    # Logged after planning but before sending, about last month: the digest includes it.
    factories.ActivityFactory(membership=second, on=date(2026, 2, 20), minutes=30)
    mail = emails.build(Reminder.objects.get(rule=Rule.DIRECTOR_DIGEST))
    assert "Actieve deelnemers: 2 / 3" in mail.body


def test_the_digest_email_says_too_few_and_links_to_the_overview(pilot, settings):
    settings.SITE_URL = "https://x.test"
    _pilot_dates(pilot)
    factories.ActivityFactory(membership=pilot.participant, on=date(2026, 2, 10))
    digests.plan_director_digest(at(date(2026, 3, 2)))
    mail = emails.build(Reminder.objects.get(rule=Rule.DIRECTOR_DIGEST))
    assert pilot.proeftuin.name in mail.subject
    assert "februari 2026" in mail.subject
    assert f"De kerncijfers van {pilot.proeftuin.name} over februari 2026:" in mail.body
    assert "Actieve deelnemers: 1 / 3" in mail.body
    assert "Uren geleerd: te weinig deelnemers" in mail.body
    assert f"https://x.test/p/{pilot.proeftuin.pk}/overzicht/?van=2026-02" in mail.body
    html = mail.alternatives[0][0]
    assert f'href="https://x.test/p/{pilot.proeftuin.pk}/overzicht/?van=2026-02' in html


def test_the_digest_hides_goals_achieved_by_one_person_and_says_why(pilot):
    _pilot_dates(pilot)
    for membership in (pilot.participant, pilot.other_participant, pilot.third_participant):
        factories.GoalFactory(
            membership=membership, starts_on=date(2026, 2, 1), due_on=date(2026, 4, 1)
        )
    pilot.participant.goals.update(status="achieved")
    digests.plan_director_digest(at(date(2026, 3, 2)))
    mail = emails.build(Reminder.objects.get(rule=Rule.DIRECTOR_DIGEST))
    assert "- Leerdoelen behaald / gesteld: te weinig deelnemers / 3\n" in mail.body


def test_the_digest_says_a_figure_is_hidden_so_no_other_can_be_worked_out():
    proeftuin = factories.ProeftuinFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    factories.DirectorFactory(proeftuin=proeftuin)
    people = [factories.ParticipantFactory(proeftuin=proeftuin) for _ in range(4)]
    for person in people:
        factories.GoalFactory(
            membership=person, starts_on=date(2026, 2, 1), due_on=date(2026, 9, 1)
        )
    for person in people[:3]:
        person.goals.update(status="achieved")
    # Three achieved, one open and on track: the open one alone would be set minus achieved.
    digests.plan_director_digest(at(date(2026, 3, 2)))
    mail = emails.build(Reminder.objects.get(rule=Rule.DIRECTOR_DIGEST))
    hidden = "verborgen, anders is een verborgen cijfer terug te rekenen"
    assert f"- Leerdoelen behaald / gesteld: {hidden} / 4\n" in mail.body


def test_no_digest_for_a_pilot_that_had_not_started_last_month(pilot):
    pilot.proeftuin.starts_on = date(2026, 3, 1)
    pilot.proeftuin.ends_on = date(2026, 12, 31)
    pilot.proeftuin.save()
    assert digests.plan_director_digest(at(date(2026, 3, 2))) == 0
    assert digests.plan_director_digest(at(date(2026, 4, 1))) == 1

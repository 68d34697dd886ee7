"""The coach's weekly digest: once per coach per ISO week, only when something waits."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from backlog.models import Question
from learning import services as learning
from notifications import services as notifications
from notifications import timing
from notifications.models import NotificationPreference, Reminder, Rule
from proeftuin.inbox import digest
from tests import factories

pytestmark = pytest.mark.django_db


def this_monday(clock: time = time(8, 0)):
    today = timezone.localdate()
    return timing.at_local(today - timedelta(days=today.weekday()), clock)


def _question(pilot, text: str = "Wanneer is het druk aan de balie?") -> Question:
    return Question.objects.create(
        proeftuin=pilot.proeftuin, text=text, asked_by="de balie", why="Dan plannen we beter."
    )


def _digests() -> list:
    return [
        message
        for message in mail.outbox
        if "Wat er op je wacht" in message.subject or "What is waiting" in message.subject
    ]


def test_the_digest_goes_once_a_week_even_when_the_sweep_runs_twice(pilot):
    _question(pilot)
    notifications.sweep(now=this_monday(time(8, 1)))
    notifications.sweep(now=this_monday(time(8, 3)))
    notifications.sweep(now=this_monday(time(8, 0)) + timedelta(days=3))
    assert [message.to for message in _digests()] == [[pilot.coach.user.email]]
    notifications.sweep(now=this_monday(time(8, 1)) + timedelta(days=7))
    assert len(_digests()) == 2


def test_the_digest_waits_for_monday_eight_oclock(pilot):
    _question(pilot)
    assert digest.plan_coach_inbox_digest(this_monday(time(7, 59))) == 0
    assert digest.plan_coach_inbox_digest(this_monday(time(8, 0))) == 1


def test_no_digest_when_nothing_waits(pilot):
    notifications.sweep(now=this_monday(time(8, 1)))
    assert _digests() == []
    assert not Reminder.objects.filter(rule=Rule.COACH_INBOX_DIGEST).exists()


def test_no_digest_for_a_coach_who_opted_out(pilot):
    _question(pilot)
    NotificationPreference.objects.create(user=pilot.coach.user, rule=Rule.COACH_INBOX_DIGEST)
    assert digest.plan_coach_inbox_digest(this_monday(time(8, 1))) == 0
    notifications.sweep(now=this_monday(time(8, 1)))
    assert _digests() == []


def test_the_digest_is_skipped_when_everything_was_handled_before_it_went(pilot):
    question = _question(pilot)
    digest.plan_coach_inbox_digest(this_monday(time(8, 1)))
    question.delete()
    notifications.sweep(now=this_monday(time(8, 2)))
    assert _digests() == []
    assert Reminder.objects.get(rule=Rule.COACH_INBOX_DIGEST).state == Reminder.State.SKIPPED


def test_the_digest_counts_each_group_and_links_to_the_inbox(pilot, settings):
    settings.SITE_URL = "https://x.test"
    _question(pilot)
    _question(pilot, "Wie belt er op vrijdag?")
    goal = factories.GoalFactory(membership=pilot.participant, statement="Zelf een draaitabel")
    learning.ask_confirmation(goal=goal)
    notifications.sweep(now=this_monday(time(8, 1)))
    [message] = _digests()
    with translation.override("nl"):
        day = date_format(this_monday(), "j F")
    assert message.subject == f"Wat er op je wacht in de proeftuin (week van {day})"
    assert "- Leerdoelen om te bevestigen: 1\n" in message.body
    assert "- Nieuwe vragen in de vragenlijst: 2\n" in message.body
    assert f"https://x.test/p/{pilot.proeftuin.pk}/postvak/" in message.body
    assert "Zelf een draaitabel" not in message.body  # counts only, nobody's goal
    html = message.alternatives[0][0]
    assert f'href="https://x.test/p/{pilot.proeftuin.pk}/postvak/"' in html
    assert "<li>Nieuwe vragen in de vragenlijst: 2</li>" in html


def test_the_digest_speaks_the_coachs_language(pilot):
    pilot.coach.user.language = "en"
    pilot.coach.user.save(update_fields=["language"])
    _question(pilot)
    notifications.sweep(now=this_monday(time(8, 1)))
    [message] = _digests()
    assert message.subject.startswith("What is waiting for you in the pilot (week of ")
    assert "- New questions in the backlog: 1\n" in message.body


def test_another_pilots_items_do_not_make_a_digest(pilot, other_pilot):
    _question(other_pilot)
    notifications.sweep(now=this_monday(time(8, 1)))
    assert [message.to for message in _digests()] == [[other_pilot.coach.user.email]]

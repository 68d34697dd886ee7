"""Demo reminders: a few already in the in-app lists, and one that `make run` mails in minutes."""

from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from . import services
from .models import Reminder, Rule
from .timing import at_local


def seed(pilot) -> None:
    """Idempotent: every row has a fixed key, so a second run finds them all."""
    home = reverse("proeftuin:pilot-home", kwargs={"pilot": pilot.proeftuin.pk})
    now = timezone.now()
    first, second = pilot.participants[0], pilot.participants[1]
    lecture_at = at_local(pilot.today - timedelta(days=5), time(12, 0))
    sent = [
        (
            first,
            Rule.SESSION_SOON,
            "demo:lecture",
            {
                "which": "2d",
                "title": "Lunchlezing: privacy en de AVG in de praktijk",
                "starts_at": lecture_at.isoformat(),
                "ends_at": (lecture_at + timedelta(hours=1)).isoformat(),
                "location": "Kantine, 1e verdieping",
                "url": home,
            },
            lecture_at - timedelta(days=2, hours=3),
            True,
        ),
        (
            first,
            Rule.GOAL_DUE,
            "demo:goal",
            {
                "statement": "Zelf een draaitabel maken van de wachtlijstgegevens",
                "skill": "Analyseren met een spreadsheet",
                "due_on": (pilot.today + timedelta(days=6)).isoformat(),
                "url": home,
            },
            now - timedelta(days=1),
            False,
        ),
        (
            second,
            Rule.EXPERIMENT_REFLECTION,
            "demo:experiment",
            {
                "title": "Wachttijden bij intake in kaart",
                "planned_end": (pilot.today - timedelta(days=2)).isoformat(),
                "days": 1,
                "url": home,
            },
            now - timedelta(days=1, hours=2),
            False,
        ),
        (
            pilot.coach,
            Rule.COACH_PLAN_NEXT_MONTH,
            "demo:plan",
            {"pilot_name": pilot.proeftuin.name, "month": "", "url": home},
            now - timedelta(days=3),
            True,
        ),
    ]
    for membership, rule, key, context, due_at, read in sent:
        reminder, created = services.schedule(
            rule=rule,
            recipient=membership.user,
            subject_key=key,
            period="demo",
            due_at=due_at,
            context=context,
            proeftuin=pilot.proeftuin,
        )
        if created:
            Reminder.objects.filter(pk=reminder.pk).update(
                state=Reminder.State.SENT,
                attempts=1,
                sent_at=due_at,
                read_at=due_at + timedelta(hours=2) if read else None,
            )
    # Due in two minutes: the beat sweep of `make run` mails it to var/mail/.
    services.schedule(
        rule=Rule.GONE_QUIET,
        recipient=first.user,
        subject_key="demo:nudge",
        period="demo",
        due_at=now + timedelta(minutes=2),
        context={"pilot_name": pilot.proeftuin.name, "days": 15, "has_activity": True, "url": home},
        proeftuin=pilot.proeftuin,
    )

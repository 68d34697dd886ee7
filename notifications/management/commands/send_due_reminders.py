"""One reminder sweep, synchronously, as if it were the given moment."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from notifications import services


class Command(BaseCommand):
    help = "Plan the reminders due at --now (default: now) and send them in this process."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="ISO-8601 moment, e.g. 2026-03-29T07:30:00+02:00 (naive = Europe/Amsterdam).",
        )

    def handle(self, *args, now=None, **options):
        moment = timezone.now()
        if now:
            moment = parse_datetime(now)
            if moment is None:
                raise CommandError(f"--now: not an ISO-8601 moment: {now!r}")
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        result = services.sweep(now=moment)
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(result.outcomes.items())) or "-"
        self.stdout.write(
            f"{moment.isoformat()}: planned {result.planned}, flagged ambiguous "
            f"{result.ambiguous}, claimed {len(result.claimed)} ({outcomes})"
        )

import sys

from django.core.management.base import BaseCommand

from proeftuin.web import health


class Command(BaseCommand):
    help = "Check that the database and the broker answer; one clear line per problem."

    def add_arguments(self, parser):
        parser.add_argument("--skip-broker", action="store_true")
        # Beat's health check: the sweeps it schedules keep finishing (the rule of /healthz).
        parser.add_argument("--sweep", action="store_true")

    def handle(self, *args, **options):
        problems = [health.database_problem()]
        if not options["skip_broker"]:
            problems.append(health.broker_problem())
        if options["sweep"]:
            problems.append(health.sweep_problem())
        problems = [p for p in problems if p]
        hints = {
            "database": "check DATABASE_URL and that the database server runs",
            "broker": "check REDIS_URL and that redis-server runs (apt-get install redis-server)",
        }
        for problem in problems:
            part = problem.split()[0]
            hint = hints.get(part, "check that celery beat and a worker run and reach the broker")
            self.stderr.write(f"Cannot start: {problem}; {hint}.")
        if problems:
            sys.exit(1)
        self.stdout.write("Database and broker answer.")

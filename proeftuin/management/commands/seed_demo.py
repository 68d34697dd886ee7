import base64
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from proeftuin.accounts import demo

# Each app that has demo data offers `seed(pilot: DemoPilot)`; they run in this order.
APP_SEEDERS = [
    "learning.demo",
    "backlog.demo",
    "charter.demo",
    "proeftuin.inbox.demo",
    "workshops.demo",
    "proeftuin.measurement.demo",
    "proeftuin.network.demo",
    "notifications.demo",
    "proeftuin.accounts.demo",
]


def seeders() -> list[Callable[[demo.DemoPilot], None]]:
    """The `seed` of every module in APP_SEEDERS; a module that is missing or has none raises,
    naming it, before anything is written (a renamed module would otherwise drop its demo data)."""
    found = []
    for module_name in APP_SEEDERS:
        try:
            module = import_module(module_name)
        except ImportError as exc:
            raise CommandError(f"demo seeder {module_name}: cannot import it ({exc})") from exc
        seed = getattr(module, "seed", None)
        if not callable(seed):
            raise CommandError(f"demo seeder {module_name}: it has no callable seed(pilot)")
        found.append(seed)
    return found


class Command(BaseCommand):
    help = "Create the demo pilot with months of history; running it again changes nothing."

    def handle(self, *args, **options):
        app_seeders = seeders()
        pilot = demo.seed_people()
        for seed in app_seeders:
            seed(pilot)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            "Logins (password: DEMO_PASSWORD, default 'proeftuin-demo'): coach@demo.example, "
            "director@demo.example, steering@demo.example (steering group), "
            "participant1@demo.example … participant12@demo.example (participant3 is an "
            "ambassador, participant6 an ethics reviewer)"
        )
        self.stdout.write(
            "Coach and director use two-factor authentication with the public demo key "
            f"{base64.b32encode(bytes.fromhex(settings.DEMO_TOTP_KEY)).decode().rstrip('=')} "
            "(add it to an authenticator app; with DJANGO_DEBUG=1 the code page shows the code)."
        )
        if settings.DEMO_PASSWORD == "proeftuin-demo" and not settings.DEBUG:
            self.stderr.write("Warning: the demo password is the public default.")

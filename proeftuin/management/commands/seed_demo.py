import base64
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from proeftuin import demo

# Each app that has demo data offers `seed(pilot: DemoPilot)`; they run in this order.
APP_SEEDERS = [
    "learning.demo",
    "workshops.demo",
    "proeftuin.demo_measurement",
    "notifications.demo",
    "proeftuin.demo_security",
]


class Command(BaseCommand):
    help = "Create the demo pilot with months of history; running it again changes nothing."

    def handle(self, *args, **options):
        pilot = demo.seed_people()
        for module_name in APP_SEEDERS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.seed(pilot)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            "Logins (password: DEMO_PASSWORD, default 'proeftuin-demo'): coach@demo.example, "
            "director@demo.example, participant1@demo.example … participant12@demo.example"
        )
        self.stdout.write(
            "Coach and director use two-factor authentication with the public demo key "
            f"{base64.b32encode(bytes.fromhex(settings.DEMO_TOTP_KEY)).decode().rstrip('=')} "
            "(add it to an authenticator app; with DJANGO_DEBUG=1 the code page shows the code)."
        )
        if settings.DEMO_PASSWORD == "proeftuin-demo" and not settings.DEBUG:
            self.stderr.write("Warning: the demo password is the public default.")

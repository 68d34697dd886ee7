"""The one beat entry: the reminder sweep every 2 minutes (django-celery-beat, in the admin)."""

from django.db import migrations
from django.utils import timezone

SWEEP_TASK = "notifications.tasks.sweep_reminders"
NAME = "Herinneringen: sweep"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every_two_minutes, _ = IntervalSchedule.objects.get_or_create(every=2, period="minutes")
    _task, created = PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": SWEEP_TASK,
            "interval": every_two_minutes,
            "enabled": True,
            "description": "Plans due reminders and hands them to send tasks (docs/reminders.md).",
        },
    )
    if created:
        # Historical models skip PeriodicTask.save(), which tells a running beat to reload.
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_send_started_at"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]

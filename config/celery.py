"""The Celery app: Redis is the broker, tasks are found in every installed app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("proeftuin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

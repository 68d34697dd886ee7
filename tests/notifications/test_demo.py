import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Reminder

pytestmark = pytest.mark.django_db


def test_the_demo_has_read_and_unread_notifications_and_one_mail_due_within_minutes():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    demo = Reminder.objects.filter(subject_key__startswith="demo:")
    assert demo.filter(state="sent", read_at__isnull=True).exists()
    assert demo.filter(state="sent", read_at__isnull=False).exists()
    [pending] = demo.filter(state="pending")
    assert timezone.now() < pending.due_at < timezone.now() + timezone.timedelta(minutes=5)
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Reminder.objects.filter(subject_key__startswith="demo:").count() == demo.count()


def test_the_demo_participant_sees_the_notifications_in_the_app(client):
    from proeftuin.models import User

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    client.force_login(User.objects.get(email="participant1@demo.example"))
    page = client.get("/meldingen/").content.decode()
    assert "Lunchlezing: privacy en de AVG in de praktijk" in page
    assert "Je leerdoel loopt" in page

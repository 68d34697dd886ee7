from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_activities_attendance_created(apps, schema_editor):
    # Until now only attendance linked an activity to a session (participants could not), so
    # every linked activity of someone marked present was created by attendance.
    Attendance = apps.get_model("workshops", "Attendance")
    LearningActivity = apps.get_model("learning", "LearningActivity")
    linked = LearningActivity.objects.filter(
        session_id=OuterRef("session_id"), membership_id=OuterRef("membership_id")
    )
    Attendance.objects.filter(present=True).filter(Exists(linked)).update(created_activity=True)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_initial"),
        ("workshops", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendance",
            name="created_activity",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_activities_attendance_created, migrations.RunPython.noop),
    ]

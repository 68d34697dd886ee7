"""Audit events store a code and parameters instead of a sentence in the writer's language."""

from django.db import migrations, models

# Every sentence the code wrote before events had codes, in Dutch and in its English translation
# (events were stored in the language of whoever acted). Anything else is kept as a text.
OLD_TEXTS = {
    "learning.goal": ["leerdoel", "learning goal"],
    "learning.experiment": ["praktijkexperiment", "on-the-job experiment"],
    "learning.participant": ["leerdoelen, activiteiten en experimenten"],
    "learning.skill_levels_csv": ["deelnemers per vaardigheid (CSV)"],
    "overview.people": [
        "voortgang per deelnemer (overzicht)",
        "progress per participant (overview)",
    ],
    "overview.shared": [
        "gedeelde voortgang (overzicht directeur)",
        "shared progress (director's overview)",
    ],
    "toolkit.lesson": ["les voor het informatiepakket", "lesson for the toolkit"],
    "privacy.export": ["alle eigen gegevens (export)", "all your own data (export)"],
    "privacy.erased": ["alle persoonsgegevens gewist", "all personal data erased"],
    "privacy.anonymised": [
        "bewaartermijn verstreken: gegevens in de proeftuin geanonimiseerd",
        "retention period expired: data in the pilot anonymised",
    ],
    "privacy.sharing_on": [
        "voortgang op naam delen met de directeur: aan",
        "share progress by name with the director: on",
    ],
    "privacy.sharing_off": [
        "voortgang op naam delen met de directeur: uit",
        "share progress by name with the director: off",
    ],
}
CODE_OF = {text: code for code, texts in OLD_TEXTS.items() for text in texts}


def texts_to_codes(apps, schema_editor):
    AuditEvent = apps.get_model("proeftuin", "AuditEvent")
    for code, texts in OLD_TEXTS.items():
        AuditEvent.objects.filter(what__in=texts).update(code=code, params={})
    for event in AuditEvent.objects.filter(code="").only("pk", "what").iterator():
        AuditEvent.objects.filter(pk=event.pk).update(code="text", params={"text": event.what})


def codes_to_texts(apps, schema_editor):
    AuditEvent = apps.get_model("proeftuin", "AuditEvent")
    for code, texts in OLD_TEXTS.items():
        AuditEvent.objects.filter(code=code).update(what=texts[0])
    for event in AuditEvent.objects.exclude(code__in=OLD_TEXTS).only("pk", "code", "params"):
        text = (event.params or {}).get("text") or event.code
        AuditEvent.objects.filter(pk=event.pk).update(what=str(text)[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("proeftuin", "0003_user_sessions_epoch"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="code",
            field=models.CharField(default="", max_length=60),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="what",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(texts_to_codes, codes_to_texts),
        migrations.RemoveField(model_name="auditevent", name="what"),
    ]

"""The history and the public generation become the shared app's models.

Both tables were made by organizations' migrations (0001, 0002) and hold the portal's whole
history and its public generation: they keep their names and every row. This migration
changes only what Django knows: the models now belong to `common`, their tables stay
`organizations_historyentry` and `organizations_publicgeneration`, and no SQL runs.
organizations 0004 drops them from organizations' state and moves their content types.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import common.text

HISTORY_ENTRY = migrations.CreateModel(
    name="HistoryEntry",
    fields=[
        (
            "id",
            models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        (
            "object_id",
            models.CharField(max_length=64, validators=[common.text.refuse_control_characters]),
        ),
        (
            "action",
            models.CharField(
                max_length=40,
                validators=[common.text.refuse_control_characters],
                verbose_name="action",
            ),
        ),
        ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="when")),
        (
            "reason",
            models.TextField(
                blank=True,
                validators=[common.text.refuse_control_characters],
                verbose_name="reason",
            ),
        ),
        ("changes", models.JSONField(blank=True, default=dict, verbose_name="changes")),
        (
            "actor",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        (
            "content_type",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype"
            ),
        ),
    ],
    options={
        "verbose_name": "history entry",
        "verbose_name_plural": "history",
        "db_table": "organizations_historyentry",
        "ordering": ["-at", "-pk"],
        "indexes": [
            models.Index(
                fields=["content_type", "object_id", "at"], name="organizatio_content_53a6a6_idx"
            )
        ],
    },
)

PUBLIC_GENERATION = migrations.CreateModel(
    name="PublicGeneration",
    fields=[
        (
            "id",
            models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        ("value", models.PositiveBigIntegerField(default=0, verbose_name="generation")),
        (
            "changed_at",
            models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="last public change"
            ),
        ),
    ],
    options={
        "verbose_name": "public content generation",
        "verbose_name_plural": "public content generation",
        "db_table": "organizations_publicgeneration",
    },
)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The tables as organizations' migrations left them (created in 0001 and 0002,
        # their text fields checked in 0003): on a new database they exist before this runs.
        ("organizations", "0003_text_fields_refuse_control_characters"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[HISTORY_ENTRY, PUBLIC_GENERATION], database_operations=[]
        ),
    ]

"""Each activity's calendar event UID becomes a column of its own, fixed at creation.

Until now the feed wrote `activity-<pk>@<host of PORTAL_BASE_URL>`, so setting or changing the
address changed every UID, and subscribers' calendar apps would have shown each activity twice.
The activities that exist keep exactly the UID the feed has been giving them: the host is read
from PORTAL_BASE_URL as the feed read it, so this migration must run with the address the
portal had until now (docs/operations.md, section 3). New activities get a random UUID.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations, models
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

import campaigns.models.activities


def keep_the_uids_already_issued(apps, schema_editor):
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    Activity = apps.get_model("campaigns", "Activity")
    # One UPDATE; update() leaves updated_at (the events' LAST-MODIFIED) as it was.
    Activity.objects.using(schema_editor.connection.alias).update(
        calendar_uid=Concat(
            Value("activity-"),
            Cast("pk", CharField()),
            Value(f"@{host}"),
            output_field=CharField(),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_review_queue"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="calendar_uid",
            field=models.CharField(
                editable=False, max_length=255, null=True, verbose_name="calendar event UID"
            ),
        ),
        migrations.RunPython(keep_the_uids_already_issued, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activity",
            name="calendar_uid",
            field=models.CharField(
                default=campaigns.models.activities.new_calendar_uid,
                editable=False,
                max_length=255,
                unique=True,
                verbose_name="calendar event UID",
            ),
        ),
    ]

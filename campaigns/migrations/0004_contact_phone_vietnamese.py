"""The contact phone becomes a checked Vietnamese number (common.phones), and the
numbers already stored are rewritten in its one form: "912345678", which a spreadsheet left
without its leading 0, becomes "0912 345 678". A number that cannot be read is left as it
is (the next edit asks for a valid one). Each rewrite is in the activity's history."""

from django.core.exceptions import ValidationError
from django.db import migrations

import common.phones

REASON = "Số điện thoại được viết lại theo một dạng chung."


def history_model(apps):
    """The history's model, whichever app holds it when this runs: organizations' until
    organizations 0004 hands it to common (same table), which a new database may apply
    before this migration."""
    try:
        return apps.get_model("common", "HistoryEntry")
    except LookupError:
        return apps.get_model("organizations", "HistoryEntry")


def rewrite_phones(apps, schema_editor):
    Activity = apps.get_model("campaigns", "Activity")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HistoryEntry = history_model(apps)
    content_type = None
    for pk, phone in Activity.objects.exclude(contact_phone="").values_list("pk", "contact_phone"):
        try:
            written = common.phones.phone_from_spreadsheet(phone)
        except ValidationError:
            continue
        if written == phone:
            continue
        if content_type is None:
            content_type, _created = ContentType.objects.get_or_create(
                app_label="campaigns", model="activity"
            )
        Activity.objects.filter(pk=pk).update(contact_phone=written)
        HistoryEntry.objects.create(
            content_type=content_type,
            object_id=str(pk),
            action="changed",
            reason=REASON,
            changes={"contact_phone": [phone, written]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_calendar_uid"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0002_public_generation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activity",
            name="contact_phone",
            field=common.phones.PhoneNumberField(
                blank=True, max_length=30, verbose_name="contact phone"
            ),
        ),
        migrations.RunPython(rewrite_phones, migrations.RunPython.noop),
    ]

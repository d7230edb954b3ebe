"""A person's phone becomes a checked Vietnamese number (common.phones), like an activity's
contact phone, and the numbers already stored are rewritten in its one form ("0912345678"
becomes "0912 345 678"). A number that cannot be read is left as it is: the next edit of
the account asks for a valid one. Each rewrite is in the person's history."""

from django.core.exceptions import ValidationError
from django.db import migrations

import common.phones

REASON = "Số điện thoại được viết lại theo một dạng chung."


def rewrite_phones(apps, schema_editor):
    User = apps.get_model("organizations", "User")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HistoryEntry = apps.get_model("common", "HistoryEntry")
    content_type = None
    for pk, phone in User.objects.exclude(phone="").values_list("pk", "phone"):
        try:
            written = common.phones.phone_from_spreadsheet(phone)
        except ValidationError:
            continue
        if written == phone or len(written) > 20:
            continue
        if content_type is None:
            content_type, _created = ContentType.objects.get_or_create(
                app_label="organizations", model="user"
            )
        User.objects.filter(pk=pk).update(phone=written)
        HistoryEntry.objects.create(
            content_type=content_type,
            object_id=str(pk),
            action="phone_rewritten",
            reason=REASON,
            changes={"phone": [phone, written]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_history_and_public_generation"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0004_history_and_public_generation_to_common"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="phone",
            field=common.phones.PhoneNumberField(blank=True, max_length=20, verbose_name="phone"),
        ),
        migrations.RunPython(rewrite_phones, migrations.RunPython.noop),
    ]

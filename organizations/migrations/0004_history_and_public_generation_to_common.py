"""The history and the public generation leave organizations for the shared app (common
0001 takes them over). Their tables and rows stay as they are: only Django's state drops
the two models here, and their content types move from `organizations` to `common`, each
row keeping its id, so the permissions that point to it (and whoever holds them) and the
admin's log stay with it.
"""

from django.conf import settings
from django.db import migrations

MOVED = ("historyentry", "publicgeneration")


def move_content_types(apps, source, target):
    """Give each moved model's content type of `source` to `target`, keeping its id. If
    `target` has a row for it already (the start-up after a partial migrate makes one), that
    row's permissions, their holders and its log entries join the older row, and it goes."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a new database: the content types are made after migrating
            continue
        newer = ContentType.objects.filter(app_label=target, model=model).first()
        if newer is not None:
            _merge(apps, newer, into=old)
            newer.delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def _merge(apps, newer, *, into):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    holders = ((Group.permissions.through, "group"), (User.user_permissions.through, "user"))
    for permission in Permission.objects.filter(content_type=newer):
        kept = Permission.objects.filter(content_type=into, codename=permission.codename).first()
        if kept is None:
            permission.content_type = into
            permission.save(update_fields=["content_type"])
            continue
        for through, holder in holders:
            holding = set(through.objects.filter(permission=kept).values_list(holder, flat=True))
            moving = through.objects.filter(permission=permission).exclude(
                **{f"{holder}__in": holding}
            )
            moving.update(permission=kept)
        permission.delete()  # with the grants its twin already had
    try:
        LogEntry = apps.get_model("admin", "LogEntry")
    except LookupError:
        return
    LogEntry.objects.filter(content_type=newer).update(content_type=into)


def forwards(apps, schema_editor):
    move_content_types(apps, "organizations", "common")


def backwards(apps, schema_editor):
    move_content_types(apps, "common", "organizations")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0003_text_fields_refuse_control_characters"),
        ("common", "0001_history_and_public_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoryEntry"),
                migrations.DeleteModel(name="PublicGeneration"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

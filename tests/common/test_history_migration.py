"""The history and the public generation moved from organizations to common without losing
a row (common 0001, organizations 0004): a database of the portal as it was, with units, a
history and a public generation written through that day's models, migrates forward and
every row reads back the same through the models of today; the content types keep their
ids, so the permissions that point to them and whoever holds them stay as they were.
"""

import datetime
import importlib

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from common import public_cache
from common.models import HistoryEntry, PublicGeneration
from organizations.models import Unit, User

BEFORE = [
    ("organizations", "0003_text_fields_refuse_control_characters"),
    ("common", None),
]
AT = datetime.datetime(2024, 9, 15, 1, 0, tzinfo=datetime.UTC)
MOVED = ("historyentry", "publicgeneration")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def content_types(app_label):
    rows = ContentType.objects.filter(app_label=app_label, model__in=MOVED)
    return {row.model: row.pk for row in rows}


def write_the_portal_as_it_was(old_apps):
    """Units, a person, three history entries (one by nobody, one about an activity) and the
    public generation, written through the models of organizations 0003."""
    OldUnit = old_apps.get_model("organizations", "Unit")
    OldUser = old_apps.get_model("organizations", "User")
    OldEntry = old_apps.get_model("organizations", "HistoryEntry")
    OldGeneration = old_apps.get_model("organizations", "PublicGeneration")
    OldContentType = old_apps.get_model("contenttypes", "ContentType")

    le_chan = OldUnit.objects.create(
        code="307", name="Quận Lê Chân", search_name="quan le chan", kind="quan"
    )
    an_bien = OldUnit.objects.create(
        code="11311",
        name="Phường An Biên",
        search_name="phuong an bien",
        kind="phuong",
        parent_code="307",
        valid_until=datetime.date(2025, 6, 30),
    )
    staff = OldUser.objects.create(username="hoa.staff", full_name="Nguyễn Thị Hoa")
    unit_type = OldContentType.objects.get_or_create(app_label="organizations", model="unit")[0]
    activity_type = OldContentType.objects.get_or_create(app_label="campaigns", model="activity")[0]
    OldEntry.objects.create(
        content_type=unit_type,
        object_id=str(le_chan.pk),
        action="created",
        actor=staff,
        at=AT,
        changes={"name": [None, "Quận Lê Chân"], "kind": [None, "quan"]},
    )
    OldEntry.objects.create(
        content_type=unit_type,
        object_id=str(an_bien.pk),
        action="imported",
        at=AT + datetime.timedelta(minutes=5),
        reason="Danh mục đơn vị hành chính 2024",
        changes={"valid_until": [None, "2025-06-30"]},
    )
    OldEntry.objects.create(
        content_type=activity_type,
        object_id="42",
        action="published",
        actor=staff,
        at=AT + datetime.timedelta(days=1),
        reason="",
        changes={"state": ["submitted", "published"]},
    )
    OldGeneration.objects.update_or_create(pk=1, defaults={"value": 7, "changed_at": AT})
    return {
        "units": list(OldUnit.objects.order_by("pk").values()),
        "history": list(OldEntry.objects.order_by("pk").values()),
        "generation": list(OldGeneration.objects.order_by("pk").values()),
        "staff": staff.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_the_history_and_the_public_generation_keep_every_row_across_the_move():
    moved_types = content_types("common")
    view_history = Permission.objects.get(codename="view_historyentry")
    readers = Group.objects.create(name="Đọc lịch sử")
    readers.permissions.add(view_history)
    leaves = latest()
    try:
        executor = migrate(BEFORE)
        ContentType.objects.clear_cache()
        # Back in organizations, with the same content type rows.
        assert content_types("organizations") == moved_types
        assert content_types("common") == {}
        written = write_the_portal_as_it_was(executor.loader.project_state(BEFORE[0]).apps)

        migrate(leaves)
    finally:
        migrate(leaves)
        ContentType.objects.clear_cache()

    assert list(Unit.objects.order_by("pk").values()) == written["units"]
    assert list(HistoryEntry.objects.order_by("pk").values()) == written["history"]
    assert list(PublicGeneration.objects.order_by("pk").values()) == written["generation"]
    assert public_cache.current() == (7, AT)

    le_chan = Unit.objects.get(code="307")
    (created,) = HistoryEntry.objects.for_object(le_chan)
    assert (created.action, created.at, created.actor) == ("created", AT, User.objects.get())
    assert created.history_type.code == "organizations.unit.created"
    assert [entry.action for entry in HistoryEntry.objects.all()] == [
        "published",
        "imported",
        "created",
    ]
    assert HistoryEntry.objects.get(action="published").model_key == "campaigns.activity"

    assert content_types("common") == moved_types
    assert content_types("organizations") == {}
    assert ContentType.objects.get_for_model(HistoryEntry).pk == moved_types["historyentry"]
    assert Permission.objects.get(codename="view_historyentry").pk == view_history.pk
    assert list(readers.permissions.all()) == [view_history]


@pytest.fixture
def move_content_types():
    migration = importlib.import_module(
        "organizations.migrations.0004_history_and_public_generation_to_common"
    )
    yield migration.move_content_types
    ContentType.objects.clear_cache()


def test_a_row_the_start_up_made_joins_the_content_type_that_moves(
    move_content_types, staff, officer_le_chan
):
    """A start-up after a partial migrate can have made common's row already: its
    permissions, their holders and its log entries join organizations' row, which keeps its
    id under its new app, and the newer row goes."""
    newer = ContentType.objects.get_for_model(HistoryEntry)
    old = ContentType.objects.create(app_label="organizations", model="historyentry")
    old_view = Permission.objects.create(
        content_type=old, codename="view_historyentry", name="Can view history entry"
    )
    old_export = Permission.objects.create(
        content_type=old, codename="export_historyentry", name="Can export history entry"
    )
    newer_view = Permission.objects.get(content_type=newer, codename="view_historyentry")
    newer_add = Permission.objects.get(content_type=newer, codename="add_historyentry")
    readers = Group.objects.create(name="Đọc lịch sử")
    readers.permissions.add(old_view, old_export)
    staff.user_permissions.add(old_view, newer_view)
    officer_le_chan.user_permissions.add(newer_view, newer_add)
    log = LogEntry.objects.create(
        user=staff,
        content_type=newer,
        object_id="1",
        object_repr="history entry",
        action_flag=CHANGE,
        action_time=timezone.now(),
    )

    from django.apps import apps

    move_content_types(apps, "organizations", "common")

    assert not ContentType.objects.filter(pk=newer.pk).exists()
    rows = ContentType.objects.filter(model="historyentry").values_list("pk", "app_label")
    assert list(rows) == [(old.pk, "common")]
    assert not Permission.objects.filter(pk=newer_view.pk).exists()
    assert Permission.objects.get(pk=newer_add.pk).content_type_id == old.pk
    assert set(readers.permissions.all()) == {old_view, old_export}
    assert list(staff.user_permissions.all()) == [old_view]
    assert set(officer_le_chan.user_permissions.all()) == {old_view, newer_add}
    log.refresh_from_db()
    assert log.content_type_id == old.pk

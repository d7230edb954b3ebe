"""History types: each app registers the actions it writes on its own records, with their
labels (common.history.types). Two apps' "imported" keep their own words, an action
nobody registered cannot be written, and one code registered twice stops the start-up.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from campaigns.models import Activity, ActivityState
from common.history import audit
from common.history import types as history_types
from common.models import HistoryEntry
from organizations.models import Unit
from tests.campaigns.pages import change_url


def test_each_app_keeps_its_own_label_for_imported_in_the_vietnamese_admin(
    client_for, staff, units, activity
):
    item = activity()
    audit.record(units.an_bien, action="imported", by=staff, reason="Tệp 2025")
    audit.record(item, action="imported", by=staff)
    client = client_for(staff, language="vi")

    unit_page = client.get(reverse("admin:organizations_unit_change", args=[units.an_bien.pk]))
    activity_page = client.get(change_url(item))

    assert "đã nhập từ tệp" in unit_page.text
    assert "đã nhập từ bảng tính" not in unit_page.text
    assert "Đã nhập từ bảng tính" in activity_page.text  # capfirst in the history table
    assert "đã nhập từ tệp" not in activity_page.text.lower()


def test_deleted_reads_vietnamese_in_the_vietnamese_admin(client_for, staff, units):
    audit.record(units.an_bien, action="deleted", by=staff)
    client = client_for(staff, language="vi")

    page = client.get(reverse("admin:organizations_unit_change", args=[units.an_bien.pk]))

    assert "đã xóa" in page.text
    assert "— deleted —" not in page.text


def test_registering_a_code_twice_stops_the_start_up():
    with pytest.raises(ImproperlyConfigured, match=r"organizations\.unit\.imported"):
        history_types.register_types("organizations.unit", {"imported": "again"})
    with translation.override("en"):
        assert str(history_types.get("organizations.unit", "imported").label) == (
            "imported from a file"
        )


def test_an_action_nobody_registered_is_not_written(units):
    with pytest.raises(LookupError):
        audit.record(units.an_bien, action="published")
    assert not HistoryEntry.objects.exists()


def test_the_public_page_reads_only_an_activitys_changes_and_its_cancellation():
    assert history_types.actions_for(history_types.model_key(Activity), "public") == [
        "changed",
        "cancelled",
    ]
    assert history_types.actions_for(history_types.model_key(Unit), "public") == []


def test_every_entry_of_an_activitys_life_has_a_registered_type(activity, staff):
    from campaigns import services

    item = activity(ActivityState.PUBLISHED)
    services.cancel_activity(item, by=staff, reason="Hoãn vì bão.")
    entries = list(audit.history_of(item))

    assert [entry.action for entry in entries] == ["cancelled", "published", "submitted", "created"]
    assert [entry.history_type.code for entry in entries] == [
        "campaigns.activity.cancelled",
        "campaigns.activity.published",
        "campaigns.activity.submitted",
        "campaigns.activity.created",
    ]


def test_one_renderer_shows_each_audience_its_part(activity, staff):
    from campaigns import services
    from common.history.display import history_rows

    item = activity(ActivityState.PUBLISHED)
    services.cancel_activity(item, by=staff, reason="Hoãn vì bão.")

    admin = history_rows(item, audience="admin")
    portal = history_rows(item, audience="portal")
    public = history_rows(item, audience="public")

    assert [row["entry"].action for row in admin] == [
        "cancelled",
        "published",
        "submitted",
        "created",
    ]
    assert [row["entry"].action for row in portal] == [row["entry"].action for row in admin]
    assert admin[0]["actor"] == staff.display_name
    assert [(row["entry"].action, row["reason"], row["actor"]) for row in public] == [
        ("cancelled", "Hoãn vì bão.", None)
    ]
    assert public[0]["changes"] == []  # the state is not one of the public details

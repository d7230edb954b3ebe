"""The admin's unit import on django-import-export's own flow, between the preview and the
confirmation: the upload waits in a folder of its own, bound to the person who uploaded it,
and is read back within read_table's limits; the confirmation writes all rows or none.

The small Hải Phòng of tests/conftest.py (`units`); messages read in English.
"""

import os
import stat
import tempfile
import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from common.models import HistoryEntry
from common.spreadsheets.admin_import import PendingUploadStorage
from common.spreadsheets.reading import MAX_BYTES
from organizations.importing import REQUIRED_COLUMNS
from organizations.models import Unit
from organizations.resources import UnitResource
from tests.organizations.test_unit_import import (
    GOOD_ROWS,
    MIXED_ERRORS,
    MIXED_ROWS,
    counts,
    dataset_of,
)
from tests.organizations.unit_tables import table_csv, table_xlsx, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]

IMPORT_URL = reverse("admin:organizations_unit_import")
PROCESS_URL = reverse("admin:organizations_unit_process_import")
CHANGELIST_URL = reverse("admin:organizations_unit_changelist")


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    """The folder where uploads wait, inside this test's own temporary folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / PendingUploadStorage.folder_name


def stored(folder):
    return sorted(folder.iterdir()) if folder.exists() else []


def preview(client, rows=GOOD_ROWS, name="units.csv", content=None):
    if content is None:
        content = table_xlsx(rows) if name.endswith(".xlsx") else table_csv(rows)
    return client.post(IMPORT_URL, {"resource": "0", "import_file": upload(name, content)})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_refused(response, message="That upload has expired"):
    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert any(message in text for text in messages_of(response)), messages_of(response)


# The resource's hooks: the whole file checked first, all rows written or none


def test_the_resource_writes_nothing_of_a_file_with_a_bad_row(units, superuser):
    before = counts()

    result = UnitResource().import_data(dataset_of(MIXED_ROWS), dry_run=False, user=superuser)

    assert counts() == before
    assert result.has_validation_errors()
    assert {(error.line, error.column) for error in result.report.errors} == MIXED_ERRORS
    invalid = {row.number + 1 for row in result.invalid_rows}  # the library counts from 1
    assert invalid == {line for line, _column in MIXED_ERRORS}
    assert (result.totals["new"], result.totals["update"]) == (0, 0)


def test_the_resource_dry_run_writes_nothing_and_the_real_run_everything(units, superuser):
    before = counts()

    preview = UnitResource().import_data(dataset_of(GOOD_ROWS), dry_run=True, user=superuser)

    assert counts() == before
    assert not preview.has_errors()
    assert not preview.has_validation_errors()
    assert (preview.totals["new"], preview.totals["update"]) == (2, 0)
    result = UnitResource().import_data(
        dataset_of(GOOD_ROWS), dry_run=False, user=superuser, file_name="units.csv"
    )
    assert (result.report.created, result.report.updated) == (2, 0)
    entry = HistoryEntry.objects.for_object(Unit.objects.get(code="11368")).get()
    assert (entry.action, entry.actor, entry.reason) == (
        "imported",
        superuser,
        "Imported from units.csv",
    )
    again = UnitResource().import_data(dataset_of(GOOD_ROWS), dry_run=False)
    assert again.totals["skip"] == 2
    assert again.report.unchanged == 2


def test_a_problem_of_the_whole_file_makes_the_result_invalid(units):
    before = counts()
    header = [column for column in REQUIRED_COLUMNS if column != "kind"]
    values = dict(zip(REQUIRED_COLUMNS, GOOD_ROWS[0][:6], strict=True))
    rows = [[values[column] for column in header]]

    result = UnitResource().import_data(dataset_of(rows, header), dry_run=False)

    assert result.has_validation_errors()
    assert [(error.line, error.column) for error in result.report.errors] == [(1, "kind")]
    assert counts() == before


# The upload between preview and confirmation


def test_the_upload_waits_in_a_private_folder_until_it_is_confirmed(superuser_client, folder):
    response = preview(superuser_client)

    [waiting] = stored(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(waiting.stat().st_mode) == 0o600
    confirmed = superuser_client.post(PROCESS_URL, response.context["confirm_form"].initial)
    assert confirmed.status_code == 302
    assert stored(folder) == []


def test_a_file_with_bad_rows_is_not_kept(superuser_client, folder):
    response = preview(superuser_client, MIXED_ROWS)

    assert response.context["report"].errors
    assert stored(folder) == []


def test_a_file_larger_than_an_import_reads_is_refused_before_it_is_stored(
    superuser_client, folder
):
    content = table_csv(GOOD_ROWS) + b"\n" * MAX_BYTES

    response = preview(superuser_client, content=content)

    assert "too large" in str(response.context["form"].errors["import_file"])
    assert stored(folder) == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("units.csv", "not a CSV text file"),  # a workbook named .csv is read as CSV
        ("units.xls", "Old Excel files"),
        ("units.pdf", "Only .xlsx and .csv"),
    ],
)
def test_the_format_is_the_file_names(superuser_client, folder, name, words):
    response = preview(superuser_client, name=name, content=table_xlsx(GOOD_ROWS))

    assert words in str(response.context["form"].errors["import_file"])
    assert "confirm_form" not in response.context
    assert stored(folder) == []


def test_the_upload_form_has_only_the_file_to_choose(superuser_client):
    form = superuser_client.get(IMPORT_URL).context["form"]

    assert [field.name for field in form.visible_fields()] == ["import_file"]
    assert "format" not in form.fields


# Only the uploader's own upload, and only the file that was stored


def test_another_persons_upload_cannot_be_confirmed(superuser_client, client_for, staff):
    theirs = preview(client_for(staff)).context["confirm_form"].initial
    before = counts()

    response = superuser_client.post(PROCESS_URL, theirs)

    assert_refused(response)
    assert counts() == before


def test_the_confirmation_names_no_file_but_the_signed_one(superuser_client, folder):
    preview(superuser_client)
    [waiting] = stored(folder)
    before = counts()

    for name in (waiting.name, "../" * 8 + "etc/passwd", "0" * 32):
        response = superuser_client.post(
            PROCESS_URL,
            {"import_file_name": name, "original_file_name": "units.csv", "format": "0"},
        )
        assert_refused(response)
    assert counts() == before
    assert stored(folder) == [waiting]


def test_what_was_signed_counts_not_what_is_posted_beside_it(superuser_client, superuser):
    confirm = preview(superuser_client).context["confirm_form"].initial
    confirm.update(original_file_name="something-else.xlsx", format="1", resource="7")

    response = superuser_client.post(PROCESS_URL, confirm)

    assert response.status_code == 302
    assert response["Location"] == CHANGELIST_URL
    entry = HistoryEntry.objects.for_object(Unit.objects.get(code="11368")).get()
    assert (entry.action, entry.actor, entry.reason) == (
        "imported",
        superuser,
        "Imported from units.csv",
    )


def test_a_confirmation_a_day_later_is_refused(superuser_client, monkeypatch):
    confirm = preview(superuser_client).context["confirm_form"].initial
    later = time.time() + 24 * 60 * 60 + 60
    monkeypatch.setattr(time, "time", lambda: later)
    before = counts()

    assert_refused(superuser_client.post(PROCESS_URL, confirm))
    assert counts() == before


def test_an_old_upload_is_forgotten_when_another_is_stored(superuser_client, folder):
    preview(superuser_client)
    [old] = stored(folder)
    day_ago = time.time() - 24 * 60 * 60 - 60
    os.utime(old, (day_ago, day_ago))

    preview(superuser_client)

    assert old not in stored(folder)
    assert len(stored(folder)) == 1


def test_the_folder_must_be_the_portals_own(folder, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder.symlink_to(elsewhere)

    with pytest.raises(PermissionError):
        PendingUploadStorage.folder()


def test_the_storage_opens_only_names_it_gave():
    for name in ("../units.csv", "/etc/passwd", "", None, "A" * 32):
        storage = PendingUploadStorage(name=name)
        assert not storage.exists()
        with pytest.raises(FileNotFoundError):
            storage.read()
        storage.remove()  # nothing to remove, nothing removed


# The confirmation reads the stored file as the preview did


def test_the_confirmation_reads_no_more_than_an_import_reads(superuser_client, folder):
    confirm = preview(superuser_client).context["confirm_form"].initial
    [waiting] = stored(folder)
    waiting.write_bytes(table_csv(GOOD_ROWS) + b"\n" * (3 * MAX_BYTES))
    assert len(PendingUploadStorage(name=waiting.name).read()) == MAX_BYTES + 1
    before = counts()

    response = superuser_client.post(PROCESS_URL, confirm)

    assert_refused(response, "too large")
    assert counts() == before
    assert stored(folder) == []


def test_a_tree_changed_since_the_preview_is_checked_again_and_nothing_written(
    superuser_client, units, folder
):
    confirm = preview(superuser_client).context["confirm_form"].initial
    # Quận Lê Chân now ends before the new ward (until 31/12/2024) does.
    Unit.objects.filter(pk=units.le_chan.pk).update(valid_until="2024-06-30")
    before = counts()

    response = superuser_client.post(PROCESS_URL, confirm)

    assert response.status_code == 200
    assert counts() == before
    assert [(error.line, error.column) for error in response.context["report"].errors] == [
        (2, "parent_code")
    ]
    assert "Nothing was imported: 1 problem in the file." in response.content.decode()
    assert "confirm_form" not in response.context
    assert stored(folder) == []


def test_a_confirmed_import_says_what_it_did(superuser_client):
    confirm = preview(superuser_client).context["confirm_form"].initial

    response = superuser_client.post(PROCESS_URL, confirm)

    assert messages_of(response) == ["Import finished: 2 units created, 0 updated, 0 unchanged."]


# Who may import


def test_people_who_may_not_change_units_see_no_import(treasurer_client, officer_le_chan_client):
    assert (
        reverse("admin:organizations_unit_import")
        not in treasurer_client.get(CHANGELIST_URL).content.decode()
    )
    for client in (treasurer_client, officer_le_chan_client):
        for response in (client.get(IMPORT_URL), client.post(PROCESS_URL)):
            assert response.status_code in (302, 403)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("admin:login"))

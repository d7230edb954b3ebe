"""The communes' lists in the officers' area: an officer of Quận Lê Chân (who reaches Phường
An Biên 11371 and Phường Dư Hàng Kênh 11404) uploads a list of recognised households or the
yearly counts, sees what would be imported, and confirms; rows of a commune they may not act
on (Phường Bắc Sơn 11434, Kiến An) are refused by line and column "Mã xã"; the list page
shows only the communes one may act on.

The small Hải Phòng of tests/conftest.py (`units`); lists of 2024, when the districts still
existed."""

import io
import tempfile

import openpyxl
import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.spreadsheets.admin_import import PendingUploadStorage
from learning_models.models import HouseholdCount, RecognisedHousehold
from learning_models.resources import COUNT_COLUMNS, HOUSEHOLD_COLUMNS
from tests.hostile_tables import WORKBOOK_ATTACKS, hostile_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]

LIST = reverse("learning_models_portal:households")
UPLOAD = reverse("learning_models_portal:household-upload")
CONFIRM = reverse("learning_models_portal:household-confirm")
TEMPLATES = (
    reverse("learning_models_portal:household-template"),
    reverse("learning_models_portal:count-template"),
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

AN_BIEN = [
    ("11371", "2024", "Gia đình học tập", "Nguyễn Văn An", "Tổ dân phố 1", "12/QĐ-UBND", "có", ""),
    ("11371", "2024", "Gia đình học tập", "Trần Thị Bình", "Tổ dân phố 2", "12/QĐ-UBND", "", ""),
    ("11371", "2024", "Dòng họ học tập", "Dòng họ Vũ", "Tổ dân phố 3", "", "không", ""),
]
BAC_SON = ("11434", "2024", "Gia đình học tập", "Lê Văn Cường", "Tổ dân phố 4", "", "có", "")
COUNTS = [
    ("11371", "2024", "Gia đình học tập", "2450", "2100", "1860"),
    ("11404", "2024", "Dòng họ học tập", "38", "30", "27"),
]


@pytest.fixture(autouse=True)
def pending_uploads(tmp_path, monkeypatch):
    """The uploads wait for their confirmation in this test's own folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / PendingUploadStorage.folder_name


def workbook(rows, header=HOUSEHOLD_COLUMNS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload_file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def preview(client, content, *, kind="households", name="danh-sach.xlsx"):
    return client.post(UPLOAD, {"kind": kind, "file": upload_file(name, content)})


def stored_files(folder):
    return list(folder.iterdir()) if folder.exists() else []


def test_an_officer_previews_then_imports_a_list_of_their_ward(
    units, officer_le_chan_client, officer_le_chan, pending_uploads
):
    response = preview(officer_le_chan_client, workbook(AN_BIEN))
    assert response.status_code == 200
    assert response.context["report"].created == 3
    page = response.content.decode()
    assert page.count("<tr data-line=") == 3
    assert "Nguyễn Văn An" in page
    assert not RecognisedHousehold.objects.exists()  # the preview writes nothing
    assert len(stored_files(pending_uploads)) == 1

    done = officer_le_chan_client.post(CONFIRM, {"token": response.context["token"]}, follow=True)
    assert done.redirect_chain[-1][0] == LIST
    households = {h.name: h for h in RecognisedHousehold.objects.select_related("commune")}
    assert set(households) == {"Nguyễn Văn An", "Trần Thị Bình", "Dòng họ Vũ"}
    assert {h.commune for h in households.values()} == {units.an_bien}
    assert households["Nguyễn Văn An"].public_consent is True
    assert households["Trần Thị Bình"].public_consent is False  # silence is not consent
    assert households["Dòng họ Vũ"].imported_by == officer_le_chan
    message = str(next(iter(done.context["messages"])))
    assert "3 rows added, 0 updated, 0 unchanged" in message
    assert not stored_files(pending_uploads)  # the stored upload is used once

    # The same token again finds nothing to import.
    again = officer_le_chan_client.post(CONFIRM, {"token": response.context["token"]}, follow=True)
    assert "expired" in str(next(iter(again.context["messages"])))
    assert RecognisedHousehold.objects.count() == 3
    listed = officer_le_chan_client.get(LIST).content.decode()
    assert "Phường An Biên" in listed


def test_a_row_of_another_district_refuses_the_whole_file(
    units, officer_le_chan_client, pending_uploads
):
    response = preview(officer_le_chan_client, workbook([*AN_BIEN, BAC_SON]))
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(e["line"], e["column"], e["value"]) for e in errors] == [(5, "Mã xã", "11434")]
    assert "Phường Bắc Sơn" in errors[0]["message"]
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "token" not in response.context
    assert not stored_files(pending_uploads)
    assert not RecognisedHousehold.objects.exists()


def test_a_token_forged_or_of_another_person_imports_nothing(
    units, officer_le_chan_client, officer_kien_an_client, pending_uploads
):
    response = preview(officer_le_chan_client, workbook(AN_BIEN))
    token = response.context["token"]
    for client, sent in [
        (officer_kien_an_client, token),  # signed for another person
        (officer_le_chan_client, token[:-2] + "xx"),
        (officer_le_chan_client, signing.dumps({"stored": "../../etc/passwd", "kind": "x"})),
        (officer_le_chan_client, ""),
    ]:
        done = client.post(CONFIRM, {"token": sent}, follow=True)
        assert done.status_code == 200
        assert "expired" in str(next(iter(done.context["messages"])))
    assert not RecognisedHousehold.objects.exists()


def test_staff_may_import_any_commune(units, staff_client):
    response = preview(staff_client, workbook([*AN_BIEN, BAC_SON]))
    assert response.context["report"].created == 4
    staff_client.post(CONFIRM, {"token": response.context["token"]})
    assert RecognisedHousehold.objects.filter(commune=units.bac_son).count() == 1


def test_counts_are_imported_too(units, officer_le_chan_client, officer_kien_an_client):
    response = preview(officer_le_chan_client, workbook(COUNTS, COUNT_COLUMNS), kind="counts")
    assert response.context["report"].created == 2
    assert not HouseholdCount.objects.exists()
    officer_le_chan_client.post(CONFIRM, {"token": response.context["token"]})
    assert HouseholdCount.objects.get(commune=units.an_bien).recognised == 1860

    refused = preview(
        officer_kien_an_client, workbook(COUNTS, COUNT_COLUMNS), kind="counts", name="so-lieu.xlsx"
    )
    assert {(e["line"], e["column"]) for e in refused.context["errors"]} == {
        (2, "Mã xã"),
        (3, "Mã xã"),
    }


def test_the_list_page_shows_only_ones_own_communes_in_fixed_queries(
    units, officer_le_chan_client, officer_kien_an_client, officer_le_chan, staff
):
    RecognisedHousehold.objects.create(
        commune=units.an_bien, year=2024, title="family", name="Nguyễn Văn An"
    )
    HouseholdCount.objects.create(
        commune=units.du_hang_kenh, year=2024, title="clan", registered=30, recognised=27
    )
    RecognisedHousehold.objects.create(
        commune=units.bac_son, year=2023, title="family", name="Lê Văn Cường"
    )
    le_chan = officer_le_chan_client.get(LIST)
    assert le_chan.status_code == 200
    page = le_chan.content.decode()
    assert "Phường An Biên" in page
    assert "Phường Dư Hàng Kênh" in page
    assert "Phường Bắc Sơn" not in page
    assert "Nguyễn Văn An" not in page  # the list page shows counts, not names

    kien_an = officer_kien_an_client.get(LIST).content.decode()
    assert "Phường Bắc Sơn" in kien_an
    assert "Phường An Biên" not in kien_an
    assert "Phường Dư Hàng Kênh" not in kien_an

    with CaptureQueriesContext(connection) as few:
        officer_le_chan_client.get(LIST)
    for year in range(2010, 2020):
        RecognisedHousehold.objects.create(
            commune=units.an_bien, year=year, title="clan", name=f"Dòng họ {year}"
        )
        HouseholdCount.objects.create(
            commune=units.du_hang_kenh, year=year, title="family", registered=3, recognised=2
        )
    with CaptureQueriesContext(connection) as many:
        officer_le_chan_client.get(LIST)
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "url", [LIST, UPLOAD, *TEMPLATES], ids=["list", "upload", "template", "count-template"]
)
def test_anonymous_is_sent_to_sign_in_and_people_without_a_role_are_refused(
    anonymous_client, nobody_client, url
):
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"] or "sign" in response["Location"]
    assert nobody_client.get(url).status_code == 403


def test_anonymous_cannot_confirm(anonymous_client):
    response = anonymous_client.post(CONFIRM, {"token": "x"})
    assert response.status_code == 302
    assert not RecognisedHousehold.objects.exists()


def test_the_templates_are_the_vietnamese_workbooks(units, officer_le_chan_client):
    for url, header in zip(TEMPLATES, (HOUSEHOLD_COLUMNS, COUNT_COLUMNS), strict=True):
        response = officer_le_chan_client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert tuple(cell.value for cell in sheet[1]) == header


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("danh-sach.pdf", b"%PDF-1.4 not a table", "Only .xlsx and .csv"),
        ("danh-sach.xlsx", b"PK\x03\x04 not really a zip" * 10, ""),
        ("danh-sach.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Old Excel files"),
        ("danh-sach.xlsx", b"", ""),
        ("danh-sach.xlsx", b"x" * (5 * 1024 * 1024 + 1), "too large"),
    ],
    ids=["pdf", "broken-zip", "xls", "empty", "oversized"],
)
def test_a_file_that_is_not_a_list_gets_a_message(
    units, officer_le_chan_client, pending_uploads, name, content, words
):
    response = preview(officer_le_chan_client, content, name=name)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert words in response.content.decode()
    assert not stored_files(pending_uploads)
    assert not RecognisedHousehold.objects.exists()


@pytest.mark.parametrize("attack", sorted(WORKBOOK_ATTACKS)[:3])
def test_a_hostile_workbook_gets_a_message(units, officer_le_chan_client, pending_uploads, attack):
    response = preview(officer_le_chan_client, hostile_workbook(attack, HOUSEHOLD_COLUMNS))
    assert response.status_code == 200
    assert WORKBOOK_ATTACKS[attack][1] in response.content.decode()
    assert not stored_files(pending_uploads)


def test_the_form_refuses_an_unknown_list(units, officer_le_chan_client):
    response = preview(officer_le_chan_client, workbook(AN_BIEN), kind="dossiers")
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors


def test_the_pages_read_in_vietnamese(units, client_for, officer_le_chan):
    client = client_for(officer_le_chan, language="vi")
    listed = client.get(LIST).content.decode()
    assert "Gia đình, dòng họ, thôn/tổ dân phố và công dân học tập" in listed
    assert "Mẫu số liệu hằng năm" in listed
    form = client.get(UPLOAD).content.decode()
    assert "Tải danh sách lên từ Excel" in form
    assert "Upload" not in form.split("<main", 1)[-1].split("</main>", 1)[0]
    checked = preview(client, workbook([*AN_BIEN, BAC_SON])).content.decode()
    assert "Bạn không được gửi danh sách của Phường Bắc Sơn" in checked
    good = preview(client, workbook(AN_BIEN)).content.decode()
    assert "Nhập các dòng này" in good

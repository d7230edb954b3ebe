"""Bulk entry from Excel: the Vietnamese template, and an upload that checks every row and
imports all of them or none, naming each bad row by its Excel line and column."""

import datetime
import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import upload
from campaigns.models import Activity, ActivityState, Campaign, CampaignState
from common.history import audit
from tests.campaigns.factories import freeze_today, make_campaign, make_focus_area

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, datetime.date(2024, 9, 1))


@pytest.fixture
def campaign(db):
    """The 2024 campaign with focus areas 1 and 5, the latter named as the guide lists it."""
    campaign = make_campaign(focus_areas=(1,))
    make_focus_area(campaign, 5, title="Tuần lễ học tập suốt đời")
    return campaign


def row(**values):
    """One activity as the officer would type it, with the template's Vietnamese columns."""
    filled = {
        "Tiêu đề": "Lễ phát động Tháng Khuyến học phường An Biên",
        "Đơn vị tổ chức (mã)": "305",
        "Nội dung trọng tâm (số)": 1,
        "Loại hoạt động": "Lễ, mít tinh",
        "Ngày bắt đầu": datetime.datetime(2024, 9, 15),
        "Giờ bắt đầu": datetime.time(8, 0),
        "Ngày kết thúc": None,
        "Giờ kết thúc": datetime.time(11, 0),
        "Địa điểm": "Nhà văn hóa phường An Biên",
        "Địa chỉ": "Số 2 Trần Nguyên Hãn",
        "Phường/xã (mã)": "11371",
        "Đối tượng": "Học sinh, phụ huynh",
        "Số người dự kiến": 150,
        "Người liên hệ": "Nguyễn Thị Thu Hà",
        "Điện thoại": "0225 3856 123",
        "Email": "khuyenhoc.lechan@example.vn",
        "Công khai": "Có",
        "Mô tả": "Phát động Tháng Khuyến học năm 2024.",
    }
    filled.update(values)
    return filled


def workbook_bytes(rows, headers=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    headers = headers or upload.HEADERS
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header) for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def post_file(client, campaign, content, name="hoat-dong.xlsx", content_type=XLSX):
    return client.post(
        reverse("campaigns_portal:upload"),
        {"campaign": campaign.pk, "file": SimpleUploadedFile(name, content, content_type)},
        follow=True,
    )


def error_table(response):
    return [
        (error["line"], error["column"], error["message"]) for error in response.context["errors"]
    ]


# --- the template ----------------------------------------------------------------------------


def test_template_opens_in_excel_with_vietnamese_headers_and_a_guide(
    officer_le_chan_client, campaign, units
):
    response = officer_le_chan_client.get(reverse("campaigns_portal:upload-template"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="mau-nhap-hoat-dong-2024.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Hoạt động", "Hướng dẫn"]
    headers = [cell.value for cell in workbook["Hoạt động"][1]]
    assert headers[:5] == [
        "Tiêu đề",
        "Đơn vị tổ chức (mã)",
        "Nội dung trọng tâm (số)",
        "Loại hoạt động",
        "Ngày bắt đầu",
    ]
    assert "Phường/xã (mã)" in headers
    assert "Mô tả" in headers
    guide = [
        [cell for cell in values if cell is not None]
        for values in workbook["Hướng dẫn"].iter_rows(values_only=True)
    ]
    flat = [str(cell) for values in guide for cell in values]
    assert "Lễ, mít tinh" in flat
    assert "Tuần lễ học tập suốt đời" in flat
    assert ["305", "Quận Lê Chân"] in guide
    assert ["11371", "Phường An Biên", "Quận Lê Chân"] in guide
    assert "307" not in flat
    assert workbook["Hoạt động"].data_validations.dataValidation


def test_template_is_refused_when_no_campaign_is_open(officer_le_chan_client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)

    response = officer_le_chan_client.get(reverse("campaigns_portal:upload-template"), follow=True)

    assert "No campaign is open" in response.content.decode()


def test_filled_template_imports_every_row_as_a_draft_with_its_history(
    officer_le_chan_client, officer_le_chan, campaign, units
):
    template = officer_le_chan_client.get(reverse("campaigns_portal:upload-template")).content
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook["Hoạt động"]
    sheet.append([row()[header] for header in upload.HEADERS])
    sheet.append(
        [
            row(
                **{
                    "Tiêu đề": "Tọa đàm Tuần lễ học tập suốt đời",
                    "Nội dung trọng tâm (số)": "5",
                    "Loại hoạt động": "hoi nghi, hoi thao",
                    "Ngày bắt đầu": "01/10/2024",
                    "Ngày kết thúc": "02/10/2024",
                    "Giờ bắt đầu": None,
                    "Giờ kết thúc": None,
                    "Công khai": "Không",
                    "Số người dự kiến": "1.200",
                }
            )[header]
            for header in upload.HEADERS
        ]
    )
    output = io.BytesIO()
    workbook.save(output)

    response = post_file(officer_le_chan_client, campaign, output.getvalue())

    assert response.status_code == 200
    first, second = Activity.objects.order_by("starts_on")
    assert first.state == ActivityState.DRAFT
    assert (first.organizer, first.commune) == (units.le_chan, units.an_bien)
    assert (first.start_time, first.end_time) == (datetime.time(8), datetime.time(11))
    assert first.created_by == officer_le_chan
    assert second.kind == "conference"
    assert second.focus_area.position == 5
    assert second.all_day
    assert (second.starts_on, second.ends_on) == (
        datetime.date(2024, 10, 1),
        datetime.date(2024, 10, 2),
    )
    assert second.is_public is False
    assert second.expected_participants == 1200
    assert [entry.action for entry in audit.history_of(first)] == ["imported"]
    text = response.content.decode()
    assert "2 draft activities were created" in text
    assert "Tọa đàm Tuần lễ học tập suốt đời" in text


def test_one_bad_row_among_300_imports_nothing_and_names_its_line_and_column(
    officer_le_chan_client, campaign
):
    rows = [
        row(**{"Tiêu đề": f"Hoạt động khuyến học số {index}", "Ngày bắt đầu": "15/09/2024"})
        for index in range(300)
    ]
    rows[136]["Ngày kết thúc"] = "10/09/2024"

    response = post_file(officer_le_chan_client, campaign, workbook_bytes(rows))

    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert error_table(response) == [
        (138, "Ngày kết thúc", "The end date is before the start date.")
    ]
    assert response.context["errors"][0]["value"] == "10/09/2024"
    assert "Nothing was imported" in response.content.decode()


def test_every_kind_of_bad_row_is_reported(officer_le_chan_client, campaign):
    rows = [
        row(**{"Đơn vị tổ chức (mã)": "99999"}),
        row(**{"Ngày bắt đầu": "20/10/2024"}),
        row(**{"Loại hoạt động": "Liên hoan"}),
        row(**{"Số người dự kiến": "nhiều"}),
        row(**{"Tiêu đề": None}),
        row(**{"Nội dung trọng tâm (số)": 9}),
        row(**{"Ngày bắt đầu": "31/09/2024"}),
        row(**{"Giờ bắt đầu": "25:00"}),
        row(**{"Email": "not-an-email"}),
        row(**{"Phường/xã (mã)": "305"}),
    ]

    response = post_file(officer_le_chan_client, campaign, workbook_bytes(rows))

    assert not Activity.objects.exists()
    found = {(line, column) for line, column, _message in error_table(response)}
    assert found == {
        (2, "Đơn vị tổ chức (mã)"),
        (3, "Ngày bắt đầu"),
        (4, "Loại hoạt động"),
        (5, "Số người dự kiến"),
        (6, "Tiêu đề"),
        (7, "Nội dung trọng tâm (số)"),
        (8, "Ngày bắt đầu"),
        (9, "Giờ bắt đầu"),
        (10, "Email"),
        (11, "Phường/xã (mã)"),
    }
    messages = {(line, column): message for line, column, message in error_table(response)}
    assert "99999" in messages[(2, "Đơn vị tổ chức (mã)")]
    assert "outside the campaign" in messages[(3, "Ngày bắt đầu")]


def test_a_row_with_an_unreadable_cell_is_still_checked_against_the_rules(
    officer_le_chan_client, campaign
):
    rows = [row(**{"Loại hoạt động": "Liên hoan", "Ngày kết thúc": "10/09/2024"})]

    response = post_file(officer_le_chan_client, campaign, workbook_bytes(rows))

    assert [(line, column) for line, column, _message in error_table(response)] == [
        (2, "Loại hoạt động"),
        (2, "Ngày kết thúc"),
    ]


def test_rows_for_another_district_are_refused(officer_kien_an_client, campaign, units):
    rows = [
        row(**{"Đơn vị tổ chức (mã)": "307", "Phường/xã (mã)": "11434"}),
        row(**{"Đơn vị tổ chức (mã)": "305"}),
    ]

    response = post_file(officer_kien_an_client, campaign, workbook_bytes(rows))

    assert not Activity.objects.exists()
    assert error_table(response) == [
        (
            3,
            "Đơn vị tổ chức (mã)",
            "You have no role in Quận Lê Chân, so you cannot enter activities for it.",
        )
    ]


def test_csv_in_utf8_is_read_too(officer_le_chan_client, campaign):
    lines = [
        ",".join(upload.REQUIRED_HEADERS),
        'Ngày hội đọc sách,305,1,"Đọc sách, thư viện",20/09/2024',
    ]
    content = "\n".join(lines).encode("utf-8-sig")

    response = post_file(officer_le_chan_client, campaign, content, "hoat-dong.csv", "text/csv")

    activity = Activity.objects.get()
    assert (activity.kind, activity.starts_on) == ("reading", datetime.date(2024, 9, 20))
    assert "1 draft activity was created" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.xlsx", b"%PDF-1.7\n" + b"x" * 500, "not an Excel workbook"),
        ("du-lieu.xlsx", os.urandom(4096), "not an Excel workbook"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "Only .xlsx and .csv files"),
        ("trong.xlsx", b"", "empty"),
        ("hoat-dong.csv", "Tên,Ngày\nA,1/9/2024\n".encode(), "Missing columns"),
        ("hoat-dong.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Old Excel files"),
    ],
)
def test_a_file_that_is_not_the_template_gets_a_clear_message(
    officer_le_chan_client, campaign, name, content, message
):
    response = post_file(
        officer_le_chan_client, campaign, content, name, "application/octet-stream"
    )

    assert response.status_code in {200, 400}
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_an_unknown_column_is_named(officer_le_chan_client, campaign):
    headers = [*upload.HEADERS, "Kinh phí"]

    response = post_file(officer_le_chan_client, campaign, workbook_bytes([row()], headers=headers))

    assert error_table(response)[0][:2] == (1, "Kinh phí")
    assert not Activity.objects.exists()


def test_a_header_only_file_says_there_is_nothing_to_import(officer_le_chan_client, campaign):
    response = post_file(officer_le_chan_client, campaign, workbook_bytes([]))

    assert "no activities below its first line" in response.content.decode()


def test_too_many_rows_are_refused_with_the_limit(officer_le_chan_client, campaign, monkeypatch):
    monkeypatch.setattr(upload, "MAX_ROWS", 5)

    response = post_file(officer_le_chan_client, campaign, workbook_bytes([row()] * 8))

    assert "at most 5" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_file_too_large_is_refused_with_the_limit(officer_le_chan_client, campaign, monkeypatch):
    monkeypatch.setattr(upload, "MAX_BYTES", 1024)

    response = post_file(officer_le_chan_client, campaign, workbook_bytes([row()] * 50))

    assert "too large" in response.content.decode()
    assert not Activity.objects.exists()


def test_upload_page_needs_an_open_campaign(officer_le_chan_client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)

    response = officer_le_chan_client.get(reverse("campaigns_portal:upload"))

    assert "No campaign is open for entries" in response.content.decode()


def test_upload_page_explains_itself_to_a_user_without_a_role(nobody_client, campaign):
    response = nobody_client.get(reverse("campaigns_portal:upload"))

    assert "no role in a unit" in response.content.decode()
    assert "Check and import" not in response.content.decode()


def test_a_csv_row_with_a_control_character_is_refused_by_line_and_column(
    officer_le_chan_client, campaign
):
    lines = [
        ",".join(upload.REQUIRED_HEADERS),
        'Ngày hội\x0bđọc sách,305,1,"Đọc sách, thư viện",20/09/2024',
    ]
    content = "\n".join(lines).encode("utf-8-sig")

    response = post_file(officer_le_chan_client, campaign, content, "hoat-dong.csv", "text/csv")

    assert not Activity.objects.exists()
    assert "invisible control character" in response.content.decode()

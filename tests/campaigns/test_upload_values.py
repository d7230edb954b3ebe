"""What the upload reads from cells a spreadsheet program changed (a phone number stored as a
number loses its leading zero), how it shows values back (as the officer's sheet and every
other page show them: 15/09/2024, 08:00, 1.500), and that a row's problems come all at once.
Helpers: tests/campaigns/test_upload.py."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Activity
from tests.campaigns import test_upload
from tests.campaigns.factories import freeze_today
from tests.campaigns.test_upload import error_table, post_file, row, workbook_bytes

campaign = test_upload.campaign


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, datetime.date(2024, 9, 1))


# --- phone numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        912345678,  # the column was left as "General" and Excel made a number of it
        912345678.0,
        "9.12345678E8",  # the same number, saved as text in scientific notation
        "+84 912 345 678",
        "0912.345.678",
    ],
)
def test_a_phone_stored_as_a_number_gets_its_leading_zero_back(
    officer_le_chan_client, campaign, cell
):
    post_file(officer_le_chan_client, campaign, workbook_bytes([row(**{"Điện thoại": cell})]))

    assert Activity.objects.get().contact_phone == "0912 345 678"


def test_a_landline_stored_as_a_number_gets_its_leading_zero_back(officer_le_chan_client, campaign):
    post_file(officer_le_chan_client, campaign, workbook_bytes([row(**{"Điện thoại": 2253856123})]))

    assert Activity.objects.get().contact_phone == "0225 3856 123"


@pytest.mark.parametrize("cell", [12345, "0912 345", "0912345678 hoặc 0987654321"])
def test_a_phone_that_is_no_vietnamese_number_refuses_the_row(
    officer_le_chan_client, campaign, cell
):
    response = post_file(
        officer_le_chan_client, campaign, workbook_bytes([row(**{"Điện thoại": cell})])
    )

    assert not Activity.objects.exists()
    ((line, column, message),) = error_table(response)
    assert (line, column) == (2, "Điện thoại")
    assert "10 digits" in message
    assert "0912 345 678" in message


# --- values shown back in the portal's formats --------------------------------------------


def test_a_date_cell_is_shown_back_as_the_sheet_shows_it(officer_le_chan_client, campaign):
    rows = [
        row(**{"Ngày bắt đầu": datetime.datetime(2024, 9, 15)}),
        row(
            **{
                "Ngày bắt đầu": datetime.datetime(2024, 9, 15),
                "Ngày kết thúc": datetime.datetime(2024, 9, 10),
            }
        ),
        row(**{"Ngày bắt đầu": datetime.datetime(2024, 10, 20)}),
    ]

    response = post_file(officer_le_chan_client, campaign, workbook_bytes(rows))

    shown = [
        (error["line"], error["value"], error["message"]) for error in response.context["errors"]
    ]
    assert shown == [
        (3, "10/09/2024", "The end date is before the start date."),
        (4, "20/10/2024", "20/10/2024 is outside the campaign (05/09/2024 – 05/10/2024)."),
    ]
    text = response.content.decode()
    assert "10/09/2024" in text
    assert "2024-09-10" not in text
    assert "2024-10-20" not in text


def test_times_and_numbers_are_shown_back_in_the_portals_formats(
    client_for, officer_le_chan, campaign
):
    client = client_for(officer_le_chan, language=None)  # Vietnamese, as the officers see it
    rows = [
        row(**{"Giờ bắt đầu": datetime.time(14, 0), "Giờ kết thúc": datetime.time(9, 30)}),
        row(**{"Số người dự kiến": 1500.5}),
    ]

    response = post_file(client, campaign, workbook_bytes(rows))

    values = {error["line"]: error["value"] for error in response.context["errors"]}
    assert values == {2: "09:30", 3: "1.500,5"}


def test_a_limit_in_a_message_is_written_with_vietnamese_grouping(
    client_for, officer_le_chan, campaign, monkeypatch
):
    monkeypatch.setattr(test_upload.upload, "MAX_ROWS", 1000)
    client = client_for(officer_le_chan, language=None)

    response = post_file(client, campaign, workbook_bytes([row()] * 1001))

    (message,) = response.context["form"].errors["file"]
    assert "1.000" in message
    assert not Activity.objects.exists()


# --- every problem of a row at once -----------------------------------------------------


def test_a_row_with_two_problems_reports_both(officer_le_chan_client, campaign):
    rows = [
        row(**{"Email": "khuyenhoc.lechan@", "Ngày kết thúc": "10/09/2024"}),
        row(**{"Điện thoại": "0912 345", "Ngày bắt đầu": "20/10/2024"}),
    ]

    response = post_file(officer_le_chan_client, campaign, workbook_bytes(rows))

    assert not Activity.objects.exists()
    assert [(line, column) for line, column, _message in error_table(response)] == [
        (2, "Email"),
        (2, "Ngày kết thúc"),
        (3, "Ngày bắt đầu"),
        (3, "Điện thoại"),
    ]


def test_the_upload_page_writes_its_row_limit_with_vietnamese_grouping(
    client_for, officer_le_chan, campaign
):
    response = client_for(officer_le_chan, language=None).get(reverse("campaigns_portal:upload"))

    assert "2.000" in response.content.decode()

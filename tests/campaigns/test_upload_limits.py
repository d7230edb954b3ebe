"""The officers' bulk upload refuses files made to hurt the server, quickly and cheaply.

Each hostile file of tests/hostile_tables.py (a sheet of blanks that unpacks to far more than
it weighs, a claimed range of a million rows, a shared text of 64 MB, a zip that lies about
its sizes, CSVs of endless lines…) is refused by the upload page within a second or two and
a few MB, with a message saying what was too big, and no activity or history is written.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import upload
from campaigns.models import Activity
from common.models import HistoryEntry
from tests.campaigns.factories import freeze_today, make_campaign
from tests.hostile_tables import (
    CSV_ATTACKS,
    WORKBOOK_ATTACKS,
    hostile_csv,
    hostile_workbook,
    measure,
)

MB = 1024 * 1024
HEADER = tuple(upload.HEADERS)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, datetime.date(2024, 9, 1))


@pytest.fixture
def campaign(db):
    return make_campaign(focus_areas=(1,))


def post(client, campaign, name, content):
    return client.post(
        reverse("campaigns_portal:upload"),
        {"campaign": campaign.pk, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize("attack", [*WORKBOOK_ATTACKS, *CSV_ATTACKS])
def test_upload_refuses_a_hostile_file_quickly_cheaply_and_writes_nothing(
    officer_le_chan_client, campaign, units, attack
):
    if attack in WORKBOOK_ATTACKS:
        name, content = "hoat-dong.xlsx", hostile_workbook(attack, HEADER)
        words = WORKBOOK_ATTACKS[attack][1]
    else:
        name, content = "hoat-dong.csv", hostile_csv(attack, HEADER)
        words = CSV_ATTACKS[attack][1]
    history = HistoryEntry.objects.count()
    assert officer_le_chan_client.get(reverse("campaigns_portal:upload")).status_code == 200

    seconds, peak, response = measure(lambda: post(officer_le_chan_client, campaign, name, content))

    assert response.status_code == 200
    assert words in str(response.context["form"].errors["file"])
    assert words in response.content.decode()
    assert seconds < 2
    assert peak < 50 * MB, f"{peak / MB:.0f} MB"
    assert not Activity.objects.exists()
    assert HistoryEntry.objects.count() == history


def test_the_refusal_reads_in_vietnamese(client_for, officer_le_chan, campaign, units):
    client = client_for(officer_le_chan, language=None)

    claimed = post(client, campaign, "hoat-dong.xlsx", hostile_workbook("claimed range", HEADER))
    blanks = post(client, campaign, "hoat-dong.xlsx", hostile_workbook("blank sheet", HEADER))

    assert "Tệp có quá nhiều dòng: mỗi lần chỉ nhập được tối đa 2.000 dòng" in (
        claimed.content.decode()
    )
    assert "Bảng tính khi giải nén lớn hơn 50 MB" in blanks.content.decode()
    assert not Activity.objects.exists()

"""The same spreadsheet uploaded twice: rows that repeat activities already in the portal
(same campaign, organising unit, start date and title, folded for capitals and diacritics)
are named with the existing activity, nothing is imported until the officer decides, and
"import anyway" or "do not import" does what it says. After an import, every draft of it can
be submitted for review in one step.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Activity, ActivityState, ActivityUpload
from common.history import audit
from tests.campaigns import test_upload
from tests.campaigns.test_upload import post_file, row, workbook_bytes

_today = test_upload._today
campaign = test_upload.campaign

UPLOAD = reverse("campaigns_portal:upload")
TITLES = [
    "Lễ phát động Tháng Khuyến học phường An Biên",
    "Hội thảo xây dựng xã hội học tập",
    "Ngày hội đọc sách",
]


def the_file(**changes):
    """Three activities of Quận Lê Chân, on 15, 16 and 17/9; `changes` by line."""
    rows = [
        row(**{"Tiêu đề": title, "Ngày bắt đầu": f"{15 + index}/09/2024"})
        for index, title in enumerate(TITLES)
    ]
    for line, values in changes.items():
        rows[int(line.removeprefix("line")) - 2].update(values)
    return workbook_bytes(rows)


def decide(client, response, decision):
    waiting = response.context["waiting"]
    return client.post(
        reverse("campaigns_portal:upload-decide", args=[waiting.pk]),
        {"decision": decision},
        follow=True,
    )


def repeats(response):
    return [
        (item.line, item.existing.title, item.existing.organizer.name, item.existing.state)
        for item in response.context["duplicates"]
    ]


@pytest.fixture
def imported(officer_le_chan_client, campaign):
    """The file, uploaded once and imported."""
    post_file(officer_le_chan_client, campaign, the_file())
    assert Activity.objects.count() == 3


def test_uploading_the_same_file_again_names_the_rows_and_imports_nothing(
    officer_le_chan_client, officer_le_chan, campaign, imported
):
    first = Activity.objects.get(title=TITLES[0])
    services.submit_activity(first, by=officer_le_chan)

    response = post_file(officer_le_chan_client, campaign, the_file(), name="lan-hai.xlsx")

    assert Activity.objects.count() == 3
    assert repeats(response) == [
        (2, TITLES[0], "Quận Lê Chân", ActivityState.SUBMITTED),
        (3, TITLES[1], "Quận Lê Chân", ActivityState.DRAFT),
        (4, TITLES[2], "Quận Lê Chân", ActivityState.DRAFT),
    ]
    text = response.content.decode()
    assert "Nothing is imported yet: 3 rows of lan-hai.xlsx are already in the portal" in text
    assert "the same organising unit, the same start date and the same title" in text
    assert "15/09/2024" in text
    assert "Submitted for review" in text
    assert f'href="{reverse("campaigns_portal:activity", args=[first.pk])}"' in text
    assert "Import the whole file anyway" in text
    assert "Do not import it" in text


def test_declining_imports_nothing(officer_le_chan_client, campaign, imported):
    asked = post_file(officer_le_chan_client, campaign, the_file(), name="lan-hai.xlsx")

    response = decide(officer_le_chan_client, asked, "cancel")

    assert response.redirect_chain == [(UPLOAD, 302)]
    assert "Nothing was imported from lan-hai.xlsx." in response.content.decode()
    assert Activity.objects.count() == 3
    assert not ActivityUpload.objects.waiting().exists()


def test_accepting_imports_every_row_again(
    officer_le_chan_client, officer_le_chan, campaign, imported
):
    asked = post_file(officer_le_chan_client, campaign, the_file(), name="lan-hai.xlsx")

    response = decide(officer_le_chan_client, asked, "import")

    assert response.redirect_chain == [(UPLOAD, 302)]
    assert "3 draft activities were created from lan-hai.xlsx" in response.content.decode()
    assert Activity.objects.count() == 6
    for title in TITLES:
        assert Activity.objects.filter(title=title).count() == 2
    second = ActivityUpload.objects.get(file_name="lan-hai.xlsx")
    assert second.content is None
    assert second.activities.count() == 3
    activity = second.activities.first()
    assert activity.created_by == officer_le_chan
    assert [e.action for e in audit.history_of(activity)] == ["imported"]
    assert not ActivityUpload.objects.waiting().exists()


def test_only_rows_already_in_the_portal_are_named(officer_le_chan_client, campaign, imported):
    response = post_file(
        officer_le_chan_client,
        campaign,
        the_file(
            line2={"Tiêu đề": "  LE PHAT DONG  thang khuyen hoc phuong an bien "},
            line3={"Ngày bắt đầu": "20/09/2024"},
            line4={"Tiêu đề": "Ngày hội đọc sách thiếu nhi"},
        ),
    )

    assert [(line, title) for line, title, _unit, _state in repeats(response)] == [(2, TITLES[0])]
    assert Activity.objects.count() == 3


def test_another_units_or_a_discarded_activity_is_not_a_repeat(
    officer_le_chan_client, officer_kien_an_client, officer_le_chan, campaign, imported
):
    for title in TITLES[:2]:
        services.discard_activity(Activity.objects.get(title=title), by=officer_le_chan)
    kien_an = {"Đơn vị tổ chức (mã)": "307", "Phường/xã (mã)": "11434"}

    theirs = post_file(
        officer_kien_an_client,
        campaign,
        the_file(line2=kien_an, line3=kien_an, line4=kien_an),
    )
    again = post_file(
        officer_le_chan_client, campaign, the_file(line4={"Tiêu đề": "Ngày hội đọc sách mới"})
    )

    for response in (theirs, again):
        assert response.context.get("duplicates") is None
        assert "draft activities were created" in response.content.decode()
    assert Activity.objects.exclude(state=ActivityState.DISCARDED).count() == 7


def test_a_file_with_errors_reports_the_errors_first(officer_le_chan_client, campaign, imported):
    response = post_file(
        officer_le_chan_client, campaign, the_file(line3={"Loại hoạt động": "Liên hoan"})
    )

    assert response.context.get("duplicates") is None
    assert [e["line"] for e in response.context["errors"]] == [3]
    assert not ActivityUpload.objects.waiting().exists()


def test_only_the_officer_who_uploaded_may_decide(
    officer_le_chan_client, approver_le_chan_client, campaign, imported
):
    asked = post_file(officer_le_chan_client, campaign, the_file())
    waiting = asked.context["waiting"]

    response = decide(approver_le_chan_client, asked, "import")

    assert "no longer waits for a decision" in response.content.decode()
    assert Activity.objects.count() == 3
    assert ActivityUpload.objects.waiting().get() == waiting


def test_an_upload_waits_one_day_at_most(officer_le_chan_client, campaign, imported):
    asked = post_file(officer_le_chan_client, campaign, the_file())
    ActivityUpload.objects.filter(pk=asked.context["waiting"].pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )

    response = decide(officer_le_chan_client, asked, "import")

    assert "no longer waits for a decision" in response.content.decode()
    assert Activity.objects.count() == 3


def test_the_decision_is_posted_only(officer_le_chan_client, campaign, imported):
    asked = post_file(officer_le_chan_client, campaign, the_file())

    url = reverse("campaigns_portal:upload-decide", args=[asked.context["waiting"].pk])

    assert officer_le_chan_client.get(url).status_code == 405


# --- submitting all that one upload created --------------------------------------------------


def test_every_draft_of_an_upload_is_submitted_in_one_step(officer_le_chan_client, campaign):
    done = post_file(officer_le_chan_client, campaign, the_file())
    text = done.content.decode()
    assert "Submit all 3 for review" in text
    upload = ActivityUpload.objects.get()

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activities-bulk"),
        {"action": "submit", "upload": upload.pk, "next": UPLOAD},
        follow=True,
    )

    assert sorted(a.title for a in response.context["done"]) == sorted(TITLES)
    assert set(Activity.objects.values_list("state", flat=True)) == {ActivityState.SUBMITTED}


def test_another_officers_upload_cannot_be_submitted_by_its_number(
    officer_le_chan_client, officer_kien_an_client, campaign
):
    post_file(officer_le_chan_client, campaign, the_file())
    upload = ActivityUpload.objects.get()

    response = officer_kien_an_client.post(
        reverse("campaigns_portal:activities-bulk"),
        {"action": "submit", "upload": upload.pk},
        follow=True,
    )

    assert response.context["done"] == []
    assert set(Activity.objects.values_list("state", flat=True)) == {ActivityState.DRAFT}

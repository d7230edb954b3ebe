"""The activities lists in the admin: the diacritic-blind search, the unit filter (with the
units under it) and the other filters, the export to Excel and CSV, and a fixed number of
queries whatever the list's length. Fixtures: tests/conftest.py.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import services
from campaigns.models import Activity, ActivityKind, ActivityState
from tests.campaigns.pages import ACTIVITIES, EXPORT, QUEUE, SEPT_15

# --- search and filters ------------------------------------------------------------------


@pytest.fixture
def listed(activity, units, officer_kien_an):
    return {
        "ceremony": activity(title="Lễ phát động Tháng Khuyến học quận Lê Chân"),
        "ward": activity(title="Ngày hội đọc sách", organizer=units.an_bien),
        "kien_an": activity(
            by=officer_kien_an,
            title="Trao học bổng khuyến học Kiến An",
            organizer=units.kien_an,
            kind=ActivityKind.AWARD_CEREMONY,
        ),
    }


def shown(page):
    return {item.title for item in page.context["cl"].result_list}


def test_search_ignores_diacritics(staff_client, listed):
    page = staff_client.get(ACTIVITIES, {"q": "khuyen hoc"})

    assert shown(page) == {
        "Lễ phát động Tháng Khuyến học quận Lê Chân",
        "Trao học bổng khuyến học Kiến An",
    }
    assert shown(staff_client.get(ACTIVITIES, {"q": "HOC BONG kien an"})) == {
        "Trao học bổng khuyến học Kiến An"
    }


def test_unit_filter_includes_the_units_under_it(staff_client, listed, units):
    page = staff_client.get(ACTIVITIES, {"unit": units.le_chan.pk})

    assert shown(page) == {"Lễ phát động Tháng Khuyến học quận Lê Chân", "Ngày hội đọc sách"}
    assert "Quận Lê Chân" in page.text
    assert units.department.name in page.text  # bodies are listed too


def test_unit_filter_form_keeps_the_search_and_the_other_filters(staff_client, listed):
    page = staff_client.get(ACTIVITIES, {"q": "khuyen hoc", "kind__exact": "ceremony"})

    form = page.text[page.text.index('class="portal-unit-filter"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="q" value="khuyen hoc">' in form
    assert '<input type="hidden" name="kind__exact" value="ceremony">' in form
    assert '<select name="unit"' in form


def test_filters_by_kind_state_and_date(staff_client, listed):
    by_kind = staff_client.get(ACTIVITIES, {"kind__exact": ActivityKind.AWARD_CEREMONY})
    by_day = staff_client.get(
        ACTIVITIES, {"starts_on__year": "2024", "starts_on__month": "9", "starts_on__day": "15"}
    )
    by_state = staff_client.get(ACTIVITIES, {"state__exact": ActivityState.PUBLISHED})

    assert shown(by_kind) == {"Trao học bổng khuyến học Kiến An"}
    assert len(shown(by_day)) == 3
    assert shown(by_state) == set()


# --- export ------------------------------------------------------------------------------


def export(client, file_format, query=""):
    page = client.get(EXPORT + query)
    data = {"format": file_format, "resource": "0"}
    for name in page.context["form"].fields:
        if name.startswith("activityresource_"):
            data[name] = "on"
    return client.post(EXPORT + query, data)


def test_export_csv_has_the_filtered_rows_with_readable_columns(staff_client, listed, units):
    response = export(staff_client, "1", f"?q=khuyen+hoc&unit={units.le_chan.pk}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="hoat-dong-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ["Lễ phát động Tháng Khuyến học quận Lê Chân"]
    row = rows[0]
    assert row["organising unit"] == "Quận Lê Chân"
    assert row["unit code"] == "305"
    assert row["campaign year"] == "2024"
    assert row["kind"] == "ceremony"
    assert row["state"] == "submitted for review"
    assert row["start date"] == "15/09/2024"
    assert row["start time"] == "08:00"
    assert row["focus area"] == "1. Tuyên truyền"


def test_export_xlsx_opens_in_excel_with_the_filtered_rows(staff_client, listed, activity):
    published = activity(ActivityState.PUBLISHED, title="Lễ tuyên dương khuyến học")
    services.record_results(
        published, by=published.created_by, today=SEPT_15, participants=150, money_raised=25_000_000
    )

    response = export(staff_client, "0", f"?state__exact={ActivityState.PUBLISHED}")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["title"] == "Lễ tuyên dương khuyến học"
    assert row["start date"] == datetime.datetime(2024, 9, 15)  # a real date cell
    assert row["participants"] == 150
    assert row["money raised (VND)"] == 25_000_000
    assert row["state"] == "published"
    assert row["published"] is not None


def test_export_page_works_under_the_strict_csp(staff_client, listed):
    page = staff_client.get(EXPORT)

    assert page.status_code == 200
    assert "Start date" in page.text  # columns named as in the file
    assert "Starts On" not in page.text
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = page.text
    assert "onchange=" not in html
    assert "onclick=" not in html
    assert ' style="' not in html
    assert "<style" not in html
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">")[0] or 'type="application/json"' in tag.split(">")[0]


# --- the list costs the same whatever its length -----------------------------------------


def _bulk(campaign, units, count):
    area = campaign.focus_areas.first()
    for number in range(count):
        item = Activity.objects.create(
            campaign=campaign,
            organizer=units.le_chan if number % 2 else units.kien_an,
            commune=units.an_bien,
            focus_area=area,
            kind=ActivityKind.TRAINING,
            title=f"Lớp tập huấn số {number}",
            starts_on=SEPT_15,
            ends_on=SEPT_15,
            state=ActivityState.SUBMITTED,
            submitted_at=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC),
        )
        item.co_organizers.set([units.department])


@pytest.mark.parametrize("url", [ACTIVITIES, QUEUE])
def test_lists_run_a_fixed_number_of_queries(
    staff_client, campaign, units, url, django_assert_max_num_queries
):
    staff_client.get(url)  # sessions and content types warmed up
    _bulk(campaign, units, 3)
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    _bulk(campaign, units, 27)
    with CaptureQueriesContext(connection) as many:
        assert len(staff_client.get(url).context["cl"].result_list) == 30

    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(16):
        staff_client.get(url, {"q": "tap huan", "unit": units.le_chan.pk})

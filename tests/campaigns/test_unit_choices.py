"""The units an officer may choose for an activity, on the official tree: the form's
organiser, co-organisers and venue commune, and the Excel template's guide sheet offer the
city's units as they stood on the activity's date, each ward under its district of that day
(after 1/7/2025, with no districts, by kind); a unit of another province (Hải Dương's before
the merger) is refused by name and date, on the form and in an upload. Fixtures:
tests/campaigns/fixtures_units.py.
"""

import datetime
import io
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import upload
from campaigns.models import Activity
from organizations.models import Unit, UnitLevel
from tests.campaigns import fixtures_units
from tests.campaigns.factories import enter_activity, make_campaign
from tests.campaigns.fixtures_portal import form_data
from tests.campaigns.fixtures_units import (
    DAY_2024,
    MERGER_DAY,
    city_units_on,
    district_on,
    hai_duong_ids,
    select_groups,
    spanning_campaign,
    unit,
)
from tests.organizations import fixtures_units as official

official_tree = official.official_tree
official_staff = fixtures_units.official_staff
official_staff_client = fixtures_units.official_staff_client
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_tree")]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_form(client, campaign):
    return client.get(reverse("campaigns_portal:activity-new"), {"campaign": campaign.pk})


def offered(groups):
    """{unit pk: its group's label} of a select's groups (the empty choice left out)."""
    return {int(value): label for label, options in groups for value, _text in options if value}


def the_form_data(campaign, day, **overrides):
    """The activity form as staff fill it in: the association organises it, with the
    Department of Education, in Phường An Biên (all three as they stood on `day`)."""
    units = SimpleNamespace(  # the names form_data expects
        le_chan=unit("HKH-HP", day),
        department=unit("SGDDT-HP", day),
        an_bien=unit("11371", DAY_2024),
    )
    return form_data(units, campaign, starts_on=day.isoformat(), **overrides)


# --- the activity form -------------------------------------------------------------------


def test_2024_form_offers_only_the_citys_2024_units_each_ward_under_its_district(
    official_staff_client,
):
    campaign = make_campaign(2024)
    day = campaign.starts_on

    html = new_form(official_staff_client, campaign).content.decode()

    city = city_units_on(day)
    communes = offered(select_groups(html, "commune"))
    assert set(communes) == {pk for pk, u in city.items() if u.level == UnitLevel.COMMUNE}
    assert len(communes) == 217
    assert not set(communes) & hai_duong_ids()
    for pk, label in communes.items():
        assert label == district_on(city[pk], day).name
    co_organizers = offered(select_groups(html, "co_organizers"))
    assert set(co_organizers) == set(city)  # the city, 15 districts, 217 wards, 15 bodies
    assert co_organizers[unit("SGDDT-HP", day).pk] == "Departments and organisations"
    assert co_organizers[unit("305", day).pk] == "City and districts"
    assert set(offered(select_groups(html, "organizer"))) == set(city)


def test_form_after_the_merger_offers_the_new_city_by_kind_and_no_district(
    official_staff_client,
):
    campaign = make_campaign(2025)

    html = new_form(official_staff_client, campaign).content.decode()

    communes = offered(select_groups(html, "commune"))
    new_city = city_units_on(campaign.starts_on)
    assert set(communes) == {pk for pk, u in new_city.items() if u.level == UnitLevel.COMMUNE}
    assert len(communes) == 114
    assert all(Unit.objects.get(pk=pk).valid_from == MERGER_DAY for pk in communes)
    labels = [label for label, _options in select_groups(html, "commune") if label]
    assert labels == ["Wards", "Communes", "Special zones"]
    assert communes[unit("11914", MERGER_DAY).pk] == "Special zones"  # Đặc khu Cát Hải
    co_organizers = offered(select_groups(html, "co_organizers"))
    assert set(co_organizers) == set(new_city)
    assert not any(Unit.objects.get(pk=pk).level == UnitLevel.DISTRICT for pk in co_organizers)
    assert co_organizers[unit("LDLD-HP", MERGER_DAY).pk] == "Departments and organisations"


def test_form_of_a_campaign_across_the_merger_follows_the_entered_start_date(
    official_staff_client,
):
    campaign = spanning_campaign()
    june, july = campaign.starts_on, datetime.date(2025, 7, 10)

    before = new_form(official_staff_client, campaign).content.decode()
    refused = official_staff_client.post(
        reverse("campaigns_portal:activity-new") + f"?campaign={campaign.pk}",
        the_form_data(campaign, july, co_organizers=[]),
    )

    assert set(offered(select_groups(before, "commune"))) == {
        pk for pk, u in city_units_on(june).items() if u.level == UnitLevel.COMMUNE
    }
    assert "as they stood on 15/06/2025" in before
    # Phường An Biên was abolished on 30/06/2025: refused, and the lists now show July's city.
    assert refused.context["form"].errors["commune"] == [
        "Phường An Biên did not exist on 10/07/2025."
    ]
    after = refused.content.decode()
    assert set(offered(select_groups(after, "commune"))) == {
        pk for pk, u in city_units_on(july).items() if u.level == UnitLevel.COMMUNE
    }
    assert "as they stood on 10/07/2025" in after
    assert not Activity.objects.exists()


def test_edit_form_offers_the_tree_of_the_activitys_own_date(official_staff_client, official_staff):
    campaign = spanning_campaign()
    activity = enter_activity(campaign, by=official_staff, starts_on=datetime.date(2025, 7, 10))

    html = official_staff_client.get(
        reverse("campaigns_portal:activity-edit", args=[activity.pk])
    ).content.decode()

    labels = {label for label, _options in select_groups(html, "commune") if label}
    assert labels == {"Wards", "Communes", "Special zones"}


def test_a_hai_duong_commune_for_a_2024_activity_is_refused_by_name_and_date(
    official_staff_client,
):
    campaign = make_campaign(2024)
    cam_thuong = unit("10507", DAY_2024)  # Phường Cẩm Thượng, Hải Dương's until 30/6/2025
    kinh_mon_ward = Unit.objects.filter(parent_code="30").exclude(pk=cam_thuong.pk).first()

    response = official_staff_client.post(
        reverse("campaigns_portal:activity-new") + f"?campaign={campaign.pk}",
        the_form_data(
            campaign,
            DAY_2024,
            commune=str(cam_thuong.pk),
            co_organizers=[str(unit("SGDDT-HP", DAY_2024).pk), str(kinh_mon_ward.pk)],
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["commune"] == [
        "Phường Cẩm Thượng was not part of Thành phố Hải Phòng on 21/09/2024."
    ]
    assert errors["co_organizers"] == [
        f"{kinh_mon_ward.name} was not part of Thành phố Hải Phòng on 21/09/2024."
    ]
    assert not Activity.objects.exists()


def test_a_hai_duong_unit_as_organiser_is_refused_even_for_staff(official_staff_client):
    campaign = make_campaign(2024)

    response = official_staff_client.post(
        reverse("campaigns_portal:activity-new") + f"?campaign={campaign.pk}",
        the_form_data(campaign, DAY_2024, organizer=str(unit("30", DAY_2024).pk)),
    )

    assert response.context["form"].errors["organizer"] == [
        "Tỉnh Hải Dương was not part of Thành phố Hải Phòng on 21/09/2024."
    ]
    assert not Activity.objects.exists()


def test_form_page_costs_the_same_queries_however_many_units_it_offers(official_staff_client):
    before_merger, after_merger = make_campaign(2024), make_campaign(2025)
    counts = []
    for campaign in (before_merger, after_merger):
        new_form(official_staff_client, campaign)  # the session and roles, read once
        with CaptureQueriesContext(connection) as queries:
            response = new_form(official_staff_client, campaign)
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 10


# --- the Excel template's guide sheet -------------------------------------------------------


def guide_rows(client, campaign, title):
    """The rows under the guide sheet's heading `title`, up to the next empty row."""
    response = client.get(reverse("campaigns_portal:upload-template"), {"campaign": campaign.pk})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Hướng dẫn"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[2] == title) + 1
    found = []
    for row in rows[start:]:
        if not any(row):
            break
        found.append(tuple("" if value is None else str(value) for value in row))
    return found


def test_2024_template_lists_the_citys_2024_wards_under_their_districts(official_staff_client):
    campaign = make_campaign(2024)
    day = campaign.starts_on

    rows = guide_rows(official_staff_client, campaign, "Wards and communes")

    city = city_units_on(day)
    by_code = {u.code: u for u in city.values() if u.level == UnitLevel.COMMUNE}
    assert sorted(row[0] for row in rows) == sorted(by_code)
    hai_duong = set(Unit.objects.filter(pk__in=hai_duong_ids()).values_list("code", flat=True))
    assert not {row[0] for row in rows} & hai_duong
    for code, _blank, name, district, *_rest in rows:
        assert (name, district) == (by_code[code].name, district_on(by_code[code], day).name)
    organizers = guide_rows(
        official_staff_client, campaign, "Your units (the units you may enter activities for)"
    )
    assert len(organizers) == len(city)
    assert not {row[0] for row in organizers} & hai_duong


def test_template_after_the_merger_lists_the_new_city_without_districts(official_staff_client):
    campaign = make_campaign(2025)

    rows = guide_rows(official_staff_client, campaign, "Wards and communes")
    organizers = guide_rows(
        official_staff_client, campaign, "Your units (the units you may enter activities for)"
    )

    new_communes = {
        u.code for u in city_units_on(MERGER_DAY).values() if u.level == UnitLevel.COMMUNE
    }
    assert {row[0] for row in rows} == new_communes
    assert len(rows) == 114
    assert all(row[3] == "" for row in rows)
    old_districts = {"305", "307", "311", "313"}
    assert not {row[0] for row in organizers} & old_districts
    assert ("HKH-HP", "", "Hội Khuyến học thành phố Hải Phòng") in [row[:3] for row in organizers]


def test_template_of_a_campaign_across_the_merger_lists_each_period(official_staff_client):
    campaign = spanning_campaign()

    rows = guide_rows(official_staff_client, campaign, "Wards and communes")

    periods = {}
    for code, _blank, _name, district, period in rows:
        periods.setdefault(period, []).append((code, district))
    assert list(periods) == ["15/06/2025 – 30/06/2025", "01/07/2025 – 15/07/2025"]
    june, july = periods.values()
    assert len(june) == 167
    assert all(district for _code, district in june)
    assert len(july) == 114
    assert not any(district for _code, district in july)


# --- the upload --------------------------------------------------------------------------


def upload_rows(client, campaign, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(upload.HEADERS)
    for values in rows:
        sheet.append([values.get(header) for header in upload.HEADERS])
    content = io.BytesIO()
    workbook.save(content)
    response = client.post(
        reverse("campaigns_portal:upload"),
        {
            "campaign": campaign.pk,
            "file": SimpleUploadedFile("hoat-dong.xlsx", content.getvalue(), XLSX),
        },
        follow=True,
    )
    errors = response.context.get("errors") or []
    return [(error["line"], error["column"], error["message"]) for error in errors]


def upload_row(starts_on, **values):
    row = {
        "Tiêu đề": "Lễ phát động Tháng Khuyến học",
        "Đơn vị tổ chức (mã)": "HKH-HP",
        "Nội dung trọng tâm (số)": 1,
        "Loại hoạt động": "Lễ, mít tinh",
        "Ngày bắt đầu": datetime.datetime.combine(starts_on, datetime.time()),
        "Địa điểm": "Nhà văn hóa",
    }
    row.update(values)
    return row


def test_an_upload_row_naming_another_provinces_unit_is_refused_by_code_and_date(
    official_staff_client,
):
    campaign = make_campaign(2024)

    errors = upload_rows(
        official_staff_client,
        campaign,
        [
            upload_row(DAY_2024, **{"Phường/xã (mã)": "11371"}),
            # 10660 was Phường Ái Quốc of Hải Dương until 30/6/2025 (a ward of the city
            # under the same code from 1/7/2025).
            upload_row(DAY_2024, **{"Phường/xã (mã)": "10660"}),
            upload_row(DAY_2024, **{"Đơn vị tổ chức (mã)": "30"}),
        ],
    )

    assert errors == [
        (
            3,
            "Phường/xã (mã)",
            "The code “10660” is Phường Ái Quốc, which was not part of Thành phố Hải Phòng "
            "on 21/09/2024.",
        ),
        (
            4,
            "Đơn vị tổ chức (mã)",
            "The code “30” is Tỉnh Hải Dương, which was not part of Thành phố Hải Phòng "
            "on 21/09/2024.",
        ),
    ]
    assert not Activity.objects.exists()


def test_an_upload_after_the_merger_takes_the_citys_unit_of_a_reused_code(
    official_staff_client,
):
    campaign = make_campaign(2025)

    errors = upload_rows(
        official_staff_client,
        campaign,
        [upload_row(datetime.date(2025, 9, 20), **{"Phường/xã (mã)": "10660"})],
    )

    assert errors == []
    activity = Activity.objects.get()
    assert activity.commune == unit("10660", MERGER_DAY)
    assert activity.commune.valid_from == MERGER_DAY

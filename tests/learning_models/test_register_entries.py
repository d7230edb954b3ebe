"""A recognition's public entry and a unit's page on the register: the decision and its
status (in Hải Phòng's day), strict entry codes, a merged unit naming its successor, and a
2025 ward showing its predecessors' recognitions as history, in Vietnamese too."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from learning_models.states import Level, Title
from organizations.services import rebuild_ancestry
from tests.learning_models.public_factories import (
    REFORM_DAY,
    city_2025,
    recognise_through_services,
    recognition,
)
from tests.learning_models.public_factories import page_text as _text

REGISTER = "/learning-models/"


# --- an entry, a unit and its history ---------------------------------------------------


def test_an_entry_shows_the_decision_and_its_status(anonymous_client, register_rows):
    entry = register_rows["bac_son_expired"]
    page = _text(anonymous_client.get(entry.get_absolute_url()))

    for value in ("Phường Bắc Sơn", "31/QĐ-PGDĐT", "28/03/2022", "31/12/2024", entry.code):
        assert value in page
    assert "Trưởng phòng Giáo dục và Đào tạo" in page
    assert "Phòng Giáo dục và Đào tạo quận" in page
    assert "This recognition has expired." in page

    revoked = _text(anonymous_client.get(register_rows["nam_son_revoked"].get_absolute_url()))
    assert "This recognition has been revoked." in revoked
    assert "Số liệu không đúng" not in revoked  # the reason is the staff's


@pytest.mark.parametrize(
    "code", ["zzzzzzzz", "ABCDEF1", "ABCDEF123", "ABCDEF1²", "units", "ABCD-EF1"]
)
def test_an_entry_code_must_be_eight_hexadecimal_digits(anonymous_client, code):
    assert anonymous_client.get(f"/learning-models/{code}/").status_code == 404
    assert anonymous_client.get(f"/learning-models/{code}/certificate/").status_code == 404


def test_a_code_in_lower_case_leads_to_its_entry(anonymous_client, register_rows):
    entry = register_rows["an_bien"]
    response = anonymous_client.get(f"/learning-models/{entry.code.lower()}/")
    assert response.status_code == 301
    assert response["Location"] == entry.get_absolute_url()
    unknown = "0" * 8 if entry.code != "0" * 8 else "1" * 8
    assert anonymous_client.get(f"/learning-models/{unknown}/").status_code == 404


def test_a_merged_unit_entry_names_its_successor(anonymous_client, units, make_unit):
    _city, ward_2025 = city_2025(units, make_unit)
    old = recognition(units.du_hang_kenh)

    page = _text(anonymous_client.get(old.get_absolute_url()))
    assert "Phường Dư Hàng Kênh has since been merged into:" in page
    assert reverse("learning_models:unit", args=[ward_2025.pk]) in page
    assert "(from 01/07/2025)" in page


def test_a_ward_formed_in_2025_shows_its_predecessors_recognitions_as_history(
    anonymous_client, units, make_unit, staff
):
    _city, ward_2025 = city_2025(units, make_unit)
    recognition(units.an_bien, year=2024)
    recognition(
        units.du_hang_kenh,
        year=2023,
        level=Level.ONE,
        decision_number="9/QĐ-PGDĐT",
        decision_date=datetime.date(2024, 3, 15),
    )
    own = recognise_through_services(ward_2025, by=staff, decision_number="45/QĐ-UBND")

    page = _text(anonymous_client.get(reverse("learning_models:unit", args=[ward_2025.pk])))

    assert "45/QĐ-UBND" in page
    assert own.get_absolute_url() in page
    assert (
        "Phường An Biên, before 01/07/2025: learning community, commune level, level 1, 2024"
        in page
    )
    assert (
        "Phường Dư Hàng Kênh, before 01/07/2025: learning community, commune level, level 1, "
        "2023" in page
    )
    assert "History: the units it was formed from" in page


def test_the_history_reads_in_vietnamese(client_for, units, make_unit):
    _city, ward_2025 = city_2025(units, make_unit)
    recognition(units.an_bien, year=2024)
    visitor = client_for(None, language=None)

    page = _text(visitor.get(reverse("learning_models:unit", args=[ward_2025.pk])))
    assert (
        "Phường An Biên, trước ngày 01/07/2025: cộng đồng học tập cấp xã, mức độ 1, năm 2024"
        in page
    )


def test_a_unit_page_for_the_citys_units_and_bodies_only(anonymous_client, units, make_unit):
    elsewhere = make_unit("25", "Tỉnh Hải Dương", "tinh", valid_until=REFORM_DAY)
    rebuild_ancestry()

    def status(unit_id):
        return anonymous_client.get(f"/learning-models/units/{unit_id}/").status_code

    assert status(units.le_chan.pk) == 200
    assert status(units.department.pk) == 200  # a learning unit is a body
    assert status(elsewhere.pk) == 404
    recognition(elsewhere, title=Title.COMMUNITY_PROVINCE)
    assert status(elsewhere.pk) == 200  # its entry links to it
    assert status(999999) == 404


@pytest.mark.parametrize(
    ("utc", "status"),
    [
        (datetime.datetime(2027, 12, 31, 16, 30, tzinfo=datetime.UTC), "Valid"),  # 23:30
        (datetime.datetime(2027, 12, 31, 17, 30, tzinfo=datetime.UTC), "Expired"),  # 00:30
    ],
)
def test_the_status_is_that_of_today_in_hai_phong(anonymous_client, units, utc, status):
    entry = recognition(units.an_bien, valid_until=datetime.date(2027, 12, 31))
    with mock.patch("django.utils.timezone.now", return_value=utc):
        page = _text(anonymous_client.get(entry.get_absolute_url()))
    facts = page.split('class="lm-facts"', 1)[1].split("</dl>", 1)[0]
    assert f">{status}</span>" in facts

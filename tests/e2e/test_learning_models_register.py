"""The public register of learning models in a real browser: the register on a desktop and
on a phone (390 px), an entry of an expired recognition and the certificate as printed
(print media, A4 landscape), each without a CSP violation or an axe-core violation."""

import datetime

import pytest
from playwright.sync_api import expect

from learning_models.models import HouseholdCount
from learning_models.states import Level, Title
from tests.learning_models.public_factories import city_2025, recognition

pytestmark = pytest.mark.e2e


@pytest.fixture
def register_world(units, make_unit):
    _city, ward = city_2025(units, make_unit)
    rows = [
        recognition(units.an_bien, decision_number="12/QĐ-PGDĐT"),
        recognition(units.du_hang_kenh, decision_number="13/QĐ-PGDĐT", level=Level.ONE),
        recognition(
            units.bac_son,
            year=2021,
            decision_number="31/QĐ-PGDĐT",
            decision_date=datetime.date(2022, 3, 28),
            valid_until=datetime.date(2024, 12, 31),
        ),
        recognition(
            units.department,
            title=Title.LEARNING_UNIT,
            decision_number="102/QĐ-UBND",
            decision_date=datetime.date(2025, 2, 10),
            signed_by="Phó Chủ tịch Ủy ban nhân dân thành phố",
            authority="Ủy ban nhân dân thành phố Hải Phòng",
        ),
        recognition(
            ward,
            year=2025,
            decision_number="7/QĐ-SGDĐT",
            decision_date=datetime.date(2026, 3, 30),
            valid_until=datetime.date(2028, 12, 31),
            authority="Sở Giáo dục và Đào tạo thành phố Hải Phòng",
        ),
    ]
    figures = {
        units.an_bien: (1200, 1100, 900, 40, 12),
        units.du_hang_kenh: (950, 900, 610, 30, 14),
        units.bac_son: (1500, 1300, 1020, 22, 10),
        units.nam_son: (800, 700, 420, 18, 6),
    }
    for commune, (families, registered, recognised, clans, clans_recognised) in figures.items():
        HouseholdCount.objects.create(
            commune=commune,
            year=2024,
            title=Title.FAMILY,
            total=families,
            registered=registered,
            recognised=recognised,
        )
        HouseholdCount.objects.create(
            commune=commune,
            year=2024,
            title=Title.CLAN,
            total=clans,
            registered=clans - 2,
            recognised=clans_recognised,
        )
        HouseholdCount.objects.create(
            commune=commune,
            year=2024,
            title=Title.CITIZEN,
            total=families * 3,
            registered=families,
            recognised=families - 100,
        )
    return rows


def test_register_on_a_desktop_and_a_phone(
    page, phone_page, visit, register_world, assert_accessible, screenshot
):
    visit(page, "/learning-models/?year=2024")
    expect(page.locator("h1")).to_have_text("Sổ công nhận mô hình học tập")
    expect(page.locator("svg[role=img]")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "learning-models-register")

    visit(phone_page, "/learning-models/?year=2024")
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, width
    assert_accessible(phone_page)
    screenshot(phone_page, "learning-models-register-phone")


# A sheet of A4, landscape, at 96 dots an inch.
A4_LANDSCAPE = {"width": 1123, "height": 794}


def test_entry_and_certificate_of_an_expired_recognition(
    page, open_page, visit, register_world, assert_accessible, screenshot
):
    expired = register_world[2]
    visit(page, f"/learning-models/{expired.code}/")
    expect(page.locator(".lm-warning")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "learning-models-entry-expired")

    visit(page, f"/learning-models/{register_world[0].code}/")
    screenshot(page, "learning-models-entry-merged")

    visit(page, f"/learning-models/{register_world[0].code}/certificate/")
    assert_accessible(page)
    screenshot(page, "learning-models-certificate-screen")

    sheet = open_page(**A4_LANDSCAPE)
    sheet.emulate_media(media="print")
    visit(sheet, f"/learning-models/{register_world[0].code}/certificate/")
    expect(sheet.locator(".site-header")).to_be_hidden()
    expect(sheet.locator(".qr svg")).to_be_visible()
    box = sheet.locator(".certificate").bounding_box()
    assert box["width"] <= A4_LANDSCAPE["width"], box
    assert box["height"] <= A4_LANDSCAPE["height"], box
    screenshot(sheet, "learning-models-certificate-print")
    visit(sheet, f"/learning-models/{expired.code}/certificate/")
    expect(sheet.locator(".certificate__void")).to_be_visible()
    screenshot(sheet, "learning-models-certificate-expired-print")


def test_unit_page_with_history(page, visit, register_world, assert_accessible, screenshot):
    ward = register_world[4].unit
    visit(page, f"/learning-models/units/{ward.pk}/")
    assert_accessible(page)
    screenshot(page, "learning-models-unit-history")

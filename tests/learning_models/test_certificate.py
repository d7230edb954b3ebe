"""A recognition's printable certificate at /learning-models/<code>/certificate/: in
Vietnamese, with the unit, title, level, decision and validity; a QR code drawn by the
portal (segno, inline SVG) whose payload is the register entry's absolute address; a print
stylesheet for A4 landscape shipped with the project; an expired or revoked recognition
says so on it."""

import datetime
import re
from pathlib import Path

import pytest
import segno
from django.contrib.staticfiles import finders
from django.urls import reverse

from learning_models.states import Level, Title
from learning_models.views import public as views
from tests.learning_models.public_factories import (
    city_2025,
    recognise_through_services,
    recognition,
)


def _page(client, recognition_row):
    response = client.get(reverse("learning_models:certificate", args=[recognition_row.code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def recognised_ward(units, make_unit, staff):
    """Phường An Biên (formed 1/7/2025) recognised through the services."""
    _city, ward = city_2025(units, make_unit)
    return recognise_through_services(
        ward,
        by=staff,
        decision_number="45/QĐ-SGDĐT",
        decision_date=datetime.date(2026, 3, 1),
        signed_by="Phó Giám đốc Sở Giáo dục và Đào tạo",
    )


def test_the_certificate_reads_in_vietnamese_with_the_decision(anonymous_client, recognised_ward):
    page = _page(anonymous_client, recognised_ward)

    certificate = page.split('<article class="certificate', 1)[1].split("</article>", 1)[0]
    assert 'lang="vi"' in certificate
    assert "Giấy chứng nhận" in certificate
    assert "Phường An Biên" in certificate
    assert "Cộng đồng học tập cấp xã" in certificate
    assert "mức độ 1" in certificate
    assert "năm đánh giá 2025" in certificate
    assert "theo Quyết định số 45/QĐ-SGDĐT ngày 01/03/2026" in certificate
    assert recognised_ward.authority in certificate
    assert "Có giá trị đến ngày 31/12/2028" in certificate  # 36 months after 2025
    assert "Phó Giám đốc Sở Giáo dục và Đào tạo" in certificate
    assert recognised_ward.code in certificate


def test_the_qr_code_is_the_entry_address_drawn_by_segno(
    anonymous_client, recognised_ward, settings
):
    settings.PORTAL_BASE_URL = "https://khuyenhoc.haiphong.gov.vn"
    entry = "https://khuyenhoc.haiphong.gov.vn" + recognised_ward.get_absolute_url()

    page = _page(anonymous_client, recognised_ward)

    assert f'data-qr-payload="{entry}"' in page
    expected = segno.make(entry, error=views.QR_ERROR).svg_inline(**views.QR_OPTIONS)
    assert expected in page
    svg = re.search(r'<svg[^>]*class="qr__code".*?</svg>', page, re.S).group(0)
    assert svg == expected
    assert "<script" not in page


def test_without_a_public_address_the_qr_code_uses_the_request(
    anonymous_client, recognised_ward, settings
):
    settings.PORTAL_BASE_URL = ""
    page = _page(anonymous_client, recognised_ward)
    entry = "http://testserver" + recognised_ward.get_absolute_url()
    assert f'data-qr-payload="{entry}"' in page
    assert segno.make(entry, error=views.QR_ERROR).svg_inline(**views.QR_OPTIONS) in page


def test_the_print_stylesheet_sets_a4_landscape(anonymous_client, recognised_ward):
    page = _page(anonymous_client, recognised_ward)

    link = re.search(
        r'<link rel="stylesheet" href="([^"]+certificate-print\.css)" media="print">', page
    )
    assert link, "the certificate links its print stylesheet for print only"
    path = finders.find("css/certificate-print.css")
    assert path, "the stylesheet is shipped under static/css/"
    css = Path(path).read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4 landscape", css)
    assert ".site-header" in css  # the portal's chrome is not printed


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (
            {
                "year": 2021,
                "decision_date": datetime.date(2022, 3, 28),
                "valid_until": datetime.date(2024, 12, 31),
            },
            "Hết hiệu lực: chỉ có giá trị đến 31/12/2024",
        ),
        (
            {"revoked_at": datetime.datetime(2025, 9, 1, 3, 0, tzinfo=datetime.UTC)},
            "Đã thu hồi ngày 01/09/2025: không còn hiệu lực",
        ),
    ],
    ids=["expired", "revoked"],
)
def test_an_expired_or_revoked_recognition_says_so_on_the_certificate(
    anonymous_client, units, fields, words
):
    row = recognition(units.bac_son, **fields)

    page = _page(anonymous_client, row)

    assert "certificate--void" in page
    assert f'<p class="certificate__void" role="alert">{words}</p>' in page


def test_a_valid_certificate_has_no_void_notice(anonymous_client, units):
    row = recognition(units.department, title=Title.LEARNING_UNIT, level=Level.TWO)
    page = _page(anonymous_client, row)
    assert "certificate__void" not in page
    assert "Đơn vị học tập – mức độ 2" in page


def test_the_english_page_keeps_the_certificate_in_vietnamese(client_for, units):
    row = recognition(units.an_bien)
    page = _page(client_for(None, language="en"), row)
    assert '<html lang="en">' in page
    assert "This page is made to be printed on A4 paper, landscape" in page
    assert "Chứng nhận" in page
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in page

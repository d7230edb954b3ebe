"""The fund's spreadsheets as files to download: the Vietnamese template of a donation list,
and a fund's ledger and donations (scholarships.resources) as xlsx or CSV. Every cell that
people typed is written as text (common.spreadsheets.writing): a donor named
`=HYPERLINK(...)` stays those characters."""

import datetime

import tablib
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.utils.text import slugify

from common.spreadsheets.writing import TextOnlyCSV, TextOnlyXLSX, xlsx_bytes
from scholarships.donation_rows import COLUMNS
from scholarships.models import Donation, LedgerEntry
from scholarships.resources import DonationResource, LedgerEntryResource

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
TEMPLATE_NAME = "mau-danh-sach-ung-ho-quy-khuyen-hoc.xlsx"

TEMPLATE_ROWS = [
    (
        "15/09/2025",
        "Công ty TNHH Thương mại Hải Long",
        "Doanh nghiệp",
        "Chuyển khoản",
        "",
        "10.000.000",
        "Học bổng vượt khó",
        "Tên và số tiền",
        "Số 25 Lạch Tray, Ngô Quyền",
        "0225 3856 123",
        "ketoan@hailong.example.vn",
        "",
    ),
    (
        "16/09/2025",
        "Nguyễn Văn An",
        "Cá nhân",
        "Tiền mặt",
        "",
        "1,5 triệu",
        "",
        "",
        "",
        "0912 345 678",
        "",
        "",
    ),
    (
        "20/09/2025",
        "Đoàn Thanh niên phường An Biên",
        "Tổ chức",
        "Hiện vật",
        "50 bộ sách giáo khoa lớp 6",
        "2.500.000",
        "",
        "Chỉ tên",
        "",
        "",
        "",
        "",
    ),
]


def template_response():
    """The template of a donation list: its columns and three example rows."""
    dataset = tablib.Dataset(*TEMPLATE_ROWS, headers=list(COLUMNS))
    return _download(xlsx_bytes(dataset), XLSX_TYPE, TEMPLATE_NAME)


def ledger_rows(fund):
    return (
        LedgerEntry.objects.filter(fund=fund)
        .select_related("recorded_by")
        .order_by("recorded_at", "pk")
    )


def donation_rows(fund):
    reversed_entries = LedgerEntry.objects.filter(reverses=OuterRef("entry_id"))
    return (
        Donation.objects.filter(fund=fund)
        .select_related("donor", "entry", "pledge__fund")
        .annotate(is_reversed=Exists(reversed_entries))
        .order_by("entry__receipt_year", "entry__receipt_number", "pk")
    )


def ledger_dataset(fund, *, native=False) -> tablib.Dataset:
    """The fund's ledger; `native`: days and amounts as dates and numbers (for xlsx)."""
    return LedgerEntryResource().export(ledger_rows(fund), force_native_type=native)


def donations_dataset(fund, *, private, native=False) -> tablib.Dataset:
    return DonationResource(private=private).export(donation_rows(fund), force_native_type=native)


def export_response(dataset, *, kind, fund, fmt):
    """`dataset` as a download: `fmt` is "xlsx" or "csv"."""
    stem = f"{slugify(fund.name) or 'quy'}-{kind}-{datetime.date.today():%Y-%m-%d}"
    if fmt == "xlsx":
        return _download(TextOnlyXLSX().export_data(dataset), XLSX_TYPE, f"{stem}.xlsx")
    data = TextOnlyCSV().export_data(dataset)
    return _download("\ufeff" + data, CSV_TYPE, f"{stem}.csv")


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

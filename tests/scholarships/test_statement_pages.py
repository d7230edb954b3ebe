"""The treasurers' statement pages through the test client: upload, preview (each credit
with its match, nothing written), confirmation (recorded in one go), the summary and the
list; a district's treasurer works on the district's fund and is refused the city's; a
hostile or malformed file is refused with a message, nothing written."""

import pytest
from django.urls import reverse

from scholarships.models import BankStatement, Donation, LedgerEntry
from tests.hostile_tables import hostile_csv, hostile_workbook
from tests.scholarships.statement_files import VCB_FIRST, bidv_csv, vietcombank_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LINES = [
    ("02/09/2024", "FT001", 0, 5_000_000, "MBVCB.123.QKH2024000003 ung ho"),
    ("05/09/2024", "FT003", 350_000, 0, "Phi quan ly tai khoan"),
    ("06/09/2024", "FT004", 0, 500_000, "NGUYEN VAN AN ung ho quy"),
    ("07/09/2024", "FT005", 0, 200_000, "ung ho <script>alert(1)</script>"),
]


def url(name, fund, *args):
    return reverse(f"scholarships_portal:{name}", args=[fund.pk, *args])


def upload(client, fund, data, name="sao-ke.xlsx", layout="vietcombank", **mapping):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        url("statement-upload", fund),
        {"file": SimpleUploadedFile(name, data), "layout": layout, "thousands": ".", **mapping},
    )


def token_of(response):
    return response.context["form"]["token"].value()


def test_upload_preview_and_confirm(treasurer_client, fund, pledges_2024):
    assert treasurer_client.get(url("statement-upload", fund)).status_code == 200
    preview = upload(treasurer_client, fund, vietcombank_xlsx(LINES))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "QKH 2024 000003" in page
    assert "5.000.000" in page
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    assert not LedgerEntry.objects.exists()  # nothing before the confirmation
    first, second = VCB_FIRST + 2, VCB_FIRST + 3
    response = treasurer_client.post(
        url("statement-confirm", fund),
        {
            "token": token_of(preview),
            f"choice_{VCB_FIRST}": "pledge",
            f"choice_{first}": "new",
            f"name_{first}": "Nguyễn Văn An",
            f"kind_{first}": "individual",
            f"choice_{second}": "skip",
        },
    )
    statement = BankStatement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("statement", fund, statement.pk)
    assert (statement.recorded, statement.skipped) == (2, 0)
    assert sorted(Donation.objects.values_list("donor__name", "entry__amount")) == [
        ("Công ty Cổ phần Cảng Hải Phòng", 5_000_000),
        ("Nguyễn Văn An", 500_000),
    ]
    summary = treasurer_client.get(response["Location"]).content.decode()
    assert "Nguyễn Văn An" in summary
    assert "QKH 2024 000003" in summary
    listing = treasurer_client.get(url("statements", fund)).content.decode()
    assert "sao-ke.xlsx" in listing


def test_the_same_file_again_shows_its_credits_as_already_recorded(
    treasurer_client, fund, pledges_2024
):
    data = vietcombank_xlsx(LINES[:1])
    preview = upload(treasurer_client, fund, data)
    treasurer_client.post(
        url("statement-confirm", fund),
        {"token": token_of(preview), f"choice_{VCB_FIRST}": "pledge"},
    )
    again = upload(treasurer_client, fund, data)
    assert "already recorded" in again.content.decode()
    response = treasurer_client.post(url("statement-confirm", fund), {"token": token_of(again)})
    assert response.status_code == 302
    assert LedgerEntry.objects.count() == 1
    assert BankStatement.objects.order_by("pk").last().skipped == 1


def test_a_used_or_forged_token_is_refused(treasurer_client, fund, pledges_2024):
    preview = upload(treasurer_client, fund, vietcombank_xlsx(LINES[:1]))
    token = token_of(preview)
    choice = {f"choice_{VCB_FIRST}": "pledge"}
    treasurer_client.post(url("statement-confirm", fund), {"token": token, **choice})
    for forged in (token, token + "x", ""):
        response = treasurer_client.post(
            url("statement-confirm", fund), {"token": forged, **choice}, follow=True
        )
        assert "expired" in response.content.decode()
    assert LedgerEntry.objects.count() == 1


def test_a_missing_choice_shows_the_preview_again(treasurer_client, fund, pledges_2024):
    preview = upload(treasurer_client, fund, vietcombank_xlsx(LINES))
    line = VCB_FIRST + 2
    response = treasurer_client.post(
        url("statement-confirm", fund),
        {"token": token_of(preview), f"choice_{line}": "new", f"name_{line}": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write the new donor&#x27;s name" in page or "Write the new donor's name" in page
    assert not LedgerEntry.objects.exists()


def test_a_malformed_line_is_named_and_nothing_is_kept(treasurer_client, fund):
    lines = [*LINES, ("31/09/2024", "FT9", 0, 100_000, "x")]
    response = upload(treasurer_client, fund, vietcombank_xlsx(lines))
    page = response.content.decode()
    assert f"line {VCB_FIRST + 4}, column “Ngày giao dịch”" in page
    assert "token" not in response.context or "statement" not in response.context


def test_a_column_mapping_from_the_form(treasurer_client, fund):
    data = b"Ngay;Tien vao;Noi dung\r\n01/09/2024;1.200.000;Ung ho\r\n"
    missing = upload(treasurer_client, fund, data, name="khac.csv", layout="mapping")
    assert "Needed when you map the columns yourself" in missing.content.decode()
    mapped = upload(
        treasurer_client, fund, data, name="khac.csv", layout="mapping", header_row="1",
        date_column="A", credit_column="Tien vao", description_column="C",
    )  # fmt: skip
    assert mapped.status_code == 200
    assert "1.200.000" in mapped.content.decode()
    bad = upload(treasurer_client, fund, data, name="k.csv", layout="mapping", header_row="١")
    assert "whole number from 1 to 1000" in bad.content.decode()


@pytest.mark.parametrize(
    ("build", "name", "words"),
    [
        (lambda: hostile_workbook("blank sheet", ("Ngày",)), "x.xlsx", "unpacks to more than"),
        (lambda: hostile_csv("empty lines", ("Ngày",)), "x.csv", "too many rows"),
        (lambda: hostile_csv("endless line", ("Ngày",)), "x.csv", "is longer"),
        (lambda: b"\xd0\xcf\x11\xe0old", "x.xls", "Old Excel files"),
    ],
)
def test_a_hostile_file_is_refused_with_a_message(treasurer_client, fund, build, name, words):
    response = upload(treasurer_client, fund, build(), name=name)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not BankStatement.objects.exists()


def test_a_district_treasurer_works_on_the_district_fund_only(
    client_for, district_treasurer, district_fund, fund
):
    client = client_for(district_treasurer)
    for name in ("statements", "statement-upload"):
        assert client.get(url(name, fund)).status_code == 403
        assert client.get(url(name, district_fund)).status_code == 200
    assert client.post(url("statement-confirm", fund), {"token": "x"}).status_code == 403
    data = bidv_csv([("03/09/2024", "B1", 0, 700_000, "ung ho")])
    assert upload(client, fund, data, name="b.csv", layout="bidv").status_code == 403
    preview = upload(client, district_fund, data, name="b.csv", layout="bidv")
    assert preview.status_code == 200
    response = client.post(
        url("statement-confirm", district_fund),
        {"token": token_of(preview), "choice_5": "new", "name_5": "Lê Văn Bình",
         "kind_5": "individual"},
    )  # fmt: skip
    assert response.status_code == 302
    statement = BankStatement.objects.get(fund=district_fund)
    # The district's statement is not the city's to see, nor the token another fund's.
    assert (
        client_for(district_treasurer).get(url("statement", fund, statement.pk)).status_code == 403
    )


def test_a_token_is_for_its_fund_and_its_uploader(
    client_for, treasurer, treasurer_client, fund, district_fund, district_treasurer
):
    data = bidv_csv([("03/09/2024", "B1", 0, 700_000, "ung ho")])
    preview = upload(treasurer_client, district_fund, data, name="b.csv", layout="bidv")
    token = token_of(preview)
    moved = treasurer_client.post(
        url("statement-confirm", fund), {"token": token, "choice_5": "skip"}, follow=True
    )
    assert "expired" in moved.content.decode()
    other = client_for(district_treasurer).post(
        url("statement-confirm", district_fund), {"token": token, "choice_5": "skip"}, follow=True
    )
    assert "expired" in other.content.decode()
    assert not BankStatement.objects.exists()


def test_staff_and_anonymous_visitors_are_kept_out(staff_client, anonymous_client, fund):
    assert staff_client.get(url("statements", fund)).status_code == 403
    assert anonymous_client.get(url("statements", fund)).status_code == 302


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_a_fixed_number_of_queries(
    treasurer_client, treasurer, fund, count, django_assert_num_queries
):
    BankStatement.objects.bulk_create(
        BankStatement(fund=fund, file_name=f"sao-ke-{n}.xlsx", sha256="0" * 64,
                      layout="bidv", imported_by=treasurer)
        for n in range(count)
    )  # fmt: skip
    treasurer_client.get(url("statements", fund))
    with django_assert_num_queries(5):
        response = treasurer_client.get(url("statements", fund))
    assert response.content.decode().count("sao-ke-") == count

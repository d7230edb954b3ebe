"""The treasurers' pages of donation lists in the officers' area: the template, the upload
that starts an import, the import's page that follows it (reloading itself while it runs),
its problems or its receipts, the exports of a fund's books; a district's treasurer imports
and exports the district's fund only, staff read and export but record no money."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from scholarships.donation_rows import COLUMNS
from scholarships.models import Donation, DonationImport, ImportState

pytestmark = pytest.mark.django_db

PAGE = reverse("scholarships_portal:donation-imports")
TEMPLATE = reverse("scholarships_portal:donation-template")


def rows(*names, amount="1.500.000"):
    return [
        ("15/09/2025", name, "Cá nhân", "Tiền mặt", "", amount, "", "", "", "", "", "")
        for name in names
    ]


def upload(client, fund, data, name="danh-sach.xlsx"):
    return client.post(
        PAGE, {"fund": fund.pk, "file": SimpleUploadedFile(name, data)}, follow=False
    )


def test_the_template_has_the_vietnamese_columns(treasurer_client):
    response = treasurer_client.get(TEMPLATE)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert tuple(cell.value for cell in sheet[1]) == COLUMNS
    assert sheet.cell(row=3, column=6).value == "1,5 triệu"


def test_a_good_list_is_imported_and_its_page_shows_the_receipts(
    fund, treasurer_client, donation_list_xlsx, django_capture_on_commit_callbacks
):
    data = donation_list_xlsx(rows("An", "Bình", "Cường"))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(treasurer_client, fund, data)
    made = DonationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scholarships_portal:donation-import", args=[made.pk])
    assert made.state == ImportState.DONE
    assert made.content == b""
    assert (made.rows_total, made.rows_done) == (3, 3)
    assert made.finished_at is not None
    assert sorted(Donation.objects.values_list("entry__receipt_number", flat=True)) == [1, 2, 3]
    page = treasurer_client.get(response["Location"]).content.decode()
    assert "3 donations recorded, 4.500.000" in page
    assert "2025/000001" in page
    assert "2025/000003" in page
    assert 'http-equiv="refresh"' not in page


def test_a_list_as_long_as_the_template_allows_is_not_refused_for_what_it_unpacks_to(
    fund, treasurer_client, settings, django_capture_on_commit_callbacks
):
    """The other imports' bound on an unpacked workbook would refuse a full year's list: the
    donation import has its own, measured on a list like the bench's (the same columns, names,
    days as dates and as text) and scaled to the most rows a list may hold."""
    import zipfile

    from bench.donation_import import workbook
    from scholarships.donation_rows import MAX_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES

    data = workbook(1000)
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert unpacked * (MAX_ROWS // 1000) * 1.5 <= MAX_UNPACKED_BYTES
    assert len(data) * (MAX_ROWS // 1000) * 1.5 <= MAX_BYTES

    # The setting of the other imports, below this list: the donation import still reads it.
    settings.TABLE_IMPORT_MAX_UNPACKED_BYTES = unpacked // 2
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(treasurer_client, fund, data)
    made = DonationImport.objects.get()
    assert (made.state, made.errors) == (ImportState.DONE, [])
    assert Donation.objects.count() == 1000
    assert response.status_code == 302


def test_a_bad_list_imports_nothing_and_its_page_names_line_and_column(
    fund, treasurer_client, donation_list_xlsx, django_capture_on_commit_callbacks
):
    data = donation_list_xlsx([*rows("An"), *rows("Bình", amount="1,5"), *rows("")])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(treasurer_client, fund, data)
    made = DonationImport.objects.get()
    assert made.state == ImportState.FAILED
    assert [(e["line"], e["column"]) for e in made.errors] == [(3, "Số tiền"), (4, "Nhà hảo tâm")]
    assert not Donation.objects.exists()
    page = treasurer_client.get(response["Location"]).content.decode()
    assert "Nothing was imported: the list has 2 problems" in page
    assert "Số tiền" in page
    assert "Nhà hảo tâm" in page


def test_a_file_that_is_not_a_table_fails_with_its_reason(
    fund, treasurer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(treasurer_client, fund, b"PK\x03\x04 not a workbook", "ds.xlsx")
    made = DonationImport.objects.get()
    assert made.state == ImportState.FAILED
    assert made.errors[0]["line"] == 0
    response = upload(treasurer_client, fund, b"%PDF-1.4", "ds.pdf")
    assert response.status_code == 200
    assert "Only .xlsx and .csv" in response.content.decode()


def test_a_running_import_shows_its_progress_and_reloads_itself(fund, treasurer, client_for):
    made = DonationImport.objects.create(
        fund=fund,
        file_name="ca-nam.xlsx",
        created_by=treasurer,
        state=ImportState.CHECKING,
        rows_total=100_000,
        rows_done=42_000,
    )
    url = reverse("scholarships_portal:donation-import", args=[made.pk])
    page = client_for(treasurer).get(url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress max="100" value="42"' in page
    assert "42,000 of 100,000 rows checked" in page
    vietnamese = client_for(treasurer, language="vi").get(url).content.decode()
    assert "42.000" in vietnamese
    assert "100.000" in vietnamese


def test_while_the_rows_are_recorded_the_bar_claims_no_share(fund, treasurer, client_for):
    """The rows go in in one transaction: the page says so, with a bar that moves without
    pretending to know how far the recording has gone."""
    made = DonationImport.objects.create(
        fund=fund,
        file_name="ca-nam.xlsx",
        created_by=treasurer,
        state=ImportState.IMPORTING,
        rows_total=100_000,
        rows_done=100_000,
    )
    url = reverse("scholarships_portal:donation-import", args=[made.pk])
    page = client_for(treasurer).get(url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress aria-labelledby="progress-heading"></progress>' in page
    assert "All 100,000 rows are right" in page
    assert "either all of them are recorded or none" in page


def test_the_funds_page_leads_to_its_statements_and_to_the_import_with_it_chosen(
    fund, district_fund, treasurer_client
):
    page = treasurer_client.get(reverse("scholarships_portal:fund", args=[district_fund.pk]))
    tabs = page.content.decode().split('class="fund-tabs"')[1].split("</nav>")[0]
    statements = reverse("scholarships_portal:statements", args=[district_fund.pk])
    imports = reverse("scholarships_portal:donation-imports")
    assert f'href="{statements}"' in tabs
    assert f'href="{imports}?fund={district_fund.pk}"' in tabs

    def chosen(query):
        form = treasurer_client.get(imports + query).context["form"]
        return form["fund"].value()

    assert chosen(f"?fund={district_fund.pk}") == district_fund.pk
    assert chosen(f"?fund={fund.pk}") == fund.pk
    for hostile in ("?fund=abc", "?fund=-1", "?fund=99999999", "?fund=1e3", "?fund=%EF%BC%91"):
        assert chosen(hostile) is None, hostile  # two funds to choose from: no guess


def test_a_district_treasurer_imports_into_the_district_fund_only(
    fund, district_fund, district_treasurer, client_for, donation_list_xlsx
):
    client = client_for(district_treasurer)
    page = client.get(PAGE).content.decode()
    assert district_fund.name in page
    assert fund.name not in page
    response = upload(client, fund, donation_list_xlsx(rows("An")))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not DonationImport.objects.exists()
    assert client.get(reverse("scholarships_portal:ledger-xlsx", args=[fund.pk])).status_code == 403
    ok = client.get(reverse("scholarships_portal:ledger-csv", args=[district_fund.pk]))
    assert ok.status_code == 200


def test_another_funds_import_page_is_refused(fund, treasurer, district_treasurer, client_for):
    made = DonationImport.objects.create(fund=fund, file_name="x.xlsx", created_by=treasurer)
    url = reverse("scholarships_portal:donation-import", args=[made.pk])
    assert client_for(district_treasurer).get(url).status_code == 403
    assert client_for(treasurer).get(url).status_code == 200
    missing = reverse("scholarships_portal:donation-import", args=[made.pk + 1])
    assert client_for(treasurer).get(missing).status_code == 404


def test_staff_export_every_fund_but_import_nothing(
    fund, district_fund, staff_client, donation_list_xlsx
):
    page = staff_client.get(PAGE).content.decode()
    assert fund.name in page
    assert district_fund.name in page
    assert 'name="file"' not in page
    assert upload(staff_client, fund, donation_list_xlsx(rows("An"))).status_code == 403
    for name in ("ledger-xlsx", "ledger-csv", "donations-xlsx", "donations-csv"):
        response = staff_client.get(reverse(f"scholarships_portal:{name}", args=[fund.pk]))
        assert response.status_code == 200, name
        assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "persona", ["officer_le_chan_client", "reviewer_client", "nobody_client", "anonymous_client"]
)
def test_nobody_else_reaches_the_books(request, fund, persona):
    client = request.getfixturevalue(persona)
    for url in (
        PAGE,
        TEMPLATE,
        reverse("scholarships_portal:donations-xlsx", args=[fund.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]


def test_the_donations_export_for_treasurers_holds_the_private_columns(
    fund, donor, treasurer, treasurer_client
):
    from scholarships import services
    from scholarships.models import Method

    services.donate(fund, donor=donor, amount=300_000, method=Method.CASH, by=treasurer)
    response = treasurer_client.get(reverse("scholarships_portal:donations-xlsx", args=[fund.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert donor.address in values
    assert donor.email in values
    assert 300_000 in values


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_costs_the_same_queries_for_3_and_30_imports(
    fund, treasurer, client_for, count, django_assert_max_num_queries
):
    DonationImport.objects.bulk_create(
        [
            DonationImport(fund=fund, file_name=f"{n}.xlsx", created_by=treasurer)
            for n in range(count)
        ]
    )
    client = client_for(treasurer)
    client.get(PAGE)
    with django_assert_max_num_queries(9):
        response = client.get(PAGE)
    assert response.content.decode().count("xlsx</a>") >= min(count, 20)

"""The admin's import of a donation list, on django-import-export's own flow: the upload with
the fund, the preview listing every problem by line and column (nothing written), the
confirmation that records the list; the fund carried signed from the upload to the
confirmation. DonationImportMixin is mixed into a Donation admin on a site of this module's
own, as the fund's admin mixes it in."""

import re
import sys
import types

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path, reverse
from import_export.admin import ImportMixin

from organizations.admin_site import PortalAdminSite
from scholarships.admin.imports import DonationImportMixin
from scholarships.models import Donation

pytestmark = pytest.mark.django_db

SITE = PortalAdminSite(name="fund_import_test")


class DonationAdmin(DonationImportMixin, ImportMixin, admin.ModelAdmin):
    pass


SITE.register(Donation, DonationAdmin)


@pytest.fixture
def donation_admin_urls(settings):
    import config.urls

    module = types.ModuleType("fund_import_test_urls")
    module.urlpatterns = [path("test-admin/", SITE.urls), *config.urls.urlpatterns]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    yield
    del sys.modules[module.__name__]


def url(name):
    return reverse(f"admin:scholarships_donation_{name}", current_app=SITE.name)


def rows(*cells):
    return [
        ("15/09/2025", name, "Cá nhân", "Tiền mặt", "", amount, "", "", "", "", "", "")
        for name, amount in cells
    ]


@pytest.mark.usefixtures("donation_admin_urls")
def test_a_list_is_previewed_then_recorded_on_confirmation(
    fund, treasurer_client, donation_list_xlsx
):
    template = treasurer_client.get(url("import_template"))
    assert template.status_code == 200
    page = treasurer_client.get(url("import"))
    assert page.status_code == 200
    assert fund.name in page.content.decode()

    data = donation_list_xlsx(rows(("An", "1,5 triệu"), ("Bình", "200.000")))
    preview = treasurer_client.post(
        url("import"), {"fund": fund.pk, "import_file": SimpleUploadedFile("ds.xlsx", data)}
    )
    text = preview.content.decode()
    assert "Confirming will record 2 donations" in text
    assert not Donation.objects.exists()
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', text))
    confirm = {name: fields[name] for name in ("import_file_name", "fund")}
    confirm.update(original_file_name="ds.xlsx", format="1", resource="")
    done = treasurer_client.post(url("process_import"), confirm)
    assert done.status_code == 302
    assert sorted(Donation.objects.values_list("entry__amount", flat=True)) == [200_000, 1_500_000]
    # The same confirmation again: the upload is spent.
    treasurer_client.post(url("process_import"), confirm)
    assert Donation.objects.count() == 2


@pytest.mark.usefixtures("donation_admin_urls")
def test_a_bad_row_is_named_and_nothing_can_be_confirmed(
    fund, treasurer_client, donation_list_xlsx
):
    data = donation_list_xlsx(rows(("An", "1,5"), ("", "200.000")))
    preview = treasurer_client.post(
        url("import"), {"fund": fund.pk, "import_file": SimpleUploadedFile("ds.xlsx", data)}
    )
    text = preview.content.decode()
    assert "Nothing was imported: 2 problems in the file." in text
    assert '<code class="column-name">Số tiền</code>' in text
    assert '<code class="column-name">Nhà hảo tâm</code>' in text
    assert "process_import" not in text
    assert not Donation.objects.exists()


@pytest.mark.usefixtures("donation_admin_urls")
def test_a_forged_fund_is_refused_at_confirmation(
    fund, district_fund, treasurer_client, donation_list_xlsx
):
    data = donation_list_xlsx(rows(("An", "100.000")))
    preview = treasurer_client.post(
        url("import"), {"fund": fund.pk, "import_file": SimpleUploadedFile("ds.xlsx", data)}
    )
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', preview.content.decode()))
    treasurer_client.post(
        url("process_import"),
        {"import_file_name": fields["import_file_name"], "fund": str(district_fund.pk),
         "original_file_name": "ds.xlsx", "format": "1"},
    )  # fmt: skip
    assert not Donation.objects.exists()


@pytest.mark.usefixtures("donation_admin_urls")
def test_staff_do_not_import_money(fund, staff_client):
    assert staff_client.get(url("import")).status_code == 403

"""The fund's admin: every list and record page opens for staff and treasurers, amounts
read 1.500.000 ₫, nobody deletes anything, and a district treasurer works in the portal,
not in the admin."""

import pytest
from django.urls import reverse

from scholarships.models import (
    BankStatement,
    Donation,
    Donor,
    Fund,
    LedgerEntry,
    Pledge,
    StatementCredit,
)
from tests.scholarships.admin_world import fill

pytestmark = pytest.mark.django_db

MODELS = [Fund, LedgerEntry, Donor, Donation, Pledge, BankStatement, StatementCredit]


@pytest.fixture
def books(fund, treasurer):
    fill(fund, treasurer, rows=2)
    return fund


def admin_url(model, view, *args):
    return reverse(f"admin:scholarships_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("who", ["staff", "treasurer"])
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_every_list_and_record_opens(request, books, who, model):
    client = request.getfixturevalue(f"{who}_client")
    listed = client.get(admin_url(model, "changelist"))
    assert listed.status_code == 200
    searched = client.get(admin_url(model, "changelist"), {"q": "do son"})
    assert searched.status_code == 200
    for record in model.objects.all()[:3]:
        assert client.get(admin_url(model, "change", record.pk)).status_code == 200


def test_the_pages_read_in_vietnamese(books, client_for, treasurer):
    client = client_for(treasurer, language=None)
    page = client.get(admin_url(LedgerEntry, "changelist")).content.decode()
    assert "Bút toán" in page or "bút toán" in page
    assert "1.500.000\u00a0₫" in page


def test_amounts_are_written_the_vietnamese_way(books, staff_client):
    page = staff_client.get(admin_url(Donation, "changelist")).content.decode()
    assert "1.500.000\u00a0₫" in page
    page = staff_client.get(admin_url(Fund, "changelist")).content.decode()
    assert "\u00a0₫" in page


def test_the_search_ignores_diacritics(books, staff_client):
    found = staff_client.get(admin_url(Donor, "changelist"), {"q": "thuong mai do son so 1"})
    assert found.context["cl"].result_count == 1
    receipt = staff_client.get(admin_url(Donation, "changelist"), {"q": "2024/000001"})
    assert [d.receipt_label for d in receipt.context["cl"].result_list] == ["2024/000001"]


def test_private_details_are_shown_to_staff_and_treasurers(books, staff_client, treasurer_client):
    donor = Donor.objects.order_by("pk").first()
    for client in (staff_client, treasurer_client):
        page = client.get(admin_url(Donor, "change", donor.pk)).content.decode()
        assert donor.address in page
        assert donor.email in page


@pytest.mark.parametrize("who", ["staff", "treasurer", "superuser"])
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_nobody_deletes_money(request, books, who, model):
    client = request.getfixturevalue(f"{who}_client")
    record = model.objects.order_by("pk").first()
    page = client.get(admin_url(model, "change", record.pk))
    assert page.status_code == 200
    assert admin_url(model, "delete", record.pk) not in page.content.decode()
    listed = client.get(admin_url(model, "changelist"))
    assert "delete_selected" not in listed.content.decode()
    assert client.post(admin_url(model, "delete", record.pk), {"post": "yes"}).status_code in (
        403,
        404,
    )
    assert model.objects.filter(pk=record.pk).exists()


def test_staff_see_the_money_but_do_not_change_it(books, staff_client):
    fund = Fund.objects.get()
    page = staff_client.get(admin_url(Fund, "change", fund.pk)).content.decode()
    assert 'name="account_number"' not in page
    assert staff_client.get(admin_url(Donor, "add")).status_code == 403
    assert staff_client.get(admin_url(Fund, "add")).status_code == 403


def test_a_district_treasurer_works_in_the_portal_not_the_admin(
    district_fund, district_treasurer, client_for
):
    client = client_for(district_treasurer)
    assert client.get(reverse("admin:index")).status_code == 403
    assert client.get(admin_url(LedgerEntry, "changelist")).status_code == 403

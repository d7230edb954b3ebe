"""Funds, donors and pledges in the admin: edited through the services, with the history on
the record's page; pledges cancelled with a reason and reminded by mail."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from common.history.audit import history_of
from scholarships import services
from scholarships.models import Donor, DonorKind, Fund, PledgeState, PublicDisplay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def donor_form(donor, **changes):
    data = {
        "kind": donor.kind,
        "name": donor.name,
        "public_display": donor.public_display,
        "address": donor.address,
        "phone": donor.phone,
        "email": donor.email,
        "donations-TOTAL_FORMS": "0",
        "donations-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_a_donors_edit_is_in_the_history_on_their_page(named_donor, treasurer_client):
    url = reverse("admin:scholarships_donor_change", args=[named_donor.pk])
    answer = treasurer_client.post(
        url, donor_form(named_donor, public_display=PublicDisplay.NAME_ONLY)
    )
    assert answer.status_code == 302, answer.context and answer.context["errors"]
    named_donor.refresh_from_db()
    assert named_donor.public_display == PublicDisplay.NAME_ONLY
    (entry,) = history_of(named_donor)
    assert entry.action == "changed"
    page = treasurer_client.get(url).content.decode()
    history = page[page.index("portal-history") :]
    assert "Donor&#x27;s details changed" in history
    assert "name and amount" in history
    assert "name only" in history


def test_a_treasurer_records_a_donor(treasurer_client):
    answer = treasurer_client.post(
        reverse("admin:scholarships_donor_add"),
        {
            "kind": DonorKind.ORGANISATION,
            "name": "Liên đoàn Lao động quận Hồng Bàng",
            "public_display": PublicDisplay.NAME_AND_AMOUNT,
            "address": "",
            "phone": "",
            "email": "",
            "donations-TOTAL_FORMS": "0",
            "donations-INITIAL_FORMS": "0",
        },
    )
    assert answer.status_code == 302
    donor = Donor.objects.get(name="Liên đoàn Lao động quận Hồng Bàng")
    assert [entry.action for entry in history_of(donor)] == ["created"]


def test_a_treasurer_changes_the_funds_bank_account(fund, treasurer_client):
    url = reverse("admin:scholarships_fund_change", args=[fund.pk])
    answer = treasurer_client.post(
        url,
        {
            "name": fund.name,
            "bank_name": "BIDV",
            "bank_bin": "970418",
            "account_number": "21510000999999",
            "account_name": fund.account_name,
            "reference_prefix": fund.reference_prefix,
        },
    )
    assert answer.status_code == 302
    fund.refresh_from_db()
    assert (fund.bank_bin, fund.account_number) == ("970418", "21510000999999")
    (entry,) = history_of(fund)
    assert entry.action == "changed"
    assert entry.changes["account_number"] == ["0031000123456", "21510000999999"]
    assert "21510000999999" in treasurer_client.get(url).content.decode()


def test_a_bad_bin_is_refused_with_a_message(fund, treasurer_client):
    url = reverse("admin:scholarships_fund_change", args=[fund.pk])
    answer = treasurer_client.post(
        url,
        {
            "name": fund.name,
            "bank_name": "BIDV",
            "bank_bin": "97041",
            "account_number": fund.account_number,
            "account_name": fund.account_name,
            "reference_prefix": fund.reference_prefix,
        },
    )
    assert answer.status_code == 200
    assert "six digits" in answer.content.decode()
    assert not history_of(fund).exists()


def test_a_treasurer_opens_a_fund(units, treasurer_client):
    answer = treasurer_client.post(
        reverse("admin:scholarships_fund_add"),
        {
            "unit": units.kien_an.pk,
            "name": "Quỹ Khuyến học quận Kiến An",
            "bank_name": "Agribank",
            "bank_bin": "970405",
            "account_number": "2100205123456",
            "account_name": "HOI KHUYEN HOC QUAN KIEN AN",
            "reference_prefix": "KHKA",
        },
    )
    assert answer.status_code == 302
    fund = Fund.objects.get(reference_prefix="KHKA")
    assert [entry.action for entry in history_of(fund)] == ["created"]


@pytest.fixture
def promised(fund, donor, treasurer):
    return services.pledge(
        fund, donor=donor, amount=5_000_000, due_on=datetime.date(2024, 10, 5), by=treasurer
    )


def pledge_action(client, pledge, action, **extra):
    return client.post(
        reverse("admin:scholarships_pledge_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [pledge.pk], **extra},
    )


def test_a_pledge_is_cancelled_with_a_reason(promised, treasurer_client):
    asked = pledge_action(treasurer_client, promised, "cancel_selected")
    assert asked.status_code == 200
    refused = pledge_action(treasurer_client, promised, "cancel_selected", confirm="yes")
    assert refused.status_code == 200
    assert refused.context["form"].errors
    promised.refresh_from_db()
    assert promised.state == PledgeState.OPEN
    done = pledge_action(
        treasurer_client, promised, "cancel_selected", confirm="yes", reason="Doanh nghiệp rút lại"
    )
    assert done.status_code == 302
    promised.refresh_from_db()
    assert (promised.state, promised.cancel_reason) == (
        PledgeState.CANCELLED,
        "Doanh nghiệp rút lại",
    )
    page = treasurer_client.get(
        reverse("admin:scholarships_pledge_change", args=[promised.pk])
    ).content.decode()
    assert "Doanh nghiệp rút lại" in page
    assert "Pledge cancelled" in page


def test_a_pledger_is_reminded(promised, treasurer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = pledge_action(treasurer_client, promised, "remind_selected")
    assert answer.status_code == 302
    promised.refresh_from_db()
    assert promised.last_reminded_at is not None
    assert [message.to for message in mail.outbox] == [[promised.donor.email]]


def test_staff_have_no_money_actions(promised, staff_client):
    listed = staff_client.get(reverse("admin:scholarships_pledge_changelist")).content.decode()
    assert "cancel_selected" not in listed
    assert "remind_selected" not in listed

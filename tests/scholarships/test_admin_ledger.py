"""The ledger in the admin: an entry is never changed or deleted there, by a treasurer or a
superuser; a treasurer reverses it on its own page, with a reason."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from scholarships import selectors, services
from scholarships.models import EntryKind, LedgerEntry, Method

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def gift(fund, named_donor, treasurer):
    return services.donate(
        fund, donor=named_donor, amount=1_500_000, method=Method.CASH, by=treasurer
    )


def entry_url(entry, view):
    return reverse(f"admin:scholarships_ledgerentry_{view}", args=[entry.pk])


def as_it_was(entry):
    return LedgerEntry.objects.filter(pk=entry.pk).values().get()


@pytest.mark.parametrize("who", ["treasurer", "superuser"])
def test_posting_to_an_entrys_change_or_delete_page_changes_nothing(request, gift, fund, who):
    client = request.getfixturevalue(f"{who}_client")
    entry = gift.entry
    before, balance = as_it_was(entry), selectors.balance(fund)
    changed = client.post(
        entry_url(entry, "change"),
        {"amount": "1", "description": "sửa", "fund": fund.pk, "kind": "donation"},
    )
    deleted = client.post(entry_url(entry, "delete"), {"post": "yes"})
    assert changed.status_code in (403, 404)
    assert deleted.status_code in (403, 404)
    assert as_it_was(entry) == before
    assert selectors.balance(fund) == balance == 1_500_000
    assert client.get(reverse("admin:scholarships_ledgerentry_add")).status_code == 403


def test_a_treasurer_reverses_an_entry_with_a_reason(gift, fund, treasurer_client):
    page = treasurer_client.get(entry_url(gift.entry, "change")).content.decode()
    assert entry_url(gift.entry, "reverse") in page
    asked = treasurer_client.get(entry_url(gift.entry, "reverse"))
    assert asked.status_code == 200
    assert "1.500.000\u00a0₫" in asked.content.decode()
    done = treasurer_client.post(
        entry_url(gift.entry, "reverse"), {"reason": "Ghi nhầm người ủng hộ"}
    )
    assert done.status_code == 302
    reversal = LedgerEntry.objects.get(reverses=gift.entry)
    assert (reversal.kind, reversal.reason) == (EntryKind.REVERSAL, "Ghi nhầm người ủng hộ")
    assert selectors.balance(fund) == 0
    assert LedgerEntry.objects.count() == 2  # both stay
    # Reversed once: the button is gone, and the page refuses a second time.
    page = treasurer_client.get(entry_url(gift.entry, "change")).content.decode()
    assert entry_url(gift.entry, "reverse") not in page
    again = treasurer_client.post(entry_url(gift.entry, "reverse"), {"reason": "Lần nữa"})
    assert again.status_code == 302
    assert LedgerEntry.objects.count() == 2


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reversal_without_a_reason_is_refused(gift, fund, treasurer_client, reason):
    answer = treasurer_client.post(entry_url(gift.entry, "reverse"), {"reason": reason})
    assert answer.status_code == 200
    assert answer.context["form"].errors
    assert not LedgerEntry.objects.filter(reverses=gift.entry).exists()
    assert selectors.balance(fund) == 1_500_000


def test_the_list_action_leads_to_the_reversal_page(gift, treasurer_client):
    answer = treasurer_client.post(
        reverse("admin:scholarships_ledgerentry_changelist"),
        {"action": "reverse_selected", ACTION_CHECKBOX_NAME: [gift.entry.pk]},
    )
    assert answer.status_code == 302
    assert answer["Location"] == entry_url(gift.entry, "reverse")


def test_staff_do_not_reverse(gift, staff_client):
    page = staff_client.get(entry_url(gift.entry, "change")).content.decode()
    assert entry_url(gift.entry, "reverse") not in page
    answer = staff_client.post(entry_url(gift.entry, "reverse"), {"reason": "Nhầm"})
    assert answer.status_code == 403
    assert not LedgerEntry.objects.filter(reverses=gift.entry).exists()


def test_a_missing_entry_is_not_found(treasurer_client):
    url = reverse("admin:scholarships_ledgerentry_reverse", args=[999999])
    assert treasurer_client.get(url).status_code == 404

"""The treasurers' pages of pledges: a fund's pledges with what is paid and left, the
overdue list across the funds a treasurer handles, a new pledge (a new donor with an
e-mail), its page with payments and history, cancelling with a reason and reminding by
mail."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from common.history.audit import history_of
from scholarships import services
from scholarships.models import Method, Pledge, PledgeState

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2024, 10, 5)


def promise(fund, donor, by, amount=10_000_000, due_on=LONG_AGO):
    return services.pledge(fund, donor=donor, amount=amount, due_on=due_on, by=by)


def pay(fund, pledge, by, amount):
    return services.donate(
        fund, donor=pledge.donor, amount=amount, method=Method.TRANSFER, by=by, pledge=pledge
    )


def test_a_treasurer_records_a_pledge_of_a_new_donor(fund, treasurer_client):
    response = treasurer_client.post(
        reverse("scholarships_portal:pledge-new", args=[fund.pk]),
        {
            "donor_choice": "new",
            "kind": "business",
            "name": "Công ty TNHH Thép Hải Phòng",
            "public_display": "name_and_amount",
            "email": "ketoan@thep-hp.example.com",
            "amount": "50 triệu",
            "due_on": "2030-12-31",
            "purpose": "",
            "activity": "",
            "note": "Cam kết tại lễ phát động.",
        },
    )
    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scholarships_portal:pledge", args=[pledge.pk])
    assert pledge.amount == 50_000_000
    assert pledge.donor.email == "ketoan@thep-hp.example.com"
    page = treasurer_client.get(response["Location"]).content.decode()
    assert pledge.reference in page
    assert reverse("scholarships:pledge", args=[pledge.token]) in page
    assert "Pledge recorded" in page  # the history


def test_a_bad_pledge_amount_records_nothing(fund, treasurer_client):
    response = treasurer_client.post(
        reverse("scholarships_portal:pledge-new", args=[fund.pk]),
        {"donor_choice": "new", "kind": "individual", "name": "A", "amount": "1,5",
         "due_on": "2030-12-31"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert not Pledge.objects.exists()


def test_the_pledge_list_shows_paid_and_left(fund, donor, treasurer, treasurer_client):
    pledge = promise(fund, donor, treasurer)
    pay(fund, pledge, treasurer, 4_000_000)
    response = treasurer_client.get(reverse("scholarships_portal:pledges", args=[fund.pk]))
    (row,) = response.context["rows"]
    assert (row["paid"], row["left"], row["overdue"]) == (4_000_000, 6_000_000, True)
    assert "6.000.000\u00a0₫" in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_pledge_lists_cost_the_same_queries_whatever_their_length(
    fund, donor, treasurer, treasurer_client, django_assert_max_num_queries, count
):
    for number in range(count):
        pledge = promise(fund, donor, treasurer, amount=1_000_000 + number)
        if number % 3 == 0:
            pay(fund, pledge, treasurer, 100_000)
    for address in (
        reverse("scholarships_portal:pledges", args=[fund.pk]),
        reverse("scholarships_portal:overdue"),
    ):
        with django_assert_max_num_queries(6):
            response = treasurer_client.get(address)
        assert len(response.context["rows"]) == count


def test_the_overdue_list_holds_only_the_funds_the_treasurer_handles(
    fund, district_fund, donor, named_donor, treasurer, district_treasurer, client_for
):
    city = promise(fund, donor, treasurer)
    district = promise(district_fund, named_donor, district_treasurer)
    promise(district_fund, named_donor, district_treasurer, due_on=datetime.date(2099, 1, 1))
    paid = promise(district_fund, named_donor, district_treasurer, amount=500_000)
    pay(district_fund, paid, district_treasurer, 500_000)
    rows = (
        client_for(district_treasurer).get(reverse("scholarships_portal:overdue")).context["rows"]
    )
    assert [row["pledge"] for row in rows] == [district]
    rows = client_for(treasurer).get(reverse("scholarships_portal:overdue")).context["rows"]
    assert {row["pledge"] for row in rows} == {city, district}


def test_cancelling_needs_a_reason_and_is_in_the_history(fund, donor, treasurer, treasurer_client):
    pledge = promise(fund, donor, treasurer)
    address = reverse("scholarships_portal:pledge-cancel", args=[pledge.pk])
    assert treasurer_client.get(address).status_code == 200
    refused = treasurer_client.post(address, {"reason": ""})
    assert refused.context["form"].errors["reason"]
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.OPEN
    done = treasurer_client.post(address, {"reason": "Doanh nghiệp rút cam kết."})
    assert done.status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.CANCELLED
    assert [e.action for e in history_of(pledge)] == ["cancelled", "created"]
    page = treasurer_client.get(reverse("scholarships_portal:pledge", args=[pledge.pk]))
    assert "Doanh nghiệp rút cam kết." in page.content.decode()
    assert not page.context["may_cancel"]
    assert not page.context["may_remind"]


def test_a_reminder_is_confirmed_then_mailed(
    fund, donor, treasurer, treasurer_client, django_capture_on_commit_callbacks
):
    pledge = promise(fund, donor, treasurer)
    address = reverse("scholarships_portal:pledge-remind", args=[pledge.pk])
    assert "hoa.tran@example.com" in treasurer_client.get(address).content.decode()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = treasurer_client.post(address)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["hoa.tran@example.com"]]
    pledge.refresh_from_db()
    assert pledge.last_reminded_at is not None


def test_a_donor_without_e_mail_is_not_reminded_and_the_page_says_why(
    fund, donor, treasurer, treasurer_client
):
    donor.email = ""
    donor.save()
    pledge = promise(fund, donor, treasurer)
    response = treasurer_client.post(reverse("scholarships_portal:pledge-remind", args=[pledge.pk]))
    assert response.status_code == 200
    assert "no e-mail address" in response.content.decode()
    assert mail.outbox == []

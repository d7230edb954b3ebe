"""Who reaches the treasurers' pages: a fund's treasurers read and act; a district's
treasurer only on the district's funds; the association's staff read every fund and
record nothing; an officer gets nothing. And the officers' area's menu and due item."""

import datetime

import pytest
from django.urls import reverse

from scholarships import services
from scholarships.models import LedgerEntry, Method

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(fund, district_fund, donor, treasurer, district_treasurer):
    """A donation and a pledge in the city's fund and in Lê Chân's."""

    def make(target, by):
        gift = services.donate(target, donor=donor, amount=1_000_000, method=Method.CASH, by=by)
        pledge = services.pledge(
            target, donor=donor, amount=5_000_000, due_on=datetime.date(2024, 10, 5), by=by
        )
        return {"fund": target, "gift": gift, "pledge": pledge}

    return {"city": make(fund, treasurer), "district": make(district_fund, district_treasurer)}


def reads(side):
    fund, gift, pledge = side["fund"], side["gift"], side["pledge"]
    return [
        reverse("scholarships_portal:fund", args=[fund.pk]),
        reverse("scholarships_portal:pledges", args=[fund.pk]),
        reverse("scholarships_portal:receipt", args=[gift.pk]),
        reverse("scholarships_portal:pledge", args=[pledge.pk]),
    ]


def acts(side):
    fund, gift, pledge = side["fund"], side["gift"], side["pledge"]
    return [
        reverse("scholarships_portal:donation-new", args=[fund.pk]),
        reverse("scholarships_portal:pledge-new", args=[fund.pk]),
        reverse("scholarships_portal:entry-reverse", args=[gift.entry.pk]),
        reverse("scholarships_portal:pledge-cancel", args=[pledge.pk]),
        reverse("scholarships_portal:pledge-remind", args=[pledge.pk]),
    ]


def test_a_district_treasurer_works_on_the_districts_fund_only(
    books, district_treasurer, client_for
):
    client = client_for(district_treasurer)
    for address in reads(books["district"]) + acts(books["district"]):
        assert client.get(address).status_code == 200, address
    for address in reads(books["city"]) + acts(books["city"]):
        assert client.get(address).status_code == 403, address
    for address in acts(books["city"]):
        assert client.post(address, {"reason": "x", "amount": "1000"}).status_code == 403
    listed = client.get(reverse("scholarships_portal:funds")).context["rows"]
    assert [row["fund"] for row in listed] == [books["district"]["fund"]]


def test_the_city_treasurer_works_on_every_fund(books, treasurer_client):
    for side in books.values():
        for address in reads(side) + acts(side):
            assert treasurer_client.get(address).status_code == 200, address


def test_staff_read_every_fund_and_record_nothing(books, staff_client):
    for side in books.values():
        for address in reads(side):
            assert staff_client.get(address).status_code == 200, address
        for address in acts(side):
            assert staff_client.get(address).status_code == 403, address
            assert (
                staff_client.post(address, {"reason": "Thử", "amount": "1000"}).status_code == 403
            )
    assert LedgerEntry.objects.count() == 2
    page = staff_client.get(reverse("scholarships_portal:fund", args=[books["city"]["fund"].pk]))
    assert reverse("scholarships_portal:donation-new", args=[books["city"]["fund"].pk]) not in (
        page.content.decode()
    )
    assert len(staff_client.get(reverse("scholarships_portal:funds")).context["rows"]) == 2


def test_an_officer_gets_nothing(books, officer_le_chan_client, anonymous_client):
    general = [reverse("scholarships_portal:funds"), reverse("scholarships_portal:overdue")]
    for side in books.values():
        for address in reads(side) + acts(side) + general:
            assert officer_le_chan_client.get(address).status_code == 403, address
            assert anonymous_client.get(address).status_code == 302, address


def test_a_missing_fund_is_a_404(treasurer_client):
    assert treasurer_client.get("/portal/fund/999999/").status_code == 404
    assert treasurer_client.get("/portal/fund/" + "9" * 19 + "/").status_code == 404


def test_the_menu_shows_the_fund_to_treasurers_and_staff(
    books, treasurer_client, staff_client, officer_le_chan_client
):
    address = reverse("scholarships_portal:funds")
    for client in (treasurer_client, staff_client):
        assert address in client.get(reverse("portal:dashboard")).content.decode()
    assert address not in officer_le_chan_client.get(reverse("portal:dashboard")).content.decode()


def test_the_front_page_counts_the_overdue_pledges_of_the_treasurers_funds(
    books, district_treasurer, client_for
):
    page = client_for(district_treasurer).get(reverse("portal:dashboard")).content.decode()
    assert reverse("scholarships_portal:overdue") in page
    assert "pledge to your fund past its due date" in page

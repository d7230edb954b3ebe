"""The public disclosure at /fund/: totals raised in the current campaign, by year, by unit and
by kind of donor (each a chart and a table of the same numbers), money used, each fund's
balance computed in the database, the latest gifts as their donors chose to appear; a fixed
number of queries whatever the number of gifts; cached, and fresh after each change."""

import datetime
import re

import pytest
from django.urls import reverse

from common.money import format_vnd
from scholarships import services
from scholarships.models import Donor, DonorKind, Method, PublicDisplay
from scholarships.selectors import public as public_selectors
from tests.campaigns.factories import make_campaign

pytestmark = pytest.mark.django_db

DISCLOSURE = "/fund/"


def gift(fund, donor, by, amount, on, **extra):
    return services.donate(
        fund, donor=donor, amount=amount, method=Method.TRANSFER, by=by, occurred_on=on, **extra
    )


@pytest.fixture
def union(db):
    return Donor.objects.create(
        kind=DonorKind.ORGANISATION,
        name="Liên đoàn Lao động quận Lê Chân",
        public_display=PublicDisplay.NAME_ONLY,
    )


@pytest.fixture
def books(fund, district_fund, donor, named_donor, union, treasurer):
    """Gifts over 2023–2024 to the city's and Lê Chân's funds, one reversed, one spend."""
    day = datetime.date(2024, 9, 10)
    made = {
        "port": gift(fund, named_donor, treasurer, 50_000_000, day),
        "anonymous": gift(fund, donor, treasurer, 2_000_000, day),
        "union": gift(district_fund, union, treasurer, 10_000_000, day),
        "old": gift(fund, named_donor, treasurer, 7_000_000, datetime.date(2023, 9, 12)),
        "wrong": gift(fund, donor, treasurer, 900_000, day),
        "restricted": gift(
            fund, named_donor, treasurer, 3_000_000, day, purpose="Học bổng Hoa Phượng Đỏ"
        ),
    }
    services.reverse(made["wrong"].entry, by=treasurer, reason="Ghi trùng.")
    services.spend(
        fund,
        amount=4_000_000,
        description="Trao học bổng",
        by=treasurer,
        occurred_on=datetime.date(2024, 10, 1),
    )
    return made


def page(client, address=DISCLOSURE):
    response = client.get(address)
    assert response.status_code == 200
    return response, response.content.decode()


def test_totals_by_year_unit_and_kind_count_standing_gifts_only(books, fund, district_fund):
    assert public_selectors.raised_by_year() == [
        {"year": 2024, "total": 65_000_000, "gifts": 4},
        {"year": 2023, "total": 7_000_000, "gifts": 1},
    ]
    assert public_selectors.raised_by_unit(2024) == [
        {"unit": fund.unit.name, "total": 55_000_000, "gifts": 3},
        {"unit": district_fund.unit.name, "total": 10_000_000, "gifts": 1},
    ]
    assert public_selectors.raised_by_donor_kind(2024) == [
        {"kind": DonorKind.BUSINESS, "total": 53_000_000, "gifts": 2},
        {"kind": DonorKind.ORGANISATION, "total": 10_000_000, "gifts": 1},
        {"kind": DonorKind.INDIVIDUAL, "total": 2_000_000, "gifts": 1},
    ]
    assert public_selectors.used_by_year() == [{"year": 2024, "total": 4_000_000}]


def test_each_funds_balance_is_total_free_and_restricted(books, fund, district_fund):
    balances = {
        f.pk: (f.total, f.free, f.restricted) for f in public_selectors.funds_with_balances()
    }
    assert balances[fund.pk] == (58_000_000, 55_000_000, 3_000_000)
    assert balances[district_fund.pk] == (10_000_000, 10_000_000, 0)


def test_the_campaign_counts_its_gifts_and_those_made_in_its_dates(
    books, fund, named_donor, treasurer
):
    campaign = make_campaign()  # 5/9–5/10/2024
    assert public_selectors.campaign_total(campaign) == {"total": 65_000_000, "gifts": 4}
    # A gift named for the campaign counts whenever it was made; one before it does not.
    gift(fund, named_donor, treasurer, 1_000_000, datetime.date(2024, 8, 1), campaign=campaign)
    gift(fund, named_donor, treasurer, 500_000, datetime.date(2024, 8, 2))
    assert public_selectors.campaign_total(campaign) == {"total": 66_000_000, "gifts": 5}
    assert public_selectors.campaign_total(None) == {"total": 0, "gifts": 0}


def test_the_page_shows_each_total_as_a_chart_and_a_table(books, anonymous_client, fund, today):
    make_campaign()
    _response, html = page(anonymous_client)
    assert "Study Promotion Fund: public disclosure" in html
    assert format_vnd(65_000_000) in html  # the campaign, and 2024
    assert html.count('role="img"') == 3  # by year, by unit, by kind of donor
    for title in ("Money raised by year", "Money raised in 2024 by unit"):
        assert "<title id=" in html
        assert title in html
    # The chart's description holds the same numbers as its table.
    desc = re.search(r'<desc id="chart-years-desc">(.*?)</desc>', html, re.S)[1]
    assert "2024: 65.000.000\u00a0₫; 2023: 7.000.000\u00a0₫." in desc
    assert "Business" in html
    assert "Organisation or union" in html
    assert format_vnd(4_000_000) in html  # used in 2024
    assert format_vnd(58_000_000) in html
    assert format_vnd(3_000_000) in html
    assert reverse("scholarships:fund", args=[fund.pk]) in html


def test_another_year_is_chosen_by_the_address_and_a_bad_one_is_said(books, anonymous_client, fund):
    _response, html = page(anonymous_client, DISCLOSURE + "?year=2023")
    assert "Raised in 2023: by unit and by kind of donor" in html
    assert format_vnd(7_000_000) in html
    for bad in ("1999", "20x4", "99999999999999999999", "２０２４"):
        _response, html = page(anonymous_client, DISCLOSURE + "?year=" + bad)
        assert "showing 2024" in html
        assert "Raised in 2024: by unit" in html


def test_donors_appear_as_they_chose(books, anonymous_client, union):
    _response, html = page(anonymous_client)
    gifts = html[html.index('id="gifts-heading"') :]
    assert "Công ty Cổ phần Cảng Hải Phòng" in gifts
    assert format_vnd(50_000_000) in gifts
    assert "Anonymous donor" in gifts
    assert "Trần Thị Hoa" not in html
    assert format_vnd(2_000_000) in gifts  # an anonymous gift shows its amount
    assert format_vnd(900_000) not in gifts  # the reversed gift is gone
    union_item = gifts[gifts.index(union.name) :].split("</li>")[0]
    assert "amount not published" in union_item
    assert format_vnd(10_000_000) not in union_item


def test_the_page_speaks_vietnamese(books, client_for):
    _response, html = page(client_for(None, language="vi"))
    assert "Nhà hảo tâm giấu tên" in html
    assert "Quỹ Khuyến học: công khai thu, chi" in html
    assert "50.000.000\u00a0₫" in html


@pytest.mark.parametrize("count", [3, 40])
def test_a_fixed_number_of_queries_whatever_the_gifts(
    count,
    fund,
    district_fund,
    donor,
    named_donor,
    treasurer,
    anonymous_client,
    django_assert_num_queries,
):
    make_campaign()
    for number in range(count):
        gift(
            (fund, district_fund)[number % 2],
            (donor, named_donor)[number % 2],
            treasurer,
            100_000 + number,
            datetime.date(2023 + number % 2, 9, 1 + number % 28),
        )
    # The public generation, the campaign, the campaign's total, by year, by unit, by kind,
    # money used, the funds' balances, the latest gifts.
    with django_assert_num_queries(9):
        page(anonymous_client)


def test_the_page_is_cached_and_fresh_after_a_gift(
    books, anonymous_client, fund, named_donor, treasurer, django_assert_num_queries
):
    page(anonymous_client)
    with django_assert_num_queries(1):  # the public generation, then the stored page
        page(anonymous_client)
    gift(fund, named_donor, treasurer, 123_456_789, datetime.date(2024, 9, 20))
    _response, html = page(anonymous_client)
    assert format_vnd(123_456_789) in html


@pytest.mark.parametrize("change", ["donor", "fund", "spend", "reversal"])
def test_every_change_to_the_books_raises_the_public_generation(
    books, fund, donor, treasurer, change
):
    from common.public_cache import current

    before = current()[0]
    if change == "donor":
        donor.public_display = PublicDisplay.NAME_AND_AMOUNT
        donor.save()
    elif change == "fund":
        fund.name = "Quỹ Khuyến học thành phố"
        fund.save()
    elif change == "spend":
        services.spend(fund, amount=1, description="Văn phòng phẩm", by=treasurer)
    else:
        services.reverse(books["old"].entry, by=treasurer, reason="Ghi nhầm.")
    assert current()[0] > before


def test_an_empty_fund_book_reads_as_nothing_yet(anonymous_client):
    _response, html = page(anonymous_client)
    assert "No gift has been recorded yet." in html
    assert 'role="img"' not in html

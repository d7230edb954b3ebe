"""A fundraising activity's results show the money raised from the fund's ledger (the standing
gifts that name the activity), on its public page and in the officers' portal, instead of a
typed figure; an activity of another kind keeps its typed one."""

import datetime

import pytest

from campaigns.models import ActivityKind, ActivityResult
from common.money import format_vnd
from scholarships import services
from scholarships.models import Method
from tests.campaigns.factories import write_activity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

LEDGER = "money raised (from the fund's ledger)"


@pytest.fixture
def fundraiser(campaign, units):
    activity = write_activity(
        campaign,
        "Đêm nhạc gây Quỹ Khuyến học",
        organizer=units.le_chan,
        kind=ActivityKind.FUNDRAISING,
        starts_on=datetime.date(2024, 9, 15),
    )
    # A typed figure the ledger overrides.
    ActivityResult.objects.create(activity=activity, participants=300, money_raised=99_000_000)
    return activity


def give(fund, donor, by, amount, activity):
    return services.donate(
        fund, donor=donor, amount=amount, method=Method.CASH, by=by, activity=activity
    )


def test_the_public_page_shows_the_ledgers_money(
    anonymous_client, fund, named_donor, donor, treasurer, fundraiser
):
    give(fund, named_donor, treasurer, 20_000_000, fundraiser)
    give(fund, donor, treasurer, 5_000_000, fundraiser)
    wrong = give(fund, donor, treasurer, 1_000_000, fundraiser)
    services.reverse(wrong.entry, by=treasurer, reason="Ghi nhầm.")
    page = anonymous_client.get(fundraiser.get_absolute_url()).content.decode()
    assert LEDGER in page
    assert format_vnd(25_000_000) in page
    assert format_vnd(99_000_000) not in page
    assert "300" in page  # the other typed results stay


def test_the_page_is_fresh_after_a_gift(anonymous_client, fund, named_donor, treasurer, fundraiser):
    address = fundraiser.get_absolute_url()
    assert format_vnd(0) in anonymous_client.get(address).content.decode()
    give(fund, named_donor, treasurer, 3_000_000, fundraiser)
    assert format_vnd(3_000_000) in anonymous_client.get(address).content.decode()


def test_a_signed_in_readers_page_is_fresh_too(
    client_for, officer_le_chan, fund, named_donor, treasurer, fundraiser
):
    reader = client_for(officer_le_chan)
    address = fundraiser.get_absolute_url()
    reader.get(address)
    give(fund, named_donor, treasurer, 4_000_000, fundraiser)
    assert format_vnd(4_000_000) in reader.get(address).content.decode()


def test_another_kind_keeps_its_typed_figure(anonymous_client, campaign, units):
    ceremony = write_activity(campaign, "Lễ phát động", organizer=units.le_chan)
    ActivityResult.objects.create(activity=ceremony, money_raised=7_000_000)
    page = anonymous_client.get(ceremony.get_absolute_url()).content.decode()
    assert format_vnd(7_000_000) in page
    assert LEDGER not in page


def test_the_portal_page_shows_the_ledgers_money(
    officer_le_chan_client, fund, named_donor, treasurer, fundraiser
):
    give(fund, named_donor, treasurer, 12_000_000, fundraiser)
    response = officer_le_chan_client.get(f"/portal/activities/{fundraiser.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Money raised (from the fund's ledger)" in page
    assert format_vnd(12_000_000) in page
    assert format_vnd(99_000_000) not in page

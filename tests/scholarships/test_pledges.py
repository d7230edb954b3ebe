"""Pledges: promised by a day, paid wholly or in parts by later gifts that name them (a
reversed payment no longer counts), listed when overdue, and reminded by mail after the
commit."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from common.history.audit import history_of
from scholarships import selectors, services
from scholarships.models import Method, PledgeState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DUE = datetime.date(2024, 10, 5)


def make_pledge(fund, donor, by, amount=10_000_000, **extra):
    return services.pledge(fund, donor=donor, amount=amount, due_on=DUE, by=by, **extra)


def pay(fund, donor, by, pledge, amount):
    return services.donate(
        fund, donor=donor, amount=amount, method=Method.TRANSFER, by=by, pledge=pledge
    )


def test_a_pledge_is_paid_in_parts_and_a_reversed_payment_no_longer_counts(fund, donor, treasurer):
    promised = make_pledge(fund, donor, treasurer, purpose="Học bổng Vượt khó")
    assert promised.reference == f"QKH {promised.year} 000001"
    first = pay(fund, donor, treasurer, promised, 4_000_000)
    pay(fund, donor, treasurer, promised, 3_000_000)
    assert first.entry.purpose == "Học bổng Vượt khó"
    assert (selectors.pledge_paid(promised), selectors.pledge_left(promised)) == (
        7_000_000,
        3_000_000,
    )
    services.reverse(first.entry, by=treasurer, reason="Chuyển nhầm tài khoản")
    assert selectors.pledge_left(promised) == 7_000_000


def test_pledges_are_numbered_in_their_fund_and_year(fund, donor, treasurer):
    numbers = [make_pledge(fund, donor, treasurer).reference for _ in range(3)]
    assert [reference.split()[-1] for reference in numbers] == ["000001", "000002", "000003"]


def test_a_payment_names_a_pledge_of_its_own_donor_and_fund(fund, donor, named_donor, treasurer):
    promised = make_pledge(fund, donor, treasurer)
    with pytest.raises(ValidationError, match="another donor"):
        pay(fund, named_donor, treasurer, promised, 1_000_000)
    services.cancel_pledge(promised, by=treasurer, reason="Nhà tài trợ rút lại")
    with pytest.raises(ValidationError, match="cancelled"):
        pay(fund, donor, treasurer, promised, 1_000_000)


def test_the_overdue_list_holds_open_pledges_past_due_with_money_left(
    fund, donor, named_donor, treasurer
):
    late = make_pledge(fund, donor, treasurer)
    paid = make_pledge(fund, named_donor, treasurer, amount=2_000_000)
    pay(fund, named_donor, treasurer, paid, 2_000_000)
    cancelled = make_pledge(fund, donor, treasurer)
    services.cancel_pledge(cancelled, by=treasurer, reason="Ghi nhầm")
    services.pledge(
        fund, donor=donor, amount=1_000_000, due_on=DUE + datetime.timedelta(days=30),
        by=treasurer,
    )  # fmt: skip
    overdue = list(selectors.overdue_pledges([fund], DUE + datetime.timedelta(days=1)))
    assert [(p.pk, p.paid) for p in overdue] == [(late.pk, 0)]


def test_a_reminder_goes_to_the_pledger_after_the_commit_with_what_is_left(
    fund, donor, treasurer, django_capture_on_commit_callbacks
):
    promised = make_pledge(fund, donor, treasurer)
    pay(fund, donor, treasurer, promised, 2_500_000)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.remind(promised, by=treasurer)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["hoa.tran@example.com"]]
    assert "7.500.000\u00a0₫" in mail.outbox[0].body
    assert promised.reference in mail.outbox[0].body
    assert promised.token in mail.outbox[0].body
    assert [entry.action for entry in history_of(promised)] == ["reminded", "created"]


def test_only_the_funds_treasurers_pledge_cancel_and_remind(
    fund, donor, treasurer, district_treasurer, staff
):
    promised = make_pledge(fund, donor, treasurer)
    for person in (district_treasurer, staff):
        with pytest.raises(PermissionDenied):
            make_pledge(fund, donor, person)
        with pytest.raises(PermissionDenied):
            services.cancel_pledge(promised, by=person, reason="x")
        with pytest.raises(PermissionDenied):
            services.remind(promised, by=person)
    assert promised.state == PledgeState.OPEN


def test_a_district_treasurer_handles_the_district_fund_only(
    fund, district_fund, donor, district_treasurer, treasurer
):
    services.donate(
        district_fund, donor=donor, amount=500_000, method=Method.CASH, by=district_treasurer
    )
    services.donate(district_fund, donor=donor, amount=500_000, method=Method.CASH, by=treasurer)
    with pytest.raises(PermissionDenied):
        services.donate(
            fund, donor=donor, amount=500_000, method=Method.CASH, by=district_treasurer
        )
    assert selectors.balance(district_fund) == 1_000_000

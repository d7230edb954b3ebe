"""The fund's ledger: balances computed from the entries, entries the database never lets
change, reversals that restore a balance and stay visible, restricted money kept for its
purpose, receipts numbered without gaps when treasurers record at the same moment, and a
property test over any sequence of donations, spends and reversals."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholarships import selectors, services
from scholarships.models import EntryKind, LedgerEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SCHOOL_BOOKS = "Sách giáo khoa cho học sinh vùng khó khăn"


def give(fund, amount, by, purpose=""):
    return services.record_donation(
        fund,
        amount=amount,
        description="Công ty Cổ phần Cảng Hải Phòng ủng hộ",
        by=by,
        purpose=purpose,
    )


def test_the_balance_is_the_sum_of_the_ledger(fund, treasurer):
    give(fund, 5_000_000, treasurer)
    give(fund, 2_000_000, treasurer, purpose=SCHOOL_BOOKS)
    services.spend(fund, amount=1_500_000, description="Học bổng vượt khó", by=treasurer)
    assert selectors.balance(fund) == 5_500_000
    assert selectors.balance(fund, purpose="") == 3_500_000
    assert selectors.balances(fund) == {"": 3_500_000, SCHOOL_BOOKS: 2_000_000}


def test_an_entry_names_its_amount_as_vietnamese_people_write_it(fund, treasurer):
    entry = give(fund, 50_000_000, treasurer)
    spent = services.spend(fund, amount=1_500_000, description="Học bổng", by=treasurer)
    assert str(entry) == f"{fund} +50.000.000\u00a0₫ Công ty Cổ phần Cảng Hải Phòng ủng hộ"
    assert str(spent) == f"{fund} −1.500.000\u00a0₫ Học bổng"


@pytest.mark.parametrize(
    "change",
    [
        lambda entry: LedgerEntry.objects.filter(pk=entry.pk).update(amount=1),
        lambda entry: LedgerEntry.objects.filter(pk=entry.pk).delete(),
        lambda entry: setattr(entry, "amount", 1) or entry.save(),
        lambda entry: entry.delete(),
        lambda entry: connection.cursor().execute(
            "UPDATE scholarships_ledgerentry SET amount = 1 WHERE id = %s", [entry.pk]
        ),
        lambda entry: connection.cursor().execute(
            "DELETE FROM scholarships_ledgerentry WHERE id = %s", [entry.pk]
        ),
    ],
    ids=["queryset-update", "queryset-delete", "save", "delete", "raw-update", "raw-delete"],
)
def test_the_database_refuses_to_change_or_delete_an_entry(fund, treasurer, change):
    entry = give(fund, 5_000_000, treasurer)
    with pytest.raises(DatabaseError, match="never changed or deleted"), transaction.atomic():
        change(entry)
    stored = LedgerEntry.objects.get(pk=entry.pk)
    assert stored.amount == 5_000_000
    assert selectors.balance(fund) == 5_000_000


def test_a_reversal_restores_the_balance_and_both_entries_stay(fund, treasurer):
    wrong = give(fund, 50_000_000, treasurer)  # typed one zero too many
    give(fund, 1_000_000, treasurer)
    reversal = services.reverse(wrong, by=treasurer, reason="Nhập thừa một chữ số 0.")
    assert selectors.balance(fund) == 1_000_000
    assert list(LedgerEntry.objects.filter(fund=fund).values_list("kind", "amount")) == [
        (EntryKind.DONATION, 50_000_000),
        (EntryKind.DONATION, 1_000_000),
        (EntryKind.REVERSAL, 50_000_000),
    ]
    assert reversal.reverses == wrong
    assert reversal.reason == "Nhập thừa một chữ số 0."
    with pytest.raises(ValidationError, match="already been reversed"):
        services.reverse(wrong, by=treasurer, reason="Lần nữa")
    with pytest.raises(ValidationError, match="not reversed"):
        services.reverse(reversal, by=treasurer, reason="Nhầm")
    with pytest.raises(ValidationError):
        services.reverse(give(fund, 10, treasurer), by=treasurer, reason="  ")


def test_restricted_money_is_spent_on_its_purpose_only(fund, treasurer):
    give(fund, 3_000_000, treasurer, purpose=SCHOOL_BOOKS)
    give(fund, 1_000_000, treasurer)
    with pytest.raises(ValidationError, match="free to use"):
        services.spend(
            fund, amount=2_000_000, description="Khen thưởng học sinh giỏi", by=treasurer
        )
    with pytest.raises(ValidationError, match="Only"):
        services.spend(
            fund, amount=3_500_000, description="Mua sách", by=treasurer, purpose=SCHOOL_BOOKS
        )
    services.spend(
        fund, amount=3_000_000, description="Mua sách", by=treasurer, purpose=SCHOOL_BOOKS
    )
    assert selectors.balances(fund) == {"": 1_000_000, SCHOOL_BOOKS: 0}
    # Money already spent cannot be taken back by reversing its donation.
    gift = LedgerEntry.objects.get(purpose=SCHOOL_BOOKS, kind=EntryKind.DONATION)
    with pytest.raises(ValidationError, match="Only"):
        services.reverse(gift, by=treasurer, reason="Nhầm quỹ")


@pytest.mark.parametrize("amount", [0, -5, 1.5, True, "1000", 10**15])
def test_an_amount_is_a_positive_whole_number_of_dong(fund, treasurer, amount):
    with pytest.raises(ValidationError):
        give(fund, amount, treasurer)
    assert not LedgerEntry.objects.exists()


def test_only_treasurers_handle_the_money(fund, staff, officer_le_chan, treasurer):
    for person in (staff, officer_le_chan):
        with pytest.raises(PermissionDenied):
            give(fund, 1_000, person)
        with pytest.raises(PermissionDenied):
            services.spend(fund, amount=1, description="x", by=person)
    entry = give(fund, 1_000, treasurer)
    with pytest.raises(PermissionDenied):
        services.reverse(entry, by=staff, reason="x")
    assert LedgerEntry.objects.count() == 1


def test_receipts_are_numbered_from_one_each_year(fund, treasurer):
    first = give(fund, 1_000, treasurer)
    second = give(fund, 2_000, treasurer)
    services.spend(fund, amount=500, description="Chi thưởng", by=treasurer)
    third = give(fund, 3_000, treasurer)
    assert [e.receipt_number for e in (first, second, third)] == [1, 2, 3]
    assert first.receipt_year == first.occurred_on.year


# --- property: any sequence of operations ------------------------------------------------

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("give"), st.integers(1, 10**9), st.sampled_from(["", SCHOOL_BOOKS])),
        st.tuples(st.just("spend"), st.integers(1, 10**9), st.sampled_from(["", SCHOOL_BOOKS])),
        st.tuples(st.just("reverse"), st.integers(0, 50), st.just("")),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS)
def test_every_balance_is_its_ledger_and_never_below_zero(fund, treasurer, operations):
    with transaction.atomic():
        expected = {"": 0, SCHOOL_BOOKS: 0}
        for operation, number, purpose in operations:
            entries = list(LedgerEntry.objects.filter(fund=fund).order_by("pk"))
            try:
                if operation == "give":
                    give(fund, number, treasurer, purpose=purpose)
                    expected[purpose] += number
                elif operation == "spend":
                    services.spend(
                        fund, amount=number, description="Chi", by=treasurer, purpose=purpose
                    )
                    expected[purpose] -= number
                elif entries:
                    entry = entries[number % len(entries)]
                    services.reverse(entry, by=treasurer, reason="Điều chỉnh")
                    expected[entry.purpose] -= entry.signed_amount
            except ValidationError:
                pass  # refused, and nothing written: the expected balances stay
            for name, total in expected.items():
                assert total >= 0
                assert selectors.balance(fund, purpose=name) == total
            ledger = sum(e.signed_amount for e in LedgerEntry.objects.filter(fund=fund))
            assert selectors.balance(fund) == ledger == sum(expected.values())
        transaction.set_rollback(True)


# --- at the same moment (PostgreSQL: real connections, row locks) ------------------------


def _at_once(count, work):
    """Run `work(index)` in `count` threads, each on its own database connection, started
    together; returns what each returned or raised."""
    start, results = threading.Barrier(count), [None] * count

    def run(index):
        try:
            start.wait(10)
            results[index] = work(index)
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_donations_at_once_get_twenty_consecutive_receipts(fund, treasurer):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the PostgreSQL run checks the locking")
    results = _at_once(20, lambda i: give(fund, 100_000 + i, treasurer).receipt_number)
    assert all(isinstance(number, int) for number in results), results
    assert sorted(results) == list(range(1, 21))
    assert selectors.balance(fund) == sum(100_000 + i for i in range(20))


@pytest.mark.django_db(transaction=True)
def test_two_spends_at_once_beyond_the_fund_one_succeeds_one_is_refused(fund, treasurer):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the PostgreSQL run checks the locking")
    give(fund, 10_000_000, treasurer)
    results = _at_once(
        2,
        lambda i: services.spend(
            fund, amount=6_000_000, description=f"Học bổng đợt {i}", by=treasurer
        ),
    )
    spent = [r for r in results if isinstance(r, LedgerEntry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(spent), len(refused)) == (1, 1), results
    assert "Only 4.000.000 ₫" in refused[0].messages[0] or "4.000.000" in refused[0].messages[0]
    assert selectors.balance(fund) == 4_000_000

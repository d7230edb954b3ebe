"""Matching a statement's credits to pledges by the reference in their descriptions (also
glued to a bank's own text), and recording the confirmed ones in one transaction: as bank
transfers on the day the bank booked them, paying pledges in part, with the statement kept,
each credit's fingerprint kept once, and the fund's history saying so. The same statement
imported twice records nothing the second time (run on SQLite and on PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from common.history.audit import history_of
from scholarships import selectors, services
from scholarships.models import (
    BankStatement,
    Donation,
    Donor,
    DonorKind,
    LedgerEntry,
    Method,
    StatementCredit,
)
from scholarships.statements import (
    LAYOUTS,
    MATCHED,
    RECORDED,
    UNMATCHED,
    Confirmed,
    StatementError,
    propose,
    read_statement,
)
from tests.scholarships.statement_files import VCB_FIRST, bidv_csv, vietcombank_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

VCB = LAYOUTS["vietcombank"]
LINES = [
    ("02/09/2024", "FT001", 0, 5_000_000, "MBVCB.123.QKH2024000003 CONG TY CANG HP ung ho"),
    ("03/09/2024", "FT002", 0, 1_000_000, "QKH 2024 000002 tra cam ket dot 1"),
    ("05/09/2024", "FT003", 350_000, 0, "Phi quan ly tai khoan"),
    ("06/09/2024", "FT004", 0, 500_000, "NGUYEN VAN AN ung ho quy khuyen hoc"),
    ("09/09/2024", "FT005", 0, 1_500_000, "qkh-2024-000002 tra cam ket dot 2"),
]


def statement_of(fund, lines=LINES):
    data = vietcombank_xlsx(lines)
    return data, read_statement(data, VCB, fund, filename="sao-ke-09-2024.xlsx")


def confirm_all(proposals, *, new_donor="Nguyễn Văn An"):
    """Every credit as proposed; the unmatched ones from a new individual donor."""
    out = []
    for proposal in proposals:
        if proposal.status == MATCHED:
            out.append(Confirmed(proposal.credit, pledge=proposal.pledge))
        elif proposal.status == UNMATCHED:
            out.append(
                Confirmed(proposal.credit, new_name=new_donor, new_kind=DonorKind.INDIVIDUAL)
            )
        else:
            out.append(Confirmed(proposal.credit))
    return out


def run_import(fund, statement, credits, by):
    return services.import_statement(
        fund,
        file_name="sao-ke-09-2024.xlsx",
        sha256="a" * 64,
        layout=statement.layout.key,
        rows=statement.rows,
        credits=credits,
        by=by,
    )


def test_credits_are_matched_to_pledges_by_their_reference(fund, pledges_2024):
    _first, second, third = pledges_2024
    _data, statement = statement_of(fund)
    proposals = propose(fund, statement.credits)
    assert [(p.credit.row, p.status) for p in proposals] == [
        (VCB_FIRST, MATCHED),
        (VCB_FIRST + 1, MATCHED),
        (VCB_FIRST + 3, UNMATCHED),
        (VCB_FIRST + 4, MATCHED),
    ]
    glued, part_one, unmatched, part_two = proposals
    assert (glued.pledge, glued.reference) == (third, "QKH 2024 000003")
    assert (part_one.pledge, part_one.left) == (second, 3_000_000)
    assert (part_two.pledge, part_two.left) == (second, 2_000_000)  # part one counted
    assert "No pledge reference" in unmatched.note


def test_a_reference_of_another_fund_or_no_pledge_is_left_to_match(
    fund, district_fund, pledges_2024
):
    lines = [
        ("02/09/2024", "A1", 0, 100_000, "KHLC 2024 000001 ung ho"),
        ("02/09/2024", "A2", 0, 100_000, "QKH 2024 000099 ung ho"),
        ("02/09/2024", "A3", 0, 100_000, "QKH 2024 000001 va QKH 2024 000002"),
        ("02/09/2024", "A4", 0, 100_000, "MBVCB.9876543210.CT ung ho"),
    ]
    _data, statement = statement_of(fund, lines)
    proposals = propose(fund, statement.credits)
    assert [p.status for p in proposals] == [UNMATCHED] * 4
    assert "several pledges" in proposals[2].note


def test_a_cancelled_pledge_is_not_matched(fund, pledges_2024, treasurer):
    services.cancel_pledge(pledges_2024[2], by=treasurer, reason="Nhà tài trợ rút lại")
    _data, statement = statement_of(fund)
    glued = propose(fund, statement.credits)[0]
    assert (glued.status, glued.reference) == (UNMATCHED, "QKH 2024 000003")
    assert "cancelled" in glued.note


def test_confirmed_credits_are_recorded_as_transfers_paying_pledges_in_part(
    fund, pledges_2024, treasurer
):
    _first, second, third = pledges_2024
    _data, statement = statement_of(fund)
    summary = run_import(fund, statement, confirm_all(propose(fund, statement.credits)), treasurer)
    assert (summary["recorded"], summary["skipped"]) == (4, 0)
    donations = Donation.objects.filter(fund=fund).select_related("entry", "donor", "pledge")
    assert {d.method for d in donations} == {Method.TRANSFER}
    assert sorted((d.entry.occurred_on, d.entry.amount, d.pledge_id) for d in donations) == [
        (datetime.date(2024, 9, 2), 5_000_000, third.pk),
        (datetime.date(2024, 9, 3), 1_000_000, second.pk),
        (datetime.date(2024, 9, 6), 500_000, None),
        (datetime.date(2024, 9, 9), 1_500_000, second.pk),
    ]
    assert selectors.pledge_paid(second) == 2_500_000
    assert selectors.pledge_left(second) == 500_000
    assert selectors.pledge_left(third) == 0
    assert Donor.objects.get(name="Nguyễn Văn An").kind == DonorKind.INDIVIDUAL
    assert selectors.balance(fund) == 8_000_000
    assert selectors.balance(fund, purpose="Học bổng Vượt khó") == 2_500_000
    kept = BankStatement.objects.get()
    assert (kept.rows, kept.recorded, kept.skipped, kept.layout) == (5, 4, 0, "vietcombank")
    assert StatementCredit.objects.filter(statement=kept).count() == 4
    (entry,) = [e for e in history_of(fund) if e.action == "statement_imported"]
    assert "4 credits recorded" in entry.reason


def test_the_same_statement_imported_twice_records_nothing_the_second_time(
    fund, pledges_2024, treasurer
):
    data, statement = statement_of(fund)
    run_import(fund, statement, confirm_all(propose(fund, statement.credits)), treasurer)
    entries = LedgerEntry.objects.count()
    again = read_statement(data, VCB, fund, filename="sao-ke-09-2024.xlsx")
    proposals = propose(fund, again.credits)
    assert {p.status for p in proposals} == {RECORDED}
    summary = run_import(fund, again, confirm_all(proposals), treasurer)
    assert (summary["recorded"], summary["skipped"]) == (0, 4)
    # Even told to record the credits again (a preview made before the first import), it
    # records nothing: the fingerprints are checked again under the fund's lock.
    stale = [Confirmed(c, new_name="Ai đó", new_kind=DonorKind.INDIVIDUAL) for c in again.credits]
    assert run_import(fund, again, stale, treasurer)["recorded"] == 0
    assert LedgerEntry.objects.count() == entries
    assert StatementCredit.objects.count() == 4
    assert list(BankStatement.objects.values_list("recorded", "skipped")) == [
        (0, 4),
        (0, 4),
        (4, 0),
    ]


def test_two_identical_lines_without_a_bank_number_are_two_credits(fund, treasurer):
    lines = [("04/09/2024", "", 0, 200_000, "ung ho quy")] * 2
    _data, statement = statement_of(fund, lines)
    first = run_import(fund, statement, confirm_all(propose(fund, statement.credits)), treasurer)
    assert first["recorded"] == 2
    _data, longer = statement_of(fund, [*lines, lines[0]])
    proposals = propose(fund, longer.credits)
    assert [p.status for p in proposals] == [RECORDED, RECORDED, UNMATCHED]


def test_a_fingerprint_is_kept_once_per_fund_by_the_database(fund, treasurer):
    _data, statement = statement_of(fund, LINES[3:4])
    run_import(fund, statement, confirm_all(propose(fund, statement.credits)), treasurer)
    kept = StatementCredit.objects.get()
    donation = services.donate(
        fund, donor=kept.donation.donor, amount=1, method=Method.TRANSFER, by=treasurer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementCredit.objects.create(
            statement=kept.statement,
            fund=fund,
            row=99,
            fingerprint=kept.fingerprint,
            booked_on=kept.booked_on,
            amount=1,
            description="x",
            donation=donation,
        )


def test_a_statement_with_one_malformed_line_records_nothing(fund, pledges_2024, treasurer):
    lines = [*LINES, ("10/09/2024", "FT006", 0, "2,000,000", "QKH 2024 000001")]
    with pytest.raises(StatementError, match=f"line {VCB_FIRST + 5}, column “Số tiền ghi có”"):
        statement_of(fund, lines)
    assert not LedgerEntry.objects.exists()
    assert not BankStatement.objects.exists()


def test_a_bad_choice_records_nothing_of_the_statement(fund, pledges_2024, treasurer):
    _data, statement = statement_of(fund)
    credits = confirm_all(propose(fund, statement.credits), new_donor="  ")
    with pytest.raises(ValidationError, match=f"Line {VCB_FIRST + 3}: name the new donor"):
        run_import(fund, statement, credits, treasurer)
    assert not LedgerEntry.objects.exists()
    assert not BankStatement.objects.exists()


def test_only_a_treasurer_of_the_funds_unit_imports(
    fund, district_fund, district_treasurer, staff, treasurer
):
    _data, statement = statement_of(fund, LINES[3:4])
    credits = confirm_all(propose(fund, statement.credits))
    for person in (staff, district_treasurer):
        with pytest.raises(PermissionDenied):
            run_import(fund, statement, credits, person)
    assert not LedgerEntry.objects.exists()
    _data, theirs = statement_of(district_fund, LINES[3:4])
    summary = run_import(
        district_fund, theirs, confirm_all(propose(district_fund, theirs.credits)),
        district_treasurer,
    )  # fmt: skip
    assert summary["recorded"] == 1


def test_the_bidv_layout_imports_the_same_way(fund, pledges_2024, treasurer):
    lines = [("03/09/2024", "BIDV1", 0, 2_000_000, "QKH2024000001 ung ho")]
    statement = read_statement(bidv_csv(lines), LAYOUTS["bidv"], fund, filename="b.csv")
    (proposal,) = propose(fund, statement.credits)
    assert proposal.pledge == pledges_2024[0]
    assert run_import(fund, statement, confirm_all([proposal]), treasurer)["recorded"] == 1
    assert selectors.pledge_left(pledges_2024[0]) == 0

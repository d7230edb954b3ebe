"""Reading a bank statement: the Vietcombank and BIDV layouts and a column mapping, the
demo's sample files, amounts read only the way the layout writes them, days day first,
debits left aside, fingerprints, and a malformed line refusing the whole statement with its
line and column. Hostile files are refused quickly with a message."""

import datetime
from pathlib import Path

import pytest

from common.spreadsheets.limits import TableError
from scholarships.statements import (
    LAYOUTS,
    StatementError,
    mapping_layout,
    parse_amount,
    parse_day,
    read_statement,
)
from tests.hostile_tables import CSV_ATTACKS, WORKBOOK_ATTACKS, hostile_csv, hostile_workbook
from tests.scholarships.statement_files import BIDV_FIRST, VCB_FIRST, bidv_csv, vietcombank_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SAMPLES = Path(__file__).resolve().parents[2] / "scholarships" / "demo" / "data" / "statements"
VCB, BIDV = LAYOUTS["vietcombank"], LAYOUTS["bidv"]
LINES = [
    ("02/09/2024", "FT001", 0, 5_000_000, "MBVCB.123.QKH2024000003 ung ho"),
    ("05/09/2024", "FT002", 350_000, 0, "Phi quan ly tai khoan"),
    ("06/09/2024", "FT003", 0, 1_500_000, "NGUYEN VAN AN ung ho quy"),
]


def test_a_vietcombank_statement_is_read_past_its_heading_and_totals(fund):
    statement = read_statement(vietcombank_xlsx(LINES), VCB, fund, filename="sao-ke.xlsx")
    assert statement.header_row == 7
    assert (statement.rows, statement.debits) == (3, 1)
    first, second = statement.credits
    assert (first.row, first.day, first.amount, first.bank_reference) == (
        VCB_FIRST,
        datetime.date(2024, 9, 2),
        5_000_000,
        "FT001",
    )
    assert first.description == "MBVCB.123.QKH2024000003 ung ho"
    assert (second.row, second.amount) == (VCB_FIRST + 2, 1_500_000)


def test_a_bidv_statement_is_read_with_commas_between_thousands(fund):
    statement = read_statement(bidv_csv(LINES), BIDV, fund, filename="bidv.csv")
    assert statement.header_row == 4
    assert [(c.row, c.amount) for c in statement.credits] == [
        (BIDV_FIRST, 5_000_000),
        (BIDV_FIRST + 2, 1_500_000),
    ]


def test_the_bidv_layout_reads_english_column_names(fund):
    text = (
        "Transaction Date,Transaction No,Debit,Credit,Description\r\n"
        '03/09/2024,TCB1,,"2,000,000",QKH 2024 000001 ung ho\r\n'
    )
    (credit,) = read_statement(text.encode(), BIDV, fund, filename="tcb.csv").credits
    assert (credit.row, credit.amount, credit.bank_reference) == (2, 2_000_000, "TCB1")


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("vietcombank-2024-09.xlsx", VCB),
        ("bidv-2024-09.csv", BIDV),
        (
            "ngan-hang-khac-2024-09.csv",
            mapping_layout(
                header_row=3, date="Ngay", credit="Tien vao", description="D", thousands="."
            ),
        ),
    ],
)
def test_the_demo_samples_are_small_and_read_in_their_layouts(fund, name, layout):
    path = SAMPLES / name
    assert path.stat().st_size < 50_000
    statement = read_statement(path, layout, fund)
    assert (statement.rows, statement.debits, len(statement.credits)) == (8, 1, 7)
    assert sum(credit.amount for credit in statement.credits) == 20_300_000


def test_a_mapping_names_columns_by_name_or_by_letter(fund):
    text = (
        b"Lich su giao dich;;;\r\n"
        b"Ngay;Tien vao;Tien ra;Noi dung\r\n"
        b"01/09/2024;1.200.000;;Ung ho quy\r\n"
        b"02/09/2024;;50.000;Phi\r\n"
    )
    by_name = mapping_layout(
        header_row=2, date="ngay", credit="TIEN VAO", description="Noi dung", thousands="."
    )
    by_letter = mapping_layout(header_row=2, date="A", credit="B", description="D", thousands=".")
    for layout in (by_name, by_letter):
        statement = read_statement(text, layout, fund, filename="khac.csv")
        assert [(c.row, c.amount, c.description) for c in statement.credits] == [
            (3, 1_200_000, "Ung ho quy")
        ]
        assert statement.debits == 1


def test_a_mapping_naming_a_column_the_line_does_not_have_is_refused(fund):
    layout = mapping_layout(
        header_row=1, date="Ngày", credit="Có", description="Nội dung", thousands=","
    )
    with pytest.raises(StatementError, match="Line 1 has no column “Có”"):
        read_statement(b"Ngay,Tien,Noi dung\r\n", layout, fund, filename="x.csv")


def test_a_file_of_another_layout_says_so(fund):
    with pytest.raises(StatementError, match="BIDV, MB, Techcombank"):
        read_statement(vietcombank_xlsx(LINES), BIDV, fund, filename="sao-ke.xlsx")


@pytest.mark.parametrize(
    ("text", "thousands", "amount"),
    [
        ("1.500.000", ".", 1_500_000),
        ("1500000", ".", 1_500_000),
        ("1.500.000,00", ".", 1_500_000),
        ("1.500.000 VND", ".", 1_500_000),
        ("1,500,000", ",", 1_500_000),
        ("1,500,000.00", ",", 1_500_000),
        ("500", ",", 500),
        ("", ".", 0),
        ("-", ",", 0),
    ],
)
def test_amounts_are_read_the_way_the_layout_writes_them(text, thousands, amount):
    assert parse_amount(text, thousands) == amount


@pytest.mark.parametrize(
    ("text", "thousands"),
    [
        ("1,500,000", "."),  # commas in a layout of dots: refused, not 1.5
        ("1.500.000", ","),
        ("1.500", ","),
        ("1,5", "."),
        ("1500000.5", "."),
        ("1.500.000,50", "."),
        ("-1.500.000", "."),
        ("1 tr", "."),
        ("=1+1", "."),
        ("١٢٣", "."),
    ],
)
def test_an_amount_written_otherwise_is_refused(text, thousands):
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text, thousands)


def test_days_are_read_day_first_and_never_month_first():
    assert parse_day("03/09/2024") == datetime.date(2024, 9, 3)
    assert parse_day("03-09-2024 10:22:31") == datetime.date(2024, 9, 3)
    assert parse_day("2024-09-03") == datetime.date(2024, 9, 3)  # a workbook's date cell
    for bad in ("09/31/2024", "2024/09/03", "3 Sep 2024", "45536", ""):
        with pytest.raises(ValueError, match="not a day"):
            parse_day(bad)


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        (("31/02/2024", "FT9", 0, 100_000, "x"), "Ngày giao dịch", "is not a day"),
        (("", "FT9", 0, 100_000, "x"), "Ngày giao dịch", "the day is missing"),
        (("04/09/2024", "FT9", 0, "1,500,000", "x"), "Số tiền ghi có", "1,500,000"),
        (("04/09/2024", "FT9", 0, "", "x"), "Số tiền ghi có", "neither a credit nor a debit"),
        (("04/09/2024", "FT9", "12/09", 0, "x"), "Số tiền ghi nợ", "is not an amount"),
    ],
)
def test_one_malformed_line_refuses_the_statement_naming_its_line_and_column(
    fund, line, column, words
):
    lines = [*LINES, line]
    with pytest.raises(StatementError) as refused:
        read_statement(vietcombank_xlsx(lines), VCB, fund, filename="sao-ke.xlsx")
    assert refused.value.line == VCB_FIRST + 3
    assert refused.value.column == column
    assert f"line {VCB_FIRST + 3}, column “{column}”" in refused.value.message
    assert words in refused.value.message


def test_a_formula_in_an_amount_cell_is_refused_and_one_in_a_description_kept_as_text(fund):
    lines = [("04/09/2024", "FT9", 0, "=1+1", "x")]
    with pytest.raises(StatementError, match="line 5, column “Phát sinh có”: “=1\\+1” is not"):
        read_statement(bidv_csv(lines), BIDV, fund, filename="b.csv")


def test_a_formula_like_description_is_read_as_the_text_it_is(fund):
    lines = [("04/09/2024", "FT9", 0, 200_000, '=HYPERLINK("http://x.example","QKH")')]
    (credit,) = read_statement(bidv_csv(lines), BIDV, fund, filename="b.csv").credits
    assert credit.description == '=HYPERLINK("http://x.example","QKH")'


def test_fingerprints_use_the_bank_number_or_the_place_among_identical_lines(fund, district_fund):
    same = ("04/09/2024", "", 0, 100_000, "Ung ho   quy")
    statement = read_statement(bidv_csv([same, same]), BIDV, fund, filename="b.csv")
    first, second = (credit.fingerprint for credit in statement.credits)
    assert first != second
    again = read_statement(bidv_csv([same, same]), BIDV, fund, filename="b.csv")
    assert [c.fingerprint for c in again.credits] == [first, second]
    elsewhere = read_statement(bidv_csv([same]), BIDV, district_fund, filename="b.csv")
    assert elsewhere.credits[0].fingerprint != first
    by_number = read_statement(bidv_csv(LINES), BIDV, fund, filename="b.csv").credits[0]
    renamed = [("02/09/2024", "FT001", 0, 5_000_000, "another description")]
    assert read_statement(bidv_csv(renamed), BIDV, fund, filename="b.csv").credits[
        0
    ].fingerprint == (by_number.fingerprint)


HEADER = ("Ngày hiệu lực", "Mã giao dịch", "Phát sinh có", "Diễn giải")


@pytest.mark.parametrize("attack", sorted(WORKBOOK_ATTACKS))
def test_a_hostile_workbook_is_refused_with_a_message(fund, attack):
    with pytest.raises(TableError, match=WORKBOOK_ATTACKS[attack][1]):
        read_statement(hostile_workbook(attack, HEADER), BIDV, fund, filename="x.xlsx")


@pytest.mark.parametrize("attack", sorted(CSV_ATTACKS))
def test_a_hostile_csv_is_refused_with_a_message(fund, attack):
    with pytest.raises(TableError, match=CSV_ATTACKS[attack][1]):
        read_statement(hostile_csv(attack, HEADER), BIDV, fund, filename="x.csv")

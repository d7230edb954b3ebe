"""Amounts of đồng as Vietnamese people write them (common.money.parse_vnd): grouped digits
with or without a currency word, and words of magnitude ("1,5 triệu", "500k", "1 tỷ",
"3 triệu 500 nghìn"); everything that could be misread is refused rather than guessed. The
amount field (MoneyField) says so in words."""

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from common.money import MoneyField, NotAnAmount, format_vnd, parse_vnd
from common.strict import MAX_INT

ACCEPTED = [
    # digits, grouped or not, with a currency word
    ("1500000", 1_500_000),
    ("1.500.000", 1_500_000),
    ("1,500,000", 1_500_000),
    ("1 500 000 ₫", 1_500_000),
    ("1\u00a0500\u00a0000\u00a0₫", 1_500_000),
    ("1.500.000 đ", 1_500_000),
    ("1.500.000đ", 1_500_000),
    ("1.500.000 VNĐ", 1_500_000),
    ("1.500.000 vnd", 1_500_000),
    ("1.500.000 VND", 1_500_000),
    ("1.500.000 ₫", 1_500_000),
    ("1.500.000 đồng", 1_500_000),
    ("1.500.000 dong", 1_500_000),
    ("VND 1,500,000", 1_500_000),
    ("₫1.500.000", 1_500_000),
    ("1.500", 1_500),
    ("1,500", 1_500),
    ("0", 0),
    # words of magnitude
    ("1,5 triệu", 1_500_000),
    ("1.5 triệu", 1_500_000),
    ("1,5triệu", 1_500_000),
    ("2 triệu", 2_000_000),
    ("2 triệu đồng", 2_000_000),
    ("2 TRIỆU", 2_000_000),
    ("2 trieu", 2_000_000),
    ("2 Trieu VND", 2_000_000),
    ("2tr", 2_000_000),
    ("2 tr", 2_000_000),
    ("2TR", 2_000_000),
    ("500 nghìn", 500_000),
    ("500 ngàn", 500_000),
    ("500 nghin", 500_000),
    ("500 ngan", 500_000),
    ("500k", 500_000),
    ("500K", 500_000),
    ("1,5k", 1_500),
    ("1 tỷ", 1_000_000_000),
    ("1 tỉ", 1_000_000_000),
    ("1 ty", 1_000_000_000),
    ("1 TỶ", 1_000_000_000),
    ("1,25 tỷ", 1_250_000_000),
    ("1,5555 triệu", 1_555_500),
    ("0,5 triệu", 500_000),
    ("1,50 triệu", 1_500_000),
    ("1.500.000 nghìn", 1_500_000_000),  # grouped, so no decimal part
    ("3 triệu 500 nghìn", 3_500_000),
    ("3tr500k", 3_500_000),
    ("1 tỷ 200 triệu", 1_200_000_000),
    ("1 tỷ 200 triệu 500 nghìn đồng", 1_200_500_000),
    # decomposed diacritics (as some keyboards and PDFs give them)
    ("2 trie\u0302\u0323u", 2_000_000),
]

REFUSED = [
    "1,5",  # a decimal amount of đồng is not whole
    "1.5",
    "1.500.000,50",
    "1,0000005 triệu",  # 1.000.000,5 đồng
    "1,5555555 triệu",
    "0,0001 k",
    "1.50.000",  # bad grouping
    "15.00",
    "1.5000",
    "1 5",
    "1.500,000",  # mixed separators
    "1 500.000",
    "1.500 triệu",  # 1,5 triệu or 1500 triệu?
    "1,500 triệu",
    "1,5 triệu 200",  # a number after a magnitude without its own word
    "3 triệu 500",
    "2tr5",
    "1,5 tỷ 200 triệu",  # decimals in an amount of several parts
    "2 nghìn 3 triệu",  # magnitudes not from the largest down
    "3 triệu 1500 nghìn",  # a part as large as the one before
    "1 triệu triệu",
    "triệu",
    "k",
    "-200000",
    "−200.000 ₫",
    "+200000",
    "1.000.000 2.000.000",  # two amounts
    "1000000 2000000",
    "1.000.000 đ 2.000.000 đ",
    "VND 1.000.000 đ",
    "một triệu",
    "500 USD",
    "1.500.000.",
    ".500",
    "١٢٣",  # non-ASCII digits
    "²",
    "1²",
    "１５００",
    "1500\x00",
    str(MAX_INT + 1),
    "10000000000 tỷ",
    "9.300.000.000 tỷ",
    "1" * 25,
    "1" * 5000,
]


@pytest.mark.parametrize(("text", "amount"), ACCEPTED)
def test_accepted_forms_give_their_amount(text, amount):
    assert parse_vnd(text) == amount


@pytest.mark.parametrize("text", REFUSED)
def test_what_could_be_misread_is_refused(text):
    with pytest.raises(NotAnAmount):
        parse_vnd(text)


@pytest.mark.parametrize("text", [None, "", "   ", "₫", "VNĐ"])
def test_nothing_written_is_no_amount(text):
    assert parse_vnd(text) is None


def test_the_largest_amount_the_database_holds_is_read():
    assert parse_vnd(f"{MAX_INT:,}".replace(",", ".")) == MAX_INT


def test_a_count_takes_digits_but_no_words_of_magnitude():
    assert parse_vnd("1.500", magnitudes=False) == 1_500
    with pytest.raises(NotAnAmount):
        parse_vnd("2 triệu", magnitudes=False)


WHOLE = st.integers(min_value=0, max_value=10**12)
MAGNITUDES = {"nghìn": 10**3, "ngàn": 10**3, "k": 10**3, "triệu": 10**6, "tr": 10**6}
MAGNITUDES |= {"tỷ": 10**9, "tỉ": 10**9, "trieu": 10**6, "ty": 10**9, "nghin": 10**3}


@given(WHOLE)
def test_what_the_portal_writes_it_reads_back(amount):
    assert parse_vnd(format_vnd(amount)) == amount


@given(WHOLE)
def test_dot_grouping_and_plain_digits_read_the_same(amount):
    assert parse_vnd(f"{amount:,}".replace(",", ".")) == amount
    assert parse_vnd(f"{amount:,}") == amount
    assert parse_vnd(str(amount)) == amount


@given(WHOLE, st.sampled_from(sorted(MAGNITUDES)), st.sampled_from(["", " "]))
def test_a_number_and_a_magnitude_word_multiply(amount, word, space):
    text = f"{amount}{space}{word}"
    if amount * MAGNITUDES[word] <= MAX_INT:
        assert parse_vnd(text) == amount * MAGNITUDES[word]
    else:  # beyond what the database holds
        with pytest.raises(NotAnAmount):
            parse_vnd(text)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_millions_and_thousands_add_up(millions, thousands):
    assert parse_vnd(f"{millions} triệu {thousands} nghìn") == millions * 10**6 + thousands * 10**3


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=9999))
def test_a_decimal_before_triệu_is_read_only_when_whole(whole, fraction):
    text = f"{whole},{fraction:04d} triệu"
    assert parse_vnd(text) == whole * 10**6 + fraction * 100
    with pytest.raises(NotAnAmount):
        parse_vnd(f"{whole},{fraction:04d}")


@given(st.text(max_size=30))
def test_any_text_is_an_amount_none_or_value_error(text):
    try:
        amount = parse_vnd(text)
    except NotAnAmount:
        return
    assert amount is None or 0 <= amount <= MAX_INT


# --- the amount field ---------------------------------------------------------------------


class DonationForm(forms.Form):
    amount = MoneyField()


def test_the_field_reads_an_amount_in_words():
    form = DonationForm({"amount": "1,5 triệu"})

    assert form.is_valid()
    assert form.cleaned_data["amount"] == 1_500_000


@pytest.mark.parametrize("typed", ["1,5", "1,5 triệu 200", "1.500,000", "١٢٣"])
def test_the_field_says_in_vietnamese_how_to_write_an_amount(typed):
    with translation.override("vi"):
        form = DonationForm({"amount": typed})
        assert not form.is_valid()
        (message,) = form.errors["amount"]

    assert message == (
        "Vui lòng ghi số tiền là số nguyên đồng, ví dụ 1.500.000, 1500000 hoặc 1,5 triệu "
        "(không ghi phần lẻ của đồng)."
    )


def test_the_field_says_in_english_how_to_write_an_amount():
    with translation.override("en"):
        form = DonationForm({"amount": "1,5"})
        assert not form.is_valid()

    assert "1,5 triệu" in form.errors["amount"][0]

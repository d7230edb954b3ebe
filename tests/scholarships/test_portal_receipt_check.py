"""The public receipt check (/fund/receipts/check/): a donor's receipt confirmed by its
number and code, as the donor chose to appear; a wrong code or a garbage value says only
that nothing matches, never a server error; no private detail ever."""

import pytest
from django.urls import reverse

from scholarships import services
from scholarships.models import Method, PublicDisplay

pytestmark = pytest.mark.django_db

CHECK = "/fund/receipts/check/"


@pytest.fixture
def gift(fund, donor, treasurer):
    return services.donate(
        fund, donor=donor, amount=2_500_000, method=Method.TRANSFER, by=treasurer
    )


def check(client, number, code):
    return client.get(CHECK, {"number": number, "code": code})


def test_the_address_is_the_named_one():
    assert reverse("scholarships:receipt-check") == CHECK


def test_the_empty_form_asks_for_number_and_code(anonymous_client):
    response = anonymous_client.get(CHECK)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="number"' in text
    assert 'name="code"' in text
    assert "No receipt matches" not in text


def test_a_valid_receipt_of_an_anonymous_donor_shows_no_name(gift, anonymous_client, donor):
    response = check(anonymous_client, gift.receipt_label, gift.code.lower())
    text = response.content.decode()
    assert "This receipt is valid" in text
    assert gift.fund.name in text
    assert "2.500.000\u00a0₫" in text
    assert "Anonymous donor" in text
    for private in (donor.name, donor.address, donor.phone, donor.email, "Đỗ Thị Mai"):
        assert private not in text


def test_the_anonymous_donor_reads_nha_hao_tam_giau_ten_in_vietnamese(gift, client_for):
    response = client_for(None, language="vi").get(
        CHECK, {"number": gift.receipt_label, "code": gift.code}
    )
    assert "Nhà hảo tâm giấu tên" in response.content.decode()


def test_a_named_donor_appears_as_they_chose(fund, named_donor, treasurer, anonymous_client):
    named = services.donate(
        fund, donor=named_donor, amount=9_000_000, method=Method.CASH, by=treasurer
    )
    text = check(anonymous_client, named.receipt_label, named.code).content.decode()
    assert named_donor.name in text
    assert "9.000.000\u00a0₫" in text
    assert named_donor.address not in text
    assert named_donor.phone not in text
    named_donor.public_display = PublicDisplay.NAME_ONLY
    named_donor.save()
    text = check(anonymous_client, named.receipt_label, named.code).content.decode()
    assert named_donor.name in text
    assert "9.000.000" not in text


def test_a_reversed_receipt_says_so(gift, treasurer, anonymous_client):
    services.reverse(gift.entry, by=treasurer, reason="Ghi nhầm.")
    text = check(anonymous_client, gift.receipt_label, gift.code).content.decode()
    assert "reversed" in text
    assert "Ghi nhầm." not in text  # the reason is the books', not the public's


def test_a_wrong_code_and_an_unknown_number_read_the_same(gift, anonymous_client):
    wrong_code = check(anonymous_client, gift.receipt_label, "ZZZZZZ")
    unknown = check(anonymous_client, "2024/999999", gift.code)
    for response in (wrong_code, unknown):
        assert response.status_code == 200
        assert "No receipt matches this number and code" in response.content.decode()
        assert gift.fund.name not in response.content.decode()


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("", ""),
        ("abc", "abc"),
        ("²⁰²⁴/1", "٣٣٣"),
        ("9" * 5000, "9" * 5000),
        ("2024/" + "9" * 30, "AB"),
        ("a\x00b", "\x01\x1b"),
        (str(2**63), "1.5e3"),
        ("2024/-1", "<script>"),
    ],
)
def test_garbage_never_fails(gift, anonymous_client, number, code):
    response = check(anonymous_client, number, code)
    assert response.status_code == 200
    assert "This receipt is valid" not in response.content.decode()


def test_repeated_parameters_never_fail(gift, anonymous_client):
    response = anonymous_client.get(
        f"{CHECK}?number={gift.receipt_label}&number=x&code={gift.code}&code=y"
    )
    assert response.status_code == 200

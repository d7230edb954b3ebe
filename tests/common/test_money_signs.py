"""A movement of money as the portal writes it: its sign in front, none on nothing."""

import pytest
from django.template import Context, Template

from common.money import format_signed_vnd


@pytest.mark.parametrize(
    ("amount", "written"),
    [(1_500_000, "+1.500.000\u00a0₫"), (-2_000_000, "−2.000.000\u00a0₫"), (0, "0\u00a0₫"),
     (None, "—")],
)  # fmt: skip
def test_a_movement_of_money_carries_its_sign(amount, written):
    assert format_signed_vnd(amount) == written


def test_the_filter_writes_money_out_with_a_minus_and_nothing_without_one():
    page = Template(
        "{% load portal %}{{ used|signed_vnd:-1 }}|{{ none|signed_vnd:-1 }}|{{ got|signed_vnd }}"
    ).render(Context({"used": 6_000_000, "none": 0, "got": 10_000_000}))
    assert page == "−6.000.000\u00a0₫|0\u00a0₫|+10.000.000\u00a0₫"

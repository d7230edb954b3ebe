"""The disclosure's bar charts, drawn by the portal as inline SVG (as learning_models/charts.py
draws the register's): one bar a row, its length the row's share of the largest, its label
and amount written above it. The template draws the shapes from the numbers here; no
script, no inline style (the colours are classes of static/css/fund.css). Each chart sits
beside a table of the same numbers, which is what a screen reader is pointed to."""

from dataclasses import dataclass

from common.money import format_vnd

# The chart's own coordinates (the SVG's viewBox); the page scales it to its width.
WIDTH = 400
LEFT = 4
RIGHT = 4
ROW = 46
TOP = 6
BAR = 16
BOTTOM = 6


@dataclass
class Bar:
    label: str
    amount: int
    shown: str
    label_y: int
    bar_y: int
    width: float


@dataclass
class Chart:
    width: int
    height: int
    left: int
    inner: int
    bar_height: int
    bars: list


def bar_chart(rows) -> Chart | None:
    """The chart of `rows`, (label, amount in đồng) pairs in the order to draw them, or None
    when there is nothing to draw (no row, or every amount 0)."""
    rows = [(str(label), int(amount or 0)) for label, amount in rows]
    largest = max((amount for _label, amount in rows), default=0)
    if largest <= 0:
        return None
    inner = WIDTH - LEFT - RIGHT
    bars = []
    for index, (label, amount) in enumerate(rows):
        top = TOP + index * ROW
        width = round(inner * max(amount, 0) / largest, 2)
        bars.append(
            Bar(
                label=label,
                amount=amount,
                shown=format_vnd(amount),
                label_y=top + 14,
                bar_y=top + 21,
                # A gift of a few đồng beside millions still shows as a sliver.
                width=max(width, 1.5) if amount > 0 else 0,
            )
        )
    return Chart(
        width=WIDTH,
        height=TOP + len(rows) * ROW + BOTTOM,
        left=LEFT,
        inner=inner,
        bar_height=BAR,
        bars=bars,
    )

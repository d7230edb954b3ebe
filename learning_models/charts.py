"""The register's progress chart, drawn by the portal as inline SVG: one bar a title for the
recognised share, a line for its national target. The template draws the shapes from the
numbers here; no script, no inline style (the colours are classes of the stylesheet)."""

from dataclasses import dataclass

# The chart's own coordinates (the SVG's viewBox); the page scales it to its width.
WIDTH = 400
LEFT = 4
RIGHT = 4
ROW = 58
TOP = 8
BAR = 18
AXIS = 28
TICKS = (0, 25, 50, 75, 100)


@dataclass
class Bar:
    target: object  # selectors.Target
    label_y: int
    bar_y: int
    width: float
    target_x: float
    line_top: int
    line_bottom: int


@dataclass
class Tick:
    percent: int
    x: float


@dataclass
class Chart:
    width: int
    height: int
    left: int
    inner: int
    bar_height: int
    bars: list
    ticks: list
    axis_y: int


def _x(percent) -> float:
    inner = WIDTH - LEFT - RIGHT
    share = max(0, min(100, float(percent)))
    return round(LEFT + inner * share / 100, 2)


def progress_chart(targets) -> Chart | None:
    """The chart of the targets whose share is known, or None when none is."""
    known = [target for target in targets if target.share is not None]
    if not known:
        return None
    bars = []
    for index, target in enumerate(known):
        top = TOP + index * ROW
        bars.append(
            Bar(
                target=target,
                label_y=top + 14,
                bar_y=top + 22,
                width=round(_x(target.share) - LEFT, 2),
                target_x=_x(target.percent),
                line_top=top + 18,
                line_bottom=top + 22 + BAR + 4,
            )
        )
    axis_y = TOP + len(known) * ROW
    return Chart(
        width=WIDTH,
        height=axis_y + AXIS,
        left=LEFT,
        inner=WIDTH - LEFT - RIGHT,
        bar_height=BAR,
        bars=bars,
        ticks=[Tick(percent=p, x=_x(p)) for p in TICKS],
        axis_y=axis_y,
    )

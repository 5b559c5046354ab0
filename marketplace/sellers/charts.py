"""Charts drawn on the server as SVG (no JavaScript, no CDN): the geometry of a bar chart, worked in Decimal.

A chart is a list of points, each an amount of Money in one currency with its labels. The template
(templates/sellers/_chart_columns.html, _chart_rows.html) draws the bars from the coordinates computed here:

- columns (sales by month): each bar's height is plot height x amount / the largest amount;
- rows (sales by country): each bar's length is bar length x amount / the largest amount.

Coordinates are rounded to a tenth of an SVG unit (ROUND_HALF_UP); the amounts themselves stay exact Money and
are printed with the reader's locale. A chart of nothing but zeros draws no bars at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ewtp.money import Money

TENTH = Decimal("0.1")

# Boxes 320 units wide: on a 412 px phone the panel leaves about 345 px, so a unit is about a pixel and the
# texts (12 and 14 units) read at their own size; a wider screen shows the chart at most 32rem wide.
# Columns: the plot sits between a line for the scale above and two lines of labels below.
COLUMNS_WIDTH = 320
COLUMNS_HEIGHT = 200
COLUMNS_TOP = 24
COLUMNS_PLOT_HEIGHT = 140
COLUMNS_SIDE = 4
COLUMNS_BAR_MAX = Decimal(40)
COLUMNS_FONT = 12
# Rows: one 42-unit row per point, its label on a line of its own above the bar (long country names fit),
# its amount after the bar (room for "KES1,234,567.00" at 14 units).
ROWS_WIDTH = 320
ROW_HEIGHT = 42
ROWS_BAR_LENGTH = 180
ROWS_BAR_THICKNESS = 14
# Ideographs are about as wide as the font is high, Latin letters about 0.6 of it.
WIDE_FROM = 0x2E80


@dataclass(frozen=True)
class Point:
    """One figure to draw: `key` identifies it ("DE", "2026-11"), `label` names it for people."""

    key: str
    label: str
    amount: Money
    long_label: str = ""  # where the bar's own label is short ("Nov"), the full one ("November 2026")
    sublabel: str = ""  # a second line under a column ("2026"), written where it changes

    @property
    def full_label(self) -> str:
        return self.long_label or self.label


@dataclass(frozen=True)
class Bar:
    """A bar and where its texts go: the point's label (`name_x`, `name_y`), for columns its second line
    (`sub_y`), for rows the amount after the bar (`amount_x`, `amount_y`)."""

    point: Point
    amount_text: str  # the amount in the reader's locale
    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    name_x: Decimal
    name_y: Decimal
    show_name: bool = True  # columns too narrow for every label show every other one
    show_sub: bool = False
    sub_y: Decimal | None = None
    amount_x: Decimal | None = None
    amount_y: Decimal | None = None


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    description: str
    currency: str
    width: int
    height: int
    bars: list[Bar]
    scale_text: str  # the largest amount, written at the top of the scale (columns)

    @property
    def top(self) -> int:
        return COLUMNS_TOP

    @property
    def baseline(self) -> int:
        return COLUMNS_TOP + COLUMNS_PLOT_HEIGHT


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _largest(points: list[Point], currency: str) -> Money:
    for point in points:
        if point.amount.currency != currency:
            raise ValueError(f"Point {point.key!r} is in {point.amount.currency}, the chart in {currency}.")
    return max((point.amount for point in points), default=Money.zero(currency))


def _share(amount: Money, largest: Money, full: int) -> Decimal:
    """`full` x amount / largest, in tenths of a unit (zero when everything is zero)."""
    if not largest.amount:
        return Decimal(0)
    return _tenth(Decimal(full) * amount.amount / largest.amount)


def _text_width(text: str, font: int) -> Decimal:
    return sum((Decimal(1) if ord(ch) >= WIDE_FROM else Decimal("0.6") for ch in text), Decimal(0)) * font


def _label_every(points: list[Point], slot: Decimal) -> int:
    """1 when every column's label fits its slot, else the step that leaves room (every other, third...)."""
    widest = max((_text_width(point.label, COLUMNS_FONT) for point in points), default=Decimal(0))
    step = 1
    while widest > slot * step:
        step += 1
    return step


def _sublabels_shown(points: list[Point], names: list[bool], slot: Decimal) -> list[bool]:
    """Under labelled columns, each sublabel where it differs from the one before ("2026" under the first
    month of the year); one that the next would overlap gives way to it."""
    shown = []
    previous = None
    for index, point in enumerate(points):
        if not (names[index] and point.sublabel) or point.sublabel == previous:
            continue
        if shown and (index - shown[-1]) * slot < _text_width(points[shown[-1]].sublabel, COLUMNS_FONT):
            shown.pop()
        shown.append(index)
        previous = point.sublabel
    return [index in shown for index in range(len(points))]


def columns_chart(
    *, chart_id: str, title: str, description: str, currency: str, points: list[Point], locale: str
) -> Chart:
    """Vertical bars side by side (the months), heights proportional to the amounts."""
    largest = _largest(points, currency)
    slot = Decimal(COLUMNS_WIDTH - 2 * COLUMNS_SIDE) / max(len(points), 1)
    bar_width = _tenth(min(slot * Decimal("0.7"), COLUMNS_BAR_MAX))
    baseline = COLUMNS_TOP + COLUMNS_PLOT_HEIGHT
    every = _label_every(points, slot)
    names = [index % every == 0 for index in range(len(points))]
    subs = _sublabels_shown(points, names, slot)
    bars = []
    for index, point in enumerate(points):
        height = _share(point.amount, largest, COLUMNS_PLOT_HEIGHT)
        left = COLUMNS_SIDE + slot * index
        bars.append(
            Bar(
                point=point,
                amount_text=point.amount.format(locale),
                x=_tenth(left + (slot - bar_width) / 2),
                y=baseline - height,
                width=bar_width,
                height=height,
                name_x=_tenth(left + slot / 2),
                name_y=Decimal(baseline + 16),
                sub_y=Decimal(baseline + 32),
                show_name=names[index],
                show_sub=subs[index],
            )
        )
    return Chart(
        chart_id=chart_id, title=title, description=description, currency=currency,
        width=COLUMNS_WIDTH, height=COLUMNS_HEIGHT, bars=bars, scale_text=largest.format(locale),
    )  # fmt: skip


def rows_chart(
    *, chart_id: str, title: str, description: str, currency: str, points: list[Point], locale: str
) -> Chart:
    """Horizontal bars one under another (the countries), lengths proportional, each amount written after
    its bar."""
    largest = _largest(points, currency)
    bars = []
    for index, point in enumerate(points):
        top = ROW_HEIGHT * index
        length = _share(point.amount, largest, ROWS_BAR_LENGTH)
        bars.append(
            Bar(
                point=point,
                amount_text=point.amount.format(locale),
                x=Decimal(0),
                y=Decimal(top + 21),
                width=length,
                height=Decimal(ROWS_BAR_THICKNESS),
                name_x=Decimal(0),
                name_y=Decimal(top + 15),
                amount_x=length + 6,
                amount_y=Decimal(top + 33),
            )
        )
    return Chart(
        chart_id=chart_id, title=title, description=description, currency=currency,
        width=ROWS_WIDTH, height=ROW_HEIGHT * max(len(points), 1), bars=bars,
        scale_text=largest.format(locale),
    )  # fmt: skip

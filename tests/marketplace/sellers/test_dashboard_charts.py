"""The SVG charts' geometry (marketplace/sellers/charts.py): bars proportional to exact amounts."""

from decimal import Decimal

import pytest

from ewtp.money import Money
from marketplace.sellers.charts import Point, columns_chart, rows_chart


def kes(amount: str) -> Money:
    return Money(amount, "KES")


def columns(*amounts: str):
    points = [Point(key=f"m{i}", label=f"M{i}", amount=kes(a)) for i, a in enumerate(amounts)]
    return columns_chart(chart_id="c", title="t", description="d", currency="KES", points=points, locale="en")


def test_column_heights_are_proportional_to_the_amounts():
    # given three months of KES 3,500.00, 1,500.00 and 0.00
    chart = columns("3500.00", "1500.00", "0.00")
    # then the largest fills the 140-unit plot, the others 140 x amount / 3,500:
    # 140 x 1,500 / 3,500 = 60.0; 0.0 for nothing sold
    assert [bar.height for bar in chart.bars] == [Decimal("140.0"), Decimal("60.0"), Decimal("0.0")]
    # and each stands on the baseline at 24 + 140 = 164
    assert [bar.y for bar in chart.bars] == [Decimal("24.0"), Decimal("104.0"), Decimal("164.0")]
    assert chart.scale_text == "KES3,500.00"


def test_column_heights_are_rounded_to_a_tenth_half_up():
    # 140 x 1.00 / 3.00 = 46.666... -> 46.7; 140 x 0.01 / 3.00 = 0.4666... -> 0.5
    chart = columns("3.00", "1.00", "0.01")
    assert [bar.height for bar in chart.bars] == [Decimal("140.0"), Decimal("46.7"), Decimal("0.5")]


def test_columns_share_the_width_and_are_at_most_40_units_wide():
    # two columns: each slot (400 - 2 x 8) / 2 = 192 wide; 70 % of it (134.4) is capped at 40,
    # centred: 8 + (192 - 40) / 2 = 84.0 and 8 + 192 + 76 = 276.0
    chart = columns("1.00", "2.00")
    assert [(bar.x, bar.width) for bar in chart.bars] == [
        (Decimal("84.0"), Decimal("40.0")),
        (Decimal("276.0"), Decimal("40.0")),
    ]
    # twelve columns: slot 384 / 12 = 32, 70 % = 22.4 wide, the first at 8 + (32 - 22.4) / 2 = 12.8
    twelve = columns(*["1.00"] * 12)
    assert (twelve.bars[0].x, twelve.bars[0].width) == (Decimal("12.8"), Decimal("22.4"))
    assert twelve.bars[11].x == Decimal("364.8")  # 8 + 11 x 32 + 4.8


def test_row_lengths_are_proportional_and_each_amount_is_written_after_its_bar():
    # given KES 4,000.00 to Germany and KES 1,000.00 to France
    points = [
        Point(key="DE", label="Germany", amount=kes("4000.00")),
        Point(key="FR", label="France", amount=kes("1000.00")),
    ]
    chart = rows_chart(chart_id="r", title="t", description="d", currency="KES", points=points, locale="en")
    # then Germany's bar is the full 260 units and France's 260 x 1,000 / 4,000 = 65.0
    assert [bar.width for bar in chart.bars] == [Decimal("260.0"), Decimal("65.0")]
    # one 40-unit row each, the bar 20 units down its row, the amount 6 units after the bar
    assert chart.height == 80
    assert [bar.y for bar in chart.bars] == [Decimal(20), Decimal(60)]
    assert [(bar.amount_x, bar.amount_text) for bar in chart.bars] == [
        (Decimal("266.0"), "KES4,000.00"),
        (Decimal("71.0"), "KES1,000.00"),
    ]


def test_a_chart_of_zeros_draws_no_bar_and_a_point_in_another_currency_is_refused():
    assert [bar.height for bar in columns("0.00", "0.00").bars] == [Decimal(0), Decimal(0)]
    with pytest.raises(ValueError, match="EUR"):
        columns_chart(
            chart_id="c", title="t", description="d", currency="KES", locale="en",
            points=[Point(key="x", label="x", amount=Money("1.00", "EUR"))],
        )  # fmt: skip

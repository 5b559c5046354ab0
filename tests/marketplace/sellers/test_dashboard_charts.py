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
    # two columns: each slot (320 - 2 x 4) / 2 = 156 wide; 70 % of it (109.2) is capped at 40,
    # centred: 4 + (156 - 40) / 2 = 62.0 and 4 + 156 + 58 = 218.0
    chart = columns("1.00", "2.00")
    assert [(bar.x, bar.width) for bar in chart.bars] == [
        (Decimal("62.0"), Decimal("40.0")),
        (Decimal("218.0"), Decimal("40.0")),
    ]
    # twelve columns: slot 312 / 12 = 26, 70 % = 18.2 wide, the first at 4 + (26 - 18.2) / 2 = 7.9
    twelve = columns(*["1.00"] * 12)
    assert (twelve.bars[0].x, twelve.bars[0].width) == (Decimal("7.9"), Decimal("18.2"))
    assert twelve.bars[11].x == Decimal("293.9")  # 4 + 11 x 26 + 3.9


def test_labels_too_wide_for_their_columns_are_shown_every_other_one():
    def labelled(labels: list[str]) -> list[bool]:
        points = [Point(key=str(i), label=label, amount=kes("1.00")) for i, label in enumerate(labels)]
        chart = columns_chart(
            chart_id="c", title="t", description="d", currency="KES", points=points, locale="en"
        )
        return [bar.show_name for bar in chart.bars]

    # twelve slots of 26 units: "Nov" is 3 x 0.6 x 12 = 21.6 wide and fits; "十一月" is 3 x 12 = 36, which
    # needs two slots (52), so every other month is labelled
    assert labelled(["Nov"] * 12) == [True] * 12
    assert labelled(["十一月"] * 12) == [True, False] * 6
    # two slots of 156 fit anything short
    assert labelled(["十一月", "十二月"]) == [True, True]


def test_row_lengths_are_proportional_and_each_amount_is_written_after_its_bar():
    # given KES 4,000.00 to Germany and KES 1,000.00 to France
    points = [
        Point(key="DE", label="Germany", amount=kes("4000.00")),
        Point(key="FR", label="France", amount=kes("1000.00")),
    ]
    chart = rows_chart(chart_id="r", title="t", description="d", currency="KES", points=points, locale="en")
    # then Germany's bar is the full 180 units and France's 180 x 1,000 / 4,000 = 45.0
    assert [bar.width for bar in chart.bars] == [Decimal("180.0"), Decimal("45.0")]
    # one 42-unit row each, the bar 21 units down its row, the amount 6 units after the bar
    assert chart.height == 84
    assert [bar.y for bar in chart.bars] == [Decimal(21), Decimal(63)]
    assert [(bar.amount_x, bar.amount_text) for bar in chart.bars] == [
        (Decimal("186.0"), "KES4,000.00"),
        (Decimal("51.0"), "KES1,000.00"),
    ]


def test_the_year_is_written_under_the_first_month_of_each_year_with_room_for_it():
    def years(months: list[tuple[str, str]]) -> list[str]:
        points = [
            Point(key=str(i), label=label, sublabel=year, amount=kes("1.00"))
            for i, (label, year) in enumerate(months)
        ]
        chart = columns_chart(
            chart_id="c", title="t", description="d", currency="KES", points=points, locale="en"
        )
        return [bar.point.sublabel if bar.show_sub else "" for bar in chart.bars]

    # Oct, Nov 2026 (slots of 156): the year once, under the first month
    assert years([("Oct", "2026"), ("Nov", "2026")]) == ["2026", ""]
    # Nov 2025 to Jan 2026: slots of 312 / 3 = 104 leave room for "2025" (4 x 0.6 x 12 = 28.8 wide)
    assert years([("Nov", "2025"), ("Dec", "2025"), ("Jan", "2026")]) == ["2025", "", "2026"]
    # Dec 2025 then eleven months of 2026 in slots of 26: "2025" would run into "2026" and gives way
    twelve = [("Dec", "2025")] + [("M", "2026")] * 11
    assert years(twelve) == ["", "2026"] + [""] * 10


def test_a_chart_of_zeros_draws_no_bar_and_a_point_in_another_currency_is_refused():
    assert [bar.height for bar in columns("0.00", "0.00").bars] == [Decimal(0), Decimal(0)]
    with pytest.raises(ValueError, match="EUR"):
        columns_chart(
            chart_id="c", title="t", description="d", currency="KES", locale="en",
            points=[Point(key="x", label="x", amount=Money("1.00", "EUR"))],
        )  # fmt: skip


def test_a_sale_dated_after_todays_month_extends_the_chart_instead_of_breaking_the_page():
    from datetime import date
    from decimal import Decimal

    from django.utils import translation

    from marketplace.sellers.dashboard import CurrencySales, sales_charts

    # given a sale paid on 1 December while the server's today is still 30 November (another time zone)
    sales = [CurrencySales("KES", {"DE": Decimal("1500.00")}, {date(2026, 12, 1): Decimal("1500.00")}, 1)]
    with translation.override("en"):
        overview = sales_charts(sales=sales, today=date(2026, 11, 30), locale="en")
    # then the months run from December to December: one column of KES 1,500.00, described
    [charts] = overview.charts
    assert (overview.first_month, overview.last_month) == (date(2026, 12, 1), date(2026, 12, 1))
    assert "1,500.00" in charts.by_month.description

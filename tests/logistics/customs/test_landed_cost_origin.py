"""Duty by the goods' origin: the US's additional duties (Section 301 on Chinese goods, the IEEPA tariffs by
country; dated rows, estimates where the rate cannot be confirmed) and Mexico's treatment of US and
Canadian goods over USD 50.

US (no VAT, duty on the goods' value, FOB): T-shirts 6109.10 16.5 %, bags (chapter 42) 8 %. Additional on
2026-10-30: China: Section 301 List 4A 7.5 % (6109.10, chapters 61, 62, 64), List 3 25 % (4202), reciprocal
10 %, IEEPA fentanyl 10 % (20 % until 2025-11-09); Kenya 10 %; the EU 15 %; India 25 % + 25 % from
2025-08-27. Mexico: 1 EUR = 21.1237 MXN = 1.1172 USD on 2026-10-30.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)
TSHIRT, BAG = "610910", "420222"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def us_quote(
    origin: str, *, hs: str = TSHIRT, value: str = "100.00", on: date = OCT, shipping: str = "20.00"
):
    return landed_cost_quote(
        destination="US",
        lines=[LandedCostLine(hs_code=hs, origin_country=origin, unit_value=usd(value))],
        shipping=usd(shipping),
        incoterm="DDP",
        on=on,
    )


@pytest.mark.parametrize(
    ("origin", "hs", "duties"),
    [
        # 100 x (16.5 % + 7.5 % + 10 % + 10 %) = 44.00 (shipping left out: FOB)
        ("CN", TSHIRT, "44.00"),
        # 100 x (8 % + 25 % + 10 % + 10 %) = 53.00
        ("CN", BAG, "53.00"),
        ("KE", TSHIRT, "26.50"),  # 100 x (16.5 % + 10 %)
        ("PE", TSHIRT, "26.50"),
        ("DE", TSHIRT, "31.50"),  # an EU member: 100 x (16.5 % + 15 %)
        ("IN", TSHIRT, "66.50"),  # 100 x (16.5 % + 25 % + 25 %)
        ("MX", TSHIRT, "16.50"),  # no additional duty seeded for Mexico
    ],
)
def test_us_additional_duties_by_origin(customs_rules, origin, hs, duties):
    result = us_quote(origin, hs=hs)
    assert result.duties == usd(duties)
    assert result.total == usd("120.00") + usd(duties)


def test_each_additional_duty_is_its_own_figure_with_its_law(customs_rules):
    # given a Chinese T-shirt
    result = us_quote("CN")
    # then the tariff line, then each additional duty by name, each on the same FOB base of 100
    assert [(str(f.label), f.amount, f.rate) for f in result.figures] == [
        ("Duty line 1 (HS 610910)", usd("16.50"), Decimal("0.165")),
        (
            "IEEPA fentanyl tariff (China) on goods of CN origin, line 1 (HS 610910)",
            usd("10.00"),
            Decimal("0.1"),
        ),
        ("Reciprocal tariff (IEEPA) on goods of CN origin, line 1 (HS 610910)", usd("10.00"), Decimal("0.1")),
        ("Section 301 (China) on goods of CN origin, line 1 (HS 610910)", usd("7.50"), Decimal("0.075")),
    ]
    section_301 = result.figures[-1]
    assert "Section 301" in section_301.source and section_301.source_url.startswith("https://ustr.gov/")
    assert not section_301.estimate  # 6109.10.00 is on List 4A
    assert all(figure.estimate for figure in result.figures[1:3])  # the IEEPA rates cannot be confirmed


def test_an_estimated_rate_for_an_origin_says_so_on_the_quote(customs_rules):
    result = us_quote("KE")
    estimates = [str(note.text) for note in result.notes if note.code == "estimate"]
    assert (
        "Estimate: Reciprocal tariff (IEEPA) on goods of KE origin, line 1 (HS 610910): the rate for this "
        "origin is not confirmed."
    ) in estimates
    assert result.estimate


@pytest.mark.parametrize(
    ("on", "duties"),
    [
        # 2025-08-26: 1000 x (16.5 % + 25 %) = 415.00 (USD 1,000: over the de minimis of the day)
        (date(2025, 8, 26), "415.00"),
        # 2025-08-27: + the additional 25 %: 1000 x 66.5 % = 665.00
        (date(2025, 8, 27), "665.00"),
    ],
)
def test_an_additional_duty_applies_from_its_date(customs_rules, on, duties):
    assert us_quote("IN", value="1000.00", on=on).duties == usd(duties)


def test_chinas_fentanyl_tariff_halved_on_2025_11_10(customs_rules):
    # 1000 x (16.5 + 7.5 + 10 + 20) % = 540.00, then x (16.5 + 7.5 + 10 + 10) % = 440.00
    assert us_quote("CN", value="1000.00", on=date(2025, 11, 9)).duties == usd("540.00")
    assert us_quote("CN", value="1000.00", on=date(2025, 11, 10)).duties == usd("440.00")


@pytest.mark.parametrize(
    ("origin", "value", "rule", "duties", "taxes"),
    [
        # MXN 2000 = 2000 / 21.1237 x 1.1172 = USD 105.78: over 50, up to 117. US and Canadian goods take
        # the 17 % global rate (all-in: IVA and fee, no duty under USMCA), not the 33.5 %, on goods and
        # shipping: (2000 + 100) x 17 % = 357.00
        ("US", "2000.00", "flat_rate", "357.00", "0"),
        ("CA", "2000.00", "flat_rate", "357.00", "0"),
        # MXN 3000 = 3000 / 21.1237 x 1.1172 = USD 158.67, over 117: 19 %: (3000 + 100) x 19 % = 589.00
        ("US", "3000.00", "flat_rate", "589.00", "0"),
        # MXN 2200 = USD 116.35, still up to 117: (2200 + 100) x 17 % = 391.00
        ("CA", "2200.00", "flat_rate", "391.00", "0"),
        # others: the 33.5 % courier rate, all-in, on 2100 = 703.50
        ("CN", "2000.00", "flat_rate", "703.50", "0"),
    ],
)
def test_mexico_us_and_canadian_goods_over_usd_50(
    customs_rules, quote_rates, origin, value, rule, duties, taxes
):
    result = landed_cost_quote(
        destination="MX",
        lines=[LandedCostLine(hs_code=TSHIRT, origin_country=origin, unit_value=Money(value, "MXN"))],
        shipping=Money("100.00", "MXN"),
        incoterm="DDP",
        on=OCT,
    )
    assert (result.rule, result.duties, result.taxes) == (rule, Money(duties, "MXN"), Money(taxes, "MXN"))

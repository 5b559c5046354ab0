"""Japan: the JPY 10,000 exemption and the goods it excludes, 60 % of retail for personal imports, the
threshold on the CIF value, and duty and tax rounded down (Japan's rounding, data per destination).

Seeded: duty chapter 61 9 % and default 3 % (both estimates; no row for 42 or 64), consumption tax 10 %, no
exchange rate needed (yen in, yen out). Customs value = 60 % of the retail price + shipping (CIF).
"""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote
from logistics.customs.rules_models import Rounding, VatRate

OCT = date(2026, 10, 30)
TSHIRT, TEXTILE_BAG, LEATHER_BAG, LEATHER_SHOES = "610910", "420222", "420221", "640399"


def yen(amount: str) -> Money:
    return Money(amount, "JPY")


def quote(value: str, *, hs: str = TEXTILE_BAG, shipping: str = "0", incoterm: str = "DDP"):
    return landed_cost_quote(
        destination="JP",
        lines=[LandedCostLine(hs_code=hs, origin_country="CN", unit_value=yen(value))],
        shipping=yen(shipping),
        incoterm=incoterm,
        on=OCT,
    )


@pytest.mark.parametrize(
    ("hs", "duties", "taxes", "total"),
    [
        # knitted T-shirt (chapter 61, excluded): value 9000 x 60 % = 5400; duty 5400 x 9 % = 486;
        # tax (5400 + 486) x 10 % = 588.6 -> 588 (down); total 9000 + 486 + 588 = 10074
        (TSHIRT, "486", "588", "10074"),
        # leather bag (4202.21, excluded): duty 5400 x 3 % = 162; tax (5400 + 162) x 10 % = 556.2 -> 556;
        # total 9000 + 162 + 556 = 9718
        (LEATHER_BAG, "162", "556", "9718"),
        # leather shoes (6403.99, excluded): the same default 3 %: 162 and 556
        (LEATHER_SHOES, "162", "556", "9718"),
    ],
)
def test_goods_the_law_excludes_pay_under_jpy_10000(customs_rules, hs, duties, taxes, total):
    # given JPY 9,000 of goods on the exclusion list (Enforcement Order Art. 16-3)
    result = quote("9000", hs=hs)
    # then the ordinary rule applies, and the quote says why
    assert result.rule == "full_duty"
    assert (result.duties, result.taxes, result.total) == (yen(duties), yen(taxes), yen(total))
    assert "relief_excluded" in [note.code for note in result.notes]


def test_a_textile_bag_under_the_threshold_pays_nothing(customs_rules):
    # given a textile bag (4202.22, not on the list) at JPY 9,000: 5400 <= 10000
    result = quote("9000")
    assert (result.rule, result.duties, result.taxes, result.total) == (
        "de_minimis",
        yen("0"),
        yen("0"),
        yen("9000"),
    )


def test_the_taxable_value_of_a_personal_import_is_60_percent_of_retail(customs_rules):
    # given JPY 15,000 retail: 15000 x 60 % = 9000 taxable, under 10,000
    result = quote("15000")
    # then nothing is due
    assert (result.rule, result.duties, result.taxes, result.total) == (
        "de_minimis", yen("0"), yen("0"), yen("15000")
    )  # fmt: skip


def test_the_threshold_is_tested_on_the_cif_value_shipping_included(customs_rules):
    # given JPY 16,000 retail (9600 taxable, under 10,000 alone) and JPY 500 shipping: CIF 10100
    result = quote("16000", shipping="500")
    # then duty 10100 x 3 % = 303; tax (10100 + 303) x 10 % = 1040.3 -> 1040;
    # total 16000 + 500 + 303 + 1040 = 17843
    assert result.rule == "full_duty"
    assert (result.duties, result.taxes, result.total) == (yen("303"), yen("1040"), yen("17843"))
    assert result.figures[0].base == yen("10100")


def test_duty_and_tax_are_rounded_down(customs_rules):
    # given JPY 20,000 retail and JPY 1,258 shipping: CIF 12000 + 1258 = 13258
    result = quote("20000", shipping="1258")
    # then duty 13258 x 3 % = 397.74 -> 397 (not 398); tax (13258 + 397) x 10 % = 1365.5 -> 1365 (not 1366);
    # total 20000 + 1258 + 397 + 1365 = 23020
    assert (result.duties, result.taxes, result.total) == (yen("397"), yen("1365"), yen("23020"))


def test_the_rounding_rule_is_data(customs_rules):
    # given Japan's row switched to half up
    VatRate.objects.filter(country="JP").update(rounding=Rounding.HALF_UP)
    # when the same parcel is quoted
    result = quote("20000", shipping="1258")
    # then duty 397.74 -> 398; tax (13258 + 398) x 10 % = 1365.6 -> 1366
    assert (result.duties, result.taxes) == (yen("398"), yen("1366"))


@pytest.mark.parametrize(
    ("hs", "prefix", "value", "duties", "taxes", "total"),
    [
        # sake (2206, alcohol): JPY 5,000 retail x 60 % = 3000; duty 3000 x 3 % (default, an estimate) = 90;
        # tax (3000 + 90) x 10 % = 309; total 5000 + 90 + 309 = 5399
        ("220600", "2206", "5000", "90", "309", "5399"),
        # cigarettes (chapter 24): 3000 x 60 % = 1800; duty 1800 x 3 % = 54; tax 1854 x 10 % = 185.4 -> 185;
        # total 3000 + 54 + 185 = 3239
        ("240220", "24", "3000", "54", "185", "3239"),
    ],
)
def test_alcohol_and_tobacco_leave_the_exemption_and_their_excise_is_not_modelled(
    customs_rules, hs, prefix, value, duties, taxes, total
):
    # given excise goods far under JPY 10,000
    result = quote(value, hs=hs)
    # then the ordinary rule, the quote says excise (liquor or tobacco tax) is not modelled, and that the
    # exclusion itself is an estimate (its place on the Enforcement Order's list is to confirm)
    assert result.rule == "full_duty"
    assert (result.duties, result.taxes, result.total) == (yen(duties), yen(taxes), yen(total))
    codes = [note.code for note in result.notes]
    assert codes[:2] == ["excise_not_modelled", "relief_excluded"]
    assert f"Estimate: goods of HS {prefix} are left out of the low-value relief; this is not confirmed." in [
        str(note.text) for note in result.notes
    ]
    assert result.estimate

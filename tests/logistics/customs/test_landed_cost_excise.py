"""Excise goods (alcohol, HS 2203-2208; tobacco, chapter 24) are outside the EU's IOSS, the UK's GBP 135
collection at sale and the low-value duty reliefs: they take the ordinary import rule, and the quote says the
excise duty itself is not modelled.

Seeded: EU and UK default duty 4 % (an estimate: no row for chapters 22 and 24), Germany's VAT 19 %, the UK's
20 % with a GBP 8 carrier fee on delivery, Canada's default 6 % and GST 5 %. No conversion needed.
"""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)
WINE, BEER, WHISKY, CIGARETTES, SOFT_DRINK, VINEGAR = (
    "220421",
    "220300",
    "220830",
    "240220",
    "220210",
    "220900",
)


def quote(destination: str, value: Money, hs: str, shipping: Money, incoterm: str = "DDP"):
    return landed_cost_quote(
        destination=destination,
        # a Swiss wine merchant's goods, shipped from Switzerland
        lines=[LandedCostLine(hs_code=hs, origin_country="CH", unit_value=value)],
        shipping=shipping,
        incoterm=incoterm,
        on=OCT,
    )


def codes(result) -> list[str]:
    return [note.code for note in result.notes]


def test_wine_to_germany_pays_duty_and_vat_at_import(customs_rules):
    # given EUR 30 of wine, EUR 5 shipping, DAP (under EUR 150: IOSS and the flat duty would apply)
    result = quote("DE", Money("30.00", "EUR"), WINE, Money("5.00", "EUR"), incoterm="DAP")
    # then the ordinary rule: duty (30 + 5) x 4 % = 1.40; VAT (30 + 5 + 1.40) x 19 % = 6.916 -> 6.92;
    # both paid on delivery: 8.32; at checkout only goods and shipping: 35.00
    assert result.rule == "full_duty"
    assert (result.duties, result.taxes) == (Money("1.40", "EUR"), Money("6.92", "EUR"))
    assert (result.due_at_checkout, result.due_on_delivery) == (Money("35.00", "EUR"), Money("8.32", "EUR"))
    assert not result.duties_at_checkout and not result.taxes_at_checkout
    assert "excise_not_modelled" in codes(result)


def test_beer_to_the_uk_is_not_a_collection_at_sale_basket(customs_rules):
    # given GBP 20 of beer, GBP 5 shipping, DDP
    result = quote("GB", Money("20.00", "GBP"), BEER, Money("5.00", "GBP"))
    # then duty (20 + 5) x 4 % = 1.00; VAT (25 + 1) x 20 % = 5.20; all at checkout (DDP), no carrier fee
    assert result.rule == "full_duty"
    assert (result.duties, result.taxes, result.fees) == (
        Money("1.00", "GBP"), Money("5.20", "GBP"), Money("0", "GBP")
    )  # fmt: skip
    assert str(result.notes[0].text) == (
        "Excise duty not modelled: alcohol, tobacco and other excise goods pay excise duty on import, which "
        "this estimate does not include."
    )


def test_beer_to_the_uk_under_dap_pays_the_carrier_with_its_fee(customs_rules):
    # the same: 1.00 + 5.20 + GBP 8 fee on delivery = 14.20
    result = quote("GB", Money("20.00", "GBP"), BEER, Money("5.00", "GBP"), incoterm="DAP")
    assert result.due_on_delivery == Money("14.20", "GBP")


@pytest.mark.parametrize("hs", [WINE, BEER, WHISKY, CIGARETTES])
def test_every_excise_good_leaves_the_eu_relief(customs_rules, hs):
    result = quote("DE", Money("30.00", "EUR"), hs, Money("0", "EUR"))
    assert result.rule == "full_duty" and "excise_not_modelled" in codes(result)


@pytest.mark.parametrize("hs", [SOFT_DRINK, VINEGAR])
def test_the_headings_beside_2203_2208_keep_the_relief(customs_rules, hs):
    # 2202 (soft drinks) and 2209 (vinegar) are not excise goods: VAT at sale, EUR 3 flat duty
    result = quote("DE", Money("30.00", "EUR"), hs, Money("0", "EUR"))
    assert result.rule == "collection_at_sale" and "excise_not_modelled" not in codes(result)


def test_whisky_to_canada_leaves_the_cad_20_threshold(customs_rules):
    # given CAD 15 of whisky (under CAD 20): duty 15 x 6 % = 0.90; GST (15 + 0.90) x 5 % = 0.795 -> 0.80
    result = quote("CA", Money("15.00", "CAD"), WHISKY, Money("0", "CAD"))
    assert (result.rule, result.duties, result.taxes) == (
        "full_duty",
        Money("0.90", "CAD"),
        Money("0.80", "CAD"),
    )


def test_an_excise_good_with_other_goods_takes_the_whole_parcel_out_of_the_relief(customs_rules):
    # given a EUR 20 T-shirt and EUR 10 of wine in one parcel to Germany
    lines = [
        LandedCostLine(hs_code="610910", origin_country="CN", unit_value=Money("20.00", "EUR")),
        LandedCostLine(hs_code=WINE, origin_country="FR", unit_value=Money("10.00", "EUR")),
    ]
    result = landed_cost_quote(
        destination="DE", lines=lines, shipping=Money("0", "EUR"), incoterm="DDP", on=OCT, origin="CH"
    )
    # then T-shirt 20 x 12 % (TARIC 6109) = 2.40 + wine 10 x 4 % = 0.40: 2.80;
    # VAT (30 + 2.80) x 19 % = 6.232 -> 6.23
    assert (result.rule, result.duties, result.taxes) == (
        "full_duty",
        Money("2.80", "EUR"),
        Money("6.23", "EUR"),
    )

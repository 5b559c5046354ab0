"""Landed cost at its edges: quantities, a value under one unit, HS codes written with dots, the parcel's own
origin, the quote date's rates, what the quote says about itself, and the field a missing rate names.

Worked by hand with the seeded rules and the ECB rates of the day: 1 EUR = 1.1172 USD on 2026-10-30 and
1.1394 USD on 2026-06-30. EU T-shirts (HS 6109.10) pay 12 % above EUR 150; up to EUR 150 the EU collects VAT
at sale and, from 2026-07-01, a flat EUR 3 duty per tariff subheading. Germany's VAT is 19 %.
"""

from datetime import date

import pytest

from ewtp.countries import CountryCodeError
from ewtp.money import Money
from logistics.customs.errors import LandedCostRateMissingError
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote
from logistics.incoterms import Incoterm

OCT = date(2026, 10, 30)
JUNE = date(2026, 6, 30)
TSHIRT = "610910"


def line(value: str, currency: str = "EUR", *, hs: str = TSHIRT, origin: str = "CN", quantity: int = 1):
    return LandedCostLine(
        hs_code=hs, origin_country=origin, unit_value=Money(value, currency), quantity=quantity
    )


def test_the_quantity_multiplies_the_value_and_can_cross_a_band(customs_rules, quote_rates):
    # given two T-shirts at EUR 80.00: 160.00, over the EU's EUR 150
    quote = landed_cost_quote(
        destination="DE",
        lines=[line("80.00", quantity=2)],
        shipping=Money("0", "EUR"),
        incoterm="DDP",
        on=OCT,
    )
    # then full duty: 160 x 12 % = 19.20; VAT (160 + 19.20) x 19 % = 34.048 -> 34.05; total 213.25
    assert quote.rule == "full_duty"
    assert (quote.goods, quote.duties, quote.taxes, quote.total) == (
        Money("160.00", "EUR"), Money("19.20", "EUR"), Money("34.05", "EUR"), Money("213.25", "EUR")
    )  # fmt: skip


def test_a_line_worth_less_than_one_unit_is_quoted(customs_rules, quote_rates):
    # given a EUR 0.50 sticker (above zero, below one euro)
    quote = landed_cost_quote(
        destination="DE", lines=[line("0.50")], shipping=Money("0", "EUR"), incoterm="DDP", on=OCT
    )
    # then EUR 3 flat duty, VAT (0.50 + 3.00) x 19 % = 0.665 -> 0.67
    assert (quote.goods, quote.duties, quote.taxes) == (
        Money("0.50", "EUR"), Money("3.00", "EUR"), Money("0.67", "EUR")
    )  # fmt: skip


@pytest.mark.parametrize("written", ["6109.10", "6109 10", " 610910 "])
def test_an_hs_code_written_with_dots_or_spaces_is_read_as_its_digits(customs_rules, quote_rates, written):
    # given a T-shirt to the UK over GBP 135, its code written as people write it
    quote = landed_cost_quote(
        destination="GB", lines=[line("200.00", "GBP", hs=written)], shipping=Money("0", "GBP"),
        incoterm="DDP", on=OCT,
    )  # fmt: skip
    # then it is HS 610910 at the UK's 12 %: 200 x 12 % = 24.00
    duty = quote.figures[0]
    assert (duty.label, duty.amount) == ("Duty line 1 (HS 610910)", Money("24.00", "GBP"))


def test_a_trade_agreement_needs_both_the_parcels_origin_and_the_goods_origin(customs_rules, quote_rates):
    # given goods worth MXN 900 (900 x 1.1172 / 21.1237 = USD 47.60) shipped to Mexico
    def quote(goods_origin, **origin):
        return landed_cost_quote(
            destination="MX", lines=[line("900.00", "MXN", origin=goods_origin)], shipping=Money("0", "MXN"),
            incoterm="DDP", on=OCT, **origin,
        )  # fmt: skip

    # then US goods shipped from the US are under the USMCA's USD 50: free; Chinese goods shipped from the
    # US, or from China (the goods' origin, the default), take the courier rate: 900 x 33.5 % = 301.50
    us_goods, cn_goods_from_us, from_china = quote("US", origin="US"), quote("CN", origin="US"), quote("CN")
    assert (us_goods.rule, us_goods.duties) == ("de_minimis", Money("0", "MXN"))
    assert (cn_goods_from_us.rule, cn_goods_from_us.duties) == ("flat_rate", Money("301.50", "MXN"))
    assert (from_china.rule, from_china.duties) == ("flat_rate", Money("301.50", "MXN"))


def test_a_quote_uses_the_rates_of_its_own_date_not_todays(customs_rules, quote_rates):
    # given a USD 100 T-shirt to Germany quoted for 2026-06-30 (1 EUR = 1.1394 USD that day)
    quote = landed_cost_quote(
        destination="DE", lines=[line("100.00", "USD")], shipping=Money("0", "USD"), incoterm="DDP", on=JUNE
    )
    # then 1 / 1.1394 = 0.877654906091; 100 USD -> 87.7654... -> EUR 87.77 (not 89.51 at October's 1.1172);
    # before the flat duty: no duty; VAT 87.77 x 19 % = 16.6763 -> 16.68
    assert (quote.goods, quote.duties, quote.taxes) == (
        Money("87.77", "EUR"), Money("0", "EUR"), Money("16.68", "EUR")
    )  # fmt: skip
    assert quote.fx_rate_date == JUNE


def test_a_quote_without_conversion_has_no_rate_date(customs_rules, quote_rates):
    quote = landed_cost_quote(
        destination="DE", lines=[line("10.00")], shipping=Money("0", "EUR"), incoterm="DDP", on=OCT
    )
    assert quote.fx_rate_date is None


@pytest.mark.parametrize(
    ("incoterm", "value", "rule", "duties_at_checkout", "taxes_at_checkout"),
    [
        # DDP: the seller pays both at checkout
        (Incoterm.DDP, "200.00", "full_duty", True, True),
        # DAP over EUR 150: both wait for the carrier
        (Incoterm.DAP, "200.00", "full_duty", False, False),
        # DAP up to EUR 150: the EU collects VAT at sale, and the flat duty with it (never split)
        (Incoterm.DAP, "100.00", "collection_at_sale", True, True),
    ],
)
def test_the_quote_says_what_it_is_for_and_who_collects_what(
    customs_rules, quote_rates, incoterm, value, rule, duties_at_checkout, taxes_at_checkout
):
    # given a destination written in lower case and an Incoterm member
    quote = landed_cost_quote(
        destination="de", lines=[line(value)], shipping=Money("0", "EUR"), incoterm=incoterm, on=OCT
    )
    # then the quote names its destination, date and incoterm as plain values
    assert (quote.destination, quote.on, quote.incoterm, quote.currency) == ("DE", OCT, str(incoterm), "EUR")
    assert type(quote.incoterm) is str
    assert (quote.rule, quote.duties_at_checkout, quote.taxes_at_checkout) == (
        rule, duties_at_checkout, taxes_at_checkout
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "shipping", "field"),
    [
        # the second line is in Kenyan shillings, which the ECB does not publish
        ([line("10.00"), line("1000.00", "KES")], Money("0", "EUR"), "lines[1].unit_value"),
        ([line("10.00")], Money("500.00", "KES"), "shipping"),
    ],
)
def test_a_missing_rate_names_the_line_or_the_shipping_it_was_needed_for(
    customs_rules, quote_rates, lines, shipping, field
):
    with pytest.raises(LandedCostRateMissingError) as missing:
        landed_cost_quote(destination="DE", lines=lines, shipping=shipping, incoterm="DDP", on=OCT)
    assert list(missing.value.details) == [field]


def test_an_unknown_origin_is_refused_naming_the_origin(customs_rules):
    with pytest.raises(CountryCodeError) as refused:
        landed_cost_quote(
            destination="DE", lines=[line("10.00")], shipping=Money("0", "EUR"), incoterm="DDP", on=OCT,
            origin="XX",
        )  # fmt: skip
    assert refused.value.details == {"origin": "Unknown country code."}

"""Who collects, and on what value: Norway's VOEC limit per item, Switzerland's VAT at sale by platforms
(no CHF 5 exemption for them), and the EU's EUR 3 duty collected with the VAT from 2026-07-01.

Seeded: Norway VAT 25 %, duty chapter 61 10.7 % (an estimate); Switzerland VAT 8.1 %, duty 0 % (an
estimate: agricultural duties by weight are not modelled); Germany VAT 19 %. No conversion needed.
"""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)


def tshirt(value: str, currency: str, quantity: int = 1) -> LandedCostLine:
    return LandedCostLine(
        hs_code="610910", origin_country="CN", unit_value=Money(value, currency), quantity=quantity
    )


def quote(destination, lines, shipping, incoterm="DDP", on=OCT):
    return landed_cost_quote(
        destination=destination, lines=lines, shipping=shipping, incoterm=incoterm, on=on
    )


def nok(amount: str) -> Money:
    return Money(amount, "NOK")


@pytest.mark.parametrize(
    "lines",
    [[tshirt("2000.00", "NOK", quantity=2)], [tshirt("2000.00", "NOK"), tshirt("2000.00", "NOK")]],
    ids=["one-line-of-two", "two-lines"],
)
def test_norway_tests_voec_per_item_not_per_basket(customs_rules, lines):
    # given two items at NOK 2,000 (NOK 4,000 together): each is under NOK 3,000
    result = quote("NO", lines, nok("0"), incoterm="DAP")
    # then VOEC: VAT 4000 x 25 % = 1000.00 at sale, no duty, nothing on delivery
    assert (result.rule, result.duties, result.taxes) == ("collection_at_sale", nok("0"), nok("1000.00"))
    assert (result.due_at_checkout, result.due_on_delivery) == (nok("5000.00"), nok("0"))


def test_norway_one_item_of_nok_3000_takes_the_parcel_through_customs(customs_rules):
    # given items of NOK 3,000 and NOK 100
    result = quote("NO", [tshirt("3000.00", "NOK"), tshirt("100.00", "NOK")], nok("0"))
    # then duty (3000 + 100) x 10.7 % = 331.70; VAT (3100 + 331.70) x 25 % = 857.925 -> 857.93
    assert (result.rule, result.duties, result.taxes) == ("full_duty", nok("331.70"), nok("857.93"))


@pytest.mark.parametrize("incoterm", ["DDP", "DAP"])
def test_switzerland_platforms_charge_vat_at_sale_even_under_chf_5(customs_rules, incoterm):
    # given CHF 40 of goods: VAT 40 x 8.1 % = 3.24, under CHF 5
    result = quote("CH", [tshirt("40.00", "CHF")], Money("0", "CHF"), incoterm=incoterm)
    # then it is charged at sale (VAT Act Art. 7 para. 3 let. b; Art. 20a from 2025-01-01), not waived
    assert (result.rule, result.taxes) == ("collection_at_sale", Money("3.24", "CHF"))
    assert (result.due_at_checkout, result.due_on_delivery) == (Money("43.24", "CHF"), Money("0", "CHF"))
    assert "Art. 20a" in result.rule_source and result.rule_valid_from == date(2025, 1, 1)


def test_switzerland_before_2025_waived_chf_5_or_less(customs_rules):
    # the same CHF 40 on 2024-12-31: 3.24 <= 5, nothing levied
    result = quote("CH", [tshirt("40.00", "CHF")], Money("0", "CHF"), on=date(2024, 12, 31))
    assert (result.rule, result.taxes, result.total) == (
        "full_duty",
        Money("0", "CHF"),
        Money("40.00", "CHF"),
    )


@pytest.mark.parametrize(
    ("incoterm", "value", "at_checkout", "on_delivery"),
    [
        # EUR 100 (under 150), DAP: duty 3.00 and VAT (100 + 3) x 19 % = 19.57 both at checkout: 122.57
        ("DAP", "100.00", "122.57", "0"),
        ("DDP", "100.00", "122.57", "0"),
        # EUR 200 (over 150), DAP: duty 200 x 12 % = 24.00, VAT (224) x 19 % = 42.56, both on delivery
        ("DAP", "200.00", "200.00", "66.56"),
    ],
)
def test_the_eu_flat_duty_and_its_vat_are_never_split(
    customs_rules, incoterm, value, at_checkout, on_delivery
):
    result = quote("DE", [tshirt(value, "EUR")], Money("0", "EUR"), incoterm=incoterm)
    assert (result.due_at_checkout, result.due_on_delivery) == (
        Money(at_checkout, "EUR"),
        Money(on_delivery, "EUR"),
    )
    assert result.duties_at_checkout == result.taxes_at_checkout

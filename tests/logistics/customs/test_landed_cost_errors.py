"""Bad input and missing data: clear errors naming the field, never a half-made quote."""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostError, LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)


def quote(**overrides):
    arguments = {
        "destination": "DE",
        "lines": [LandedCostLine(hs_code="610910", origin_country="CN", unit_value=Money("10.00", "EUR"))],
        "shipping": Money("0", "EUR"),
        "incoterm": "DDP",
        "on": OCT,
    } | overrides
    return landed_cost_quote(**arguments)


def bad_line(**overrides):
    fields = {"hs_code": "610910", "origin_country": "CN", "unit_value": Money("10.00", "EUR")} | overrides
    return LandedCostLine(**fields)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"lines": []}, "lines"),
        ({"lines": [bad_line(), bad_line(hs_code="")]}, "lines[1].hs_code"),
        ({"lines": [bad_line(hs_code="6109")]}, "lines[0].hs_code"),
        ({"lines": [bad_line(origin_country="")]}, "lines[0].origin_country"),
        ({"lines": [bad_line(), bad_line(), bad_line(unit_value=Money("0", "EUR"))]}, "lines[2].unit_value"),
        ({"lines": [bad_line(quantity=0)]}, "lines[0].quantity"),
        ({"incoterm": "EXW"}, "incoterm"),
        ({"shipping": Money("-1", "EUR")}, "shipping"),
        ({"destination": "KE"}, "destination"),  # no rules for Kenya
        ({"destination": "ZZ"}, "destination"),
        ({"on": date(2020, 1, 1)}, "destination"),  # before the EU rules in seeds
    ],
)
def test_bad_input_is_refused_naming_the_field(customs_rules, overrides, field):
    with pytest.raises(Exception) as caught:
        quote(**overrides)
    assert field in caught.value.details, caught.value.details
    assert caught.value.message


def test_a_threshold_currency_without_a_rate_is_a_clear_error(customs_rules):
    # given no exchange rates at all, and a Brazilian basket in BRL whose limits are in USD
    line = LandedCostLine(hs_code="610910", origin_country="CN", unit_value=Money("100.00", "BRL"))
    # when / then
    with pytest.raises(LandedCostError) as caught:
        landed_cost_quote(destination="BR", lines=[line], shipping=Money("0", "BRL"), incoterm="DDP", on=OCT)
    assert caught.value.code == "fx_rate_missing"
    assert "threshold.currency" in caught.value.details and "USD" in caught.value.message


def test_a_quote_costs_the_same_queries_for_3_lines_and_for_30(
    customs_rules, quote_rates, django_assert_num_queries
):
    # given
    three = [
        bad_line(hs_code=code, unit_value=Money("3.00", "USD")) for code in ("610910", "420222", "090121")
    ]
    # when / then: the rules (3 queries) and the rate table (1), whatever the number of lines
    with django_assert_num_queries(4):
        small = quote(lines=three)
    with django_assert_num_queries(4):
        large = quote(lines=three * 10)
    assert large.goods == small.goods * 10

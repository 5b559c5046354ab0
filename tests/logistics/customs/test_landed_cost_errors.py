"""Bad input and missing data: clear errors naming the field, never a half-made quote."""

import json
from datetime import date

import pytest

from ewtp.countries import CountryCodeError
from ewtp.errors import ApplicationError
from ewtp.http_errors import application_error_response
from ewtp.money import Money
from logistics.customs.errors import (
    LandedCostError,
    LandedCostHsCodeError,
    LandedCostInputError,
    LandedCostRateMissingError,
    NoDutyRateError,
    NoImportRulesError,
)
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote
from logistics.customs.rules_models import DutyRate, ImportRule

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
    # when / then: the rules (5 queries) and the rate table (1), whatever the number of lines
    with django_assert_num_queries(6):
        small = quote(lines=three)
    with django_assert_num_queries(6):
        large = quote(lines=three * 10)
    assert large.goods == small.goods * 10


@pytest.mark.parametrize(
    ("overrides", "error_class", "field", "status"),
    [
        ({"destination": "KE"}, NoImportRulesError, "destination", 404),  # no rules for Kenya
        ({"on": date(2020, 1, 1)}, NoImportRulesError, "destination", 404),  # before the EU rules in seeds
        ({"lines": [bad_line(hs_code="6109")]}, LandedCostHsCodeError, "lines[0].hs_code", 422),
        ({"lines": [bad_line(hs_code="")]}, LandedCostHsCodeError, "lines[0].hs_code", 422),
        ({"lines": [bad_line(quantity=0)]}, LandedCostInputError, "lines[0].quantity", 422),
        ({"lines": [bad_line(quantity=True)]}, LandedCostInputError, "lines[0].quantity", 422),
        ({"lines": [bad_line(unit_value=Money("0", "EUR"))]}, LandedCostInputError, "lines[0].unit_value",
         422),
        ({"lines": []}, LandedCostInputError, "lines", 422),
        ({"incoterm": "EXW"}, LandedCostInputError, "incoterm", 422),
        ({"shipping": Money("-1", "EUR")}, LandedCostInputError, "shipping", 422),
        ({"destination": "ZZ"}, CountryCodeError, "destination", 422),  # the kernel's check, before any rule
    ],
)  # fmt: skip
def test_each_failure_is_its_own_class_naming_the_field_with_its_status(
    customs_rules, overrides, error_class, field, status
):
    # when
    with pytest.raises(ApplicationError) as caught:
        quote(**overrides)
    # then: callers tell the failures apart by class, never by code or by the keys of details
    assert type(caught.value) is error_class
    assert field in caught.value.details
    response = application_error_response(caught.value)
    assert response.status_code == status
    assert field in json.loads(response.content)["error"]["fields"]


def test_bad_input_and_missing_rules_are_both_landed_cost_errors(customs_rules):
    """One except clause still catches every reason a quote is unavailable."""
    for overrides in ({"destination": "KE"}, {"lines": [bad_line(quantity=0)]}):
        with pytest.raises(LandedCostError):
            quote(**overrides)


def test_a_missing_exchange_rate_is_a_rate_missing_error_answered_404(customs_rules):
    # given no exchange rates at all, and a Brazilian basket in BRL whose limits are in USD
    line = LandedCostLine(hs_code="610910", origin_country="CN", unit_value=Money("100.00", "BRL"))
    # when
    with pytest.raises(LandedCostRateMissingError) as caught:
        landed_cost_quote(destination="BR", lines=[line], shipping=Money("0", "BRL"), incoterm="DDP", on=OCT)
    # then
    response = application_error_response(caught.value)
    assert response.status_code == 404
    assert json.loads(response.content)["error"]["code"] == "fx_rate_missing"
    assert "threshold.currency" in json.loads(response.content)["error"]["fields"]


def test_no_regime_covering_the_value_is_a_no_import_rules_error(customs_rules):
    # given Germany's VAT in force but neither Germany's nor the EU's import regimes
    ImportRule.objects.filter(country__in=["DE", "EU"]).delete()
    # when
    with pytest.raises(NoImportRulesError) as caught:
        quote()
    # then
    assert caught.value.details == {"destination": "No rule in force."}
    assert application_error_response(caught.value).status_code == 404


def test_a_tariff_without_any_duty_rate_is_a_no_duty_rate_error(customs_rules):
    # given the US tariff regime in force on 2026-10-30 but none of the US duty rates
    DutyRate.objects.filter(country="US").delete()
    line = bad_line(unit_value=Money("10.00", "USD"))
    # when
    with pytest.raises(NoDutyRateError) as caught:
        quote(destination="US", lines=[line], shipping=Money("0", "USD"))
    # then
    assert caught.value.details == {"lines[0].hs_code": "No duty rate."}
    assert application_error_response(caught.value).status_code == 404

"""What a refused landed-cost quote says: the message a person reads (naming the line, counted from 1) and the
text beside the field (counted from 0, as the API's fields are), for each refusal."""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.errors import LandedCostError
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote
from logistics.customs.rules_models import DutyRate, ImportRule

OCT = date(2026, 10, 30)


def line(**overrides) -> LandedCostLine:
    fields = {"hs_code": "610910", "origin_country": "CN", "unit_value": Money("10.00", "EUR")} | overrides
    return LandedCostLine(**fields)


@pytest.mark.parametrize(
    ("overrides", "message", "details"),
    [
        (
            {"lines": [line(), line(hs_code="6109")]},
            "Line 2 needs an HS code of 6 to 10 digits.",
            {"lines[1].hs_code": "An HS code of 6 to 10 digits is required."},
        ),
        (
            {"lines": [line(), line(), line(unit_value=Money("0", "EUR"))]},
            "Line 3 needs a value above zero.",
            {"lines[2].unit_value": "Must be > 0."},
        ),
        (
            {"lines": [line(), line(quantity=0)]},
            "Line 2 needs a quantity of at least 1.",
            {"lines[1].quantity": "Must be >= 1."},
        ),
        (
            {"incoterm": "EXW"},
            "Landed cost is quoted for DDP or DAP.",
            {"incoterm": "'EXW' is not DDP or DAP."},
        ),
        ({"lines": []}, "A landed-cost quote needs at least one line.", {"lines": "Empty."}),
        (
            {"shipping": Money("-0.01", "EUR")},
            "Shipping must be an amount of zero or more.",
            {"shipping": "Must be >= 0."},
        ),
        (
            {"destination": "KE"},
            "We have no import rules for KE on 2026-10-30.",
            {"destination": "No rules in force."},
        ),
    ],
)
def test_each_refusal_says_what_is_wrong_and_where(customs_rules, overrides, message, details):
    arguments = {
        "destination": "DE",
        "lines": [line()],
        "shipping": Money("0", "EUR"),
        "incoterm": "DDP",
        "on": OCT,
    } | overrides
    with pytest.raises(LandedCostError) as refused:
        landed_cost_quote(**arguments)
    assert (refused.value.message, refused.value.details) == (message, details)


def test_a_missing_rate_says_which_currency_has_none(customs_rules, quote_rates):
    # given a second line in Kenyan shillings, which the ECB does not publish
    lines = [line(), line(unit_value=Money("1000.00", "KES"))]
    # when
    with pytest.raises(LandedCostError) as refused:
        landed_cost_quote(destination="DE", lines=lines, shipping=Money("0", "EUR"), incoterm="DDP", on=OCT)
    # then the message names the conversion, the line, and the currency without a rate; the field, the reason
    assert refused.value.message == (
        "Cannot convert KES into EUR for lines[1].unit_value: no KES exchange rate on or before 2026-10-30."
    )
    assert refused.value.details == {"lines[1].unit_value": "No KES exchange rate on or before 2026-10-30."}


def test_no_band_or_no_duty_rate_says_so(customs_rules, quote_rates):
    # given Germany's regimes gone, then the US's duty rates gone
    ImportRule.objects.filter(country__in=["DE", "EU"]).delete()
    DutyRate.objects.filter(country="US").delete()
    usd = Money("10.00", "USD")
    # when / then
    with pytest.raises(LandedCostError) as no_band:
        landed_cost_quote(
            destination="DE", lines=[line()], shipping=Money("0", "EUR"), incoterm="DDP", on=OCT
        )
    assert no_band.value.message == "No import rule covers this consignment on that date."
    with pytest.raises(LandedCostError) as no_rate:
        landed_cost_quote(
            destination="US", lines=[line(), line(unit_value=usd)], shipping=usd, incoterm="DDP", on=OCT
        )
    assert no_rate.value.message == "No duty rate is known for this destination."
    assert no_rate.value.details == {"lines[0].hs_code": "No duty rate."}


@pytest.mark.parametrize(
    ("overrides", "msgid"),
    [
        ({"lines": [line(unit_value=Money("0", "EUR"))]}, "Line {line} needs a value above zero."),
        ({"lines": [line(quantity=0)]}, "Line {line} needs a quantity of at least 1."),
        ({"incoterm": "EXW"}, "Landed cost is quoted for DDP or DAP."),
        ({"lines": []}, "A landed-cost quote needs at least one line."),
        ({"shipping": Money("-1.00", "EUR")}, "Shipping must be an amount of zero or more."),
    ],
)
def test_each_refusal_message_goes_through_gettext(monkeypatch, overrides, msgid):
    # given gettext that marks what it was asked for (the catalogues do not have these msgids yet)
    monkeypatch.setattr("logistics.customs.landed_cost.gettext", lambda text: f"[{text}]")
    request = {"destination": "DE", "lines": [line()], "shipping": Money("0", "EUR"), "incoterm": "DDP"}
    # when / then the message a person reads is the msgid, as gettext gave it back
    with pytest.raises(LandedCostError) as refused:
        landed_cost_quote(**(request | overrides), on=OCT)
    assert refused.value.message == f"[{msgid}]".format(line=1)

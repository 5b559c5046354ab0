"""The landed-cost engine: duties, import VAT/GST and fees for a basket shipped to a destination on a date.

All figures are in the destination's currency. Lines are converted from their own currency with the ECB
rates of the quote date (each converted line rounded: the boundary where an amount changes currency), and
each figure (duty, tax, fee) is computed exactly and rounded once, ROUND_HALF_UP, so total = the sum of the
rounded figures. Band limits in another currency (EUR 150 for Sweden, USD 50 for Brazil) are compared with
the basket converted into that currency with the same day's rates.

The quote is made in named steps: the request checked, the rules in force found, the basket converted, the
regime picked by value, then duty (landed_cost_duties.py), tax, and who collects what, when.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ewtp.countries import country_code_validate
from ewtp.fx.conversion import RateTable, fx_rate_table
from ewtp.money import Money
from logistics.customs.errors import LandedCostHsCodeError, LandedCostInputError, NoImportRulesError
from logistics.customs.landed_cost_basket import Basket, Converter, Figure
from logistics.customs.landed_cost_duties import (
    Charge,
    collection_split,
    duty_compute,
    minimum_apply,
    rule_pick,
    tax_compute,
)
from logistics.customs.landed_cost_rules import RulesInForce, landed_cost_rules_get
from logistics.customs.rules_models import ImportRegime
from logistics.incoterms import Incoterm

LANDED_COST_INCOTERMS = (Incoterm.DDP, Incoterm.DAP)


@dataclass(frozen=True, slots=True)
class LandedCostLine:
    hs_code: str
    origin_country: str
    unit_value: Money
    quantity: int = 1


@dataclass(frozen=True, slots=True)
class LandedCostQuote:
    destination: str
    currency: str
    on: date
    incoterm: str
    rule: str  # ImportRegime value: de_minimis, collection_at_sale, full_duty, flat_rate
    rule_label: str
    rule_source: str
    rule_valid_from: date
    goods: Money
    shipping: Money
    duties: Money
    taxes: Money
    fees: Money
    total: Money
    due_at_checkout: Money  # goods, shipping, and whatever duties and taxes are collected at sale
    due_on_delivery: Money  # what the buyer pays the carrier (DAP)
    estimate: bool
    duties_at_checkout: bool  # else on delivery, as the carrier's fee always is
    taxes_at_checkout: bool
    figures: list[Figure] = field(default_factory=list)
    fx_rate_date: date | None = None


@dataclass(frozen=True, slots=True)
class _Request:
    """The quote's input once checked: countries upper-cased, HS codes without dots or spaces."""

    destination: str
    origin: str
    hs_codes: list[str]


def _line_check(line: LandedCostLine, *, index: int) -> str:
    code = re.sub(r"[\s.]", "", line.hs_code or "")
    if not re.fullmatch(r"\d{6,10}", code):
        raise LandedCostHsCodeError(
            f"Line {index + 1} needs an HS code of 6 to 10 digits.",
            details={f"lines[{index}].hs_code": "An HS code of 6 to 10 digits is required."},
        )
    country_code_validate(line.origin_country, field=f"lines[{index}].origin_country")
    if not isinstance(line.unit_value, Money) or line.unit_value.amount <= 0:
        raise LandedCostInputError(
            f"Line {index + 1} needs a value above zero.",
            details={f"lines[{index}].unit_value": "Must be > 0."},
        )
    if isinstance(line.quantity, bool) or not isinstance(line.quantity, int) or line.quantity < 1:
        raise LandedCostInputError(
            f"Line {index + 1} needs a quantity of at least 1.",
            details={f"lines[{index}].quantity": "Must be >= 1."},
        )
    return code


def _request_check(
    *, destination: str, lines: Sequence[LandedCostLine], shipping: Money, incoterm: str, origin: str | None
) -> _Request:
    """The input checked in the order a person reads it, the first fault raised naming its field."""
    destination = country_code_validate(destination, field="destination")
    if incoterm not in LANDED_COST_INCOTERMS:
        raise LandedCostInputError(
            "Landed cost is quoted for DDP or DAP.", details={"incoterm": f"{incoterm!r} is not DDP or DAP."}
        )
    if not lines:
        raise LandedCostInputError(
            "A landed-cost quote needs at least one line.", details={"lines": "Empty."}
        )
    hs_codes = [_line_check(line, index=i) for i, line in enumerate(lines)]
    if not isinstance(shipping, Money) or shipping.amount < 0:
        raise LandedCostInputError(
            "Shipping must be an amount of zero or more.", details={"shipping": "Must be >= 0."}
        )
    origin = country_code_validate(origin or lines[0].origin_country, field="origin")
    return _Request(destination=destination, origin=origin, hs_codes=hs_codes)


def _rules_in_force(*, destination: str, on: date) -> RulesInForce:
    rules = landed_cost_rules_get(country=destination, on=on)
    if rules.vat is None:
        raise NoImportRulesError(
            f"We have no import rules for {destination} on {on}.",
            details={"destination": "No rules in force."},
        )
    return rules


def _basket_convert(
    *, lines: Sequence[LandedCostLine], shipping: Money, currency: str, convert: Converter
) -> Basket:
    """The lines and shipping in the destination's currency, each converted amount rounded."""
    originals = [line.unit_value * line.quantity for line in lines]
    line_values = [
        convert(m, currency, field_name=f"lines[{i}].unit_value").round() for i, m in enumerate(originals)
    ]
    return Basket(
        currency=currency,
        originals=originals,
        shipping_original=shipping,
        line_values=line_values,
        goods=Money.sum(line_values, currency),
        shipping=convert(shipping, currency, field_name="shipping").round(),
        convert=convert,
    )


def landed_cost_quote(
    *,
    destination: str,
    lines: Sequence[LandedCostLine],
    shipping: Money,
    incoterm: str,
    on: date,
    origin: str | None = None,
    rates: RateTable | None = None,
) -> LandedCostQuote:
    """Duties, import VAT/GST, fees and total for `lines` shipped to `destination`, with the rules of `on`.

    `origin` is the country the parcel ships from (some regimes depend on it; default: the first line's
    origin). DDP: duties and taxes are added at checkout; DAP: they are shown as payable on delivery (taxes
    a regime collects at sale, such as IOSS, are at checkout either way). Raises a LandedCostError naming
    the field: LandedCostInputError for bad input (LandedCostHsCodeError for an HS code), NoImportRulesError
    for a destination without rules, NoDutyRateError, LandedCostRateMissingError for a missing exchange rate.
    """
    request = _request_check(
        destination=destination, lines=lines, shipping=shipping, incoterm=incoterm, origin=origin
    )
    rules = _rules_in_force(destination=request.destination, on=on)
    basket = _basket_convert(
        lines=lines, shipping=shipping, currency=rules.vat.currency,
        convert=Converter(rates or fx_rate_table(on=on)),
    )  # fmt: skip
    rule = rule_pick(rules, origin=request.origin, basket=basket)
    duty = duty_compute(rule, rules=rules, basket=basket, hs_codes=request.hs_codes)
    tax = tax_compute(rule, vat=rules.vat, basket=basket, duties=duty.amount)
    duty, tax, not_levied = minimum_apply(rule, basket=basket, duty=duty, tax=tax)
    collection = collection_split(
        rule, incoterm=incoterm, basket=basket, duties=duty.amount, taxes=tax.amount
    )
    charges: list[Charge] = [duty, tax, not_levied, collection.fee]
    return LandedCostQuote(
        destination=request.destination,
        currency=basket.currency,
        on=on,
        incoterm=str(incoterm),
        rule=rule.regime,
        rule_label=ImportRegime(rule.regime).label,
        rule_source=rule.source,
        rule_valid_from=rule.valid_from,
        goods=basket.goods,
        shipping=basket.shipping,
        duties=duty.amount,
        taxes=tax.amount,
        fees=collection.fee.amount,
        total=basket.goods + basket.shipping + duty.amount + tax.amount + collection.fee.amount,
        due_at_checkout=basket.goods + basket.shipping + collection.at_checkout,
        due_on_delivery=collection.on_delivery,
        estimate=rule.estimate or any(charge.estimate for charge in charges),
        duties_at_checkout=collection.duties_at_checkout,
        taxes_at_checkout=collection.taxes_at_checkout,
        figures=[figure for charge in charges for figure in charge.figures],
        fx_rate_date=basket.convert.rate_date,
    )

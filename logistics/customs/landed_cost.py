"""The landed-cost engine: duties, import VAT/GST and fees for a basket shipped to a destination on a date.

All figures are in the destination's currency. Lines are converted from their own currency with the ECB
rates of the quote date (each converted line rounded: the boundary where an amount changes currency), and
each figure (duty, tax, fee) is computed exactly and rounded once, the destination's way (half up, or down
as Japan does: data in vat_rates.csv), so total = the sum of the rounded figures. Band limits in another
currency (EUR 150 for Sweden, USD 50 for Brazil) are compared with the basket converted into that currency
with the same day's rates.

The quote is made in named steps: the request checked, the rules in force found, the basket converted, the
regime picked by value, the goods and their origin, then duty (landed_cost_duties.py), tax (national and
the province's or state's, landed_cost_taxes.py), who collects what, when, and the notes the buyer reads
beside the figures (landed_cost_notes.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pycountry
from django.utils.translation import gettext

from ewtp.countries import country_code_validate
from ewtp.fx.conversion import RateTable, fx_rate_table
from ewtp.money import Money
from logistics.customs.errors import LandedCostHsCodeError, LandedCostInputError, NoImportRulesError
from logistics.customs.landed_cost_basket import Basket, Converter, Figure
from logistics.customs.landed_cost_duties import Charge, duty_compute, relief_exclusions, rule_pick
from logistics.customs.landed_cost_notes import QuoteNote, quote_notes
from logistics.customs.landed_cost_rules import RulesInForce, landed_cost_rules_get
from logistics.customs.landed_cost_taxes import collection_split, minimum_apply, tax_compute
from logistics.customs.rules_models import ImportRegime, VatRate
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
    rule: str  # ImportRegime value: de_minimis, collection_at_sale, duty_relief, full_duty, flat_rate
    rule_label: str  # lazily translated
    rule_source: str  # the law or authority, never a file
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
    subdivision: str | None = None  # ISO 3166-2 (CA-ON, BR-SP), when the quote was given one
    rule_source_url: str = ""
    notes: list[QuoteNote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Request:
    """The quote's input once checked: countries upper-cased, HS codes without dots or spaces."""

    destination: str
    origin: str
    hs_codes: list[str]
    subdivision: str | None


def _subdivision_check(subdivision: str | None, *, destination: str) -> str | None:
    if subdivision is None or subdivision == "":
        return None
    code = str(subdivision).strip().upper()
    if not code.startswith(f"{destination}-") or pycountry.subdivisions.get(code=code) is None:
        raise LandedCostInputError(
            gettext("The province or state must be an ISO 3166-2 code of the destination, such as CA-ON."),
            details={"subdivision": f"{subdivision!r} is not a subdivision of {destination}."},
        )
    return code


def _line_check(line: LandedCostLine, *, index: int) -> str:
    code = re.sub(r"[\s.]", "", line.hs_code or "")
    if not re.fullmatch(r"\d{6,10}", code):
        raise LandedCostHsCodeError(
            gettext("Line {line} needs an HS code of 6 to 10 digits.").format(line=index + 1),
            details={f"lines[{index}].hs_code": gettext("An HS code of 6 to 10 digits is required.")},
        )
    country_code_validate(line.origin_country, field=f"lines[{index}].origin_country")
    if not isinstance(line.unit_value, Money) or line.unit_value.amount <= 0:
        raise LandedCostInputError(
            gettext("Line {line} needs a value above zero.").format(line=index + 1),
            details={f"lines[{index}].unit_value": "Must be > 0."},
        )
    if isinstance(line.quantity, bool) or not isinstance(line.quantity, int) or line.quantity < 1:
        raise LandedCostInputError(
            gettext("Line {line} needs a quantity of at least 1.").format(line=index + 1),
            details={f"lines[{index}].quantity": "Must be >= 1."},
        )
    return code


def _request_check(
    *,
    destination: str,
    lines: Sequence[LandedCostLine],
    shipping: Money,
    incoterm: str,
    origin: str | None,
    subdivision: str | None,
) -> _Request:
    """The input checked in the order a person reads it, the first fault raised naming its field."""
    destination = country_code_validate(destination, field="destination")
    if incoterm not in LANDED_COST_INCOTERMS:
        raise LandedCostInputError(
            gettext("Landed cost is quoted for DDP or DAP."),
            details={"incoterm": f"{incoterm!r} is not DDP or DAP."},
        )
    if not lines:
        raise LandedCostInputError(
            gettext("A landed-cost quote needs at least one line."), details={"lines": "Empty."}
        )
    hs_codes = [_line_check(line, index=i) for i, line in enumerate(lines)]
    if not isinstance(shipping, Money) or shipping.amount < 0:
        raise LandedCostInputError(
            gettext("Shipping must be an amount of zero or more."),
            details={"shipping": "Must be >= 0."},
        )
    origin = country_code_validate(origin or lines[0].origin_country, field="origin")
    subdivision = _subdivision_check(subdivision, destination=destination)
    return _Request(destination=destination, origin=origin, hs_codes=hs_codes, subdivision=subdivision)


def _rules_in_force(*, destination: str, on: date) -> RulesInForce:
    rules = landed_cost_rules_get(country=destination, on=on)
    if rules.vat is None:
        raise NoImportRulesError(
            f"We have no import rules for {destination} on {on}.",
            details={"destination": "No rules in force."},
        )
    return rules


def _basket_convert(
    *, lines: Sequence[LandedCostLine], shipping: Money, vat: VatRate, convert: Converter
) -> Basket:
    """The lines and shipping in the destination's currency, each converted amount rounded."""
    currency = vat.currency
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
        unit_originals=[line.unit_value for line in lines],
        origins=[line.origin_country.upper() for line in lines],
        rounding=vat.rounding,
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
    subdivision: str | None = None,
) -> LandedCostQuote:
    """Duties, import VAT/GST, fees and total for `lines` shipped to `destination`, with the rules of `on`.

    `origin` is the country the parcel ships from (some regimes depend on it; default: the first line's
    origin). `subdivision` is the province or state of delivery (ISO 3166-2: CA-ON, BR-SP), where its own
    tax applies; without it the national rate is used and a note says what depends on it. DDP: duties and
    taxes are added at checkout; DAP: they are shown as payable on delivery (taxes a regime collects at
    sale, such as IOSS, are at checkout either way). Raises a LandedCostError naming
    the field: LandedCostInputError for bad input (LandedCostHsCodeError for an HS code), NoImportRulesError
    for a destination without rules, NoDutyRateError, LandedCostRateMissingError for a missing exchange rate.
    """
    request = _request_check(
        destination=destination, lines=lines, shipping=shipping, incoterm=incoterm, origin=origin,
        subdivision=subdivision,
    )  # fmt: skip
    rules = _rules_in_force(destination=request.destination, on=on)
    basket = _basket_convert(
        lines=lines, shipping=shipping, vat=rules.vat, convert=Converter(rates or fx_rate_table(on=on))
    )
    excluded = relief_exclusions(rules, request.hs_codes)
    rule = rule_pick(rules, origin=request.origin, basket=basket, excluded=excluded)
    duty = duty_compute(rule, rules=rules, basket=basket, hs_codes=request.hs_codes)
    tax = tax_compute(rule, rules=rules, subdivision=request.subdivision, basket=basket, duties=duty.amount)
    duty, tax, not_levied = minimum_apply(rule, basket=basket, duty=duty, tax=tax)
    collection = collection_split(
        rule, incoterm=incoterm, basket=basket, duties=duty.amount, taxes=tax.amount
    )
    return _quote_assemble(
        request=request, rules=rules, on=on, incoterm=str(incoterm), basket=basket, rule=rule,
        excluded=excluded, charges=[duty, tax, not_levied, collection.fee], collection=collection,
    )  # fmt: skip


def _quote_assemble(
    *, request, rules, on: date, incoterm: str, basket: Basket, rule, excluded, charges: list[Charge],
    collection,
) -> LandedCostQuote:  # fmt: skip
    """The quote from its priced charges (duty, tax, what was not levied, the collection fee): totals, what is
    due when, whether any figure is an estimate, and the notes the buyer reads."""
    duty, tax = charges[0], charges[1]
    figures = [figure for charge in charges for figure in charge.figures]
    notes = quote_notes(
        rule=rule, figures=figures, excluded=excluded, national_vat=rules.vat,
        subdivision_unknown=bool(rule.tax and rules.subdivision_rates and request.subdivision is None),
    )  # fmt: skip
    return LandedCostQuote(
        destination=request.destination,
        currency=basket.currency,
        on=on,
        incoterm=incoterm,
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
        estimate=(
            rule.estimate
            or any(charge.estimate for charge in charges)
            or any(exclusion.estimate for exclusion in excluded)
        ),
        duties_at_checkout=collection.duties_at_checkout,
        taxes_at_checkout=collection.taxes_at_checkout,
        figures=figures,
        fx_rate_date=basket.convert.rate_date,
        subdivision=request.subdivision,
        rule_source_url=rule.source_url,
        notes=notes,
    )

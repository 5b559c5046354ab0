"""The landed-cost engine: duties, import VAT/GST and fees for a basket shipped to a destination on a date.

All figures are in the destination's currency. Lines are converted from their own currency with the ECB
rates of the quote date (each converted line rounded: the boundary where an amount changes currency), and
each figure (duty, tax, fee) is computed exactly and rounded once, ROUND_HALF_UP, so total = the sum of the
rounded figures. Band limits in another currency (EUR 150 for Sweden, USD 50 for Brazil) are compared with
the basket converted into that currency with the same day's rates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ewtp.countries import country_code_validate
from ewtp.fx.conversion import RateTable, fx_rate_table
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.money import Money
from logistics.customs.errors import (
    LandedCostHsCodeError,
    LandedCostInputError,
    LandedCostRateMissingError,
    NoDutyRateError,
    NoImportRulesError,
)
from logistics.customs.landed_cost_rules import RulesInForce, landed_cost_rules_get
from logistics.customs.rules_models import DutyMethod, ImportRegime, ImportRule
from logistics.incoterms import Incoterm

LANDED_COST_INCOTERMS = (Incoterm.DDP, Incoterm.DAP)


@dataclass(frozen=True, slots=True)
class LandedCostLine:
    hs_code: str
    origin_country: str
    unit_value: Money
    quantity: int = 1


@dataclass(frozen=True, slots=True)
class Figure:
    """One amount of the quote with what it was computed from and the rule data behind it."""

    label: str
    amount: Money
    source: str
    valid_from: date | None
    estimate: bool = False
    rate: Decimal | None = None
    base: Money | None = None


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


class _Converter:
    """Conversions with the quote date's rates, turning a missing rate into an error naming the field."""

    def __init__(self, rates: RateTable):
        self.rates = rates
        self.rate_date: date | None = None

    def __call__(self, money: Money, currency: str, *, field_name: str) -> Money:
        if money.currency == currency:
            return money
        try:
            conversion = self.rates.convert(money, currency)
        except FxRateNotFoundError as exc:
            raise LandedCostRateMissingError(
                f"Cannot convert {money.currency} into {currency} for {field_name}: no "
                f"{exc.details.get('currency')} exchange rate on or before {self.rates.on}.",
                details={field_name: exc.message},
            ) from None
        self.rate_date = max(self.rate_date or conversion.rate_date, conversion.rate_date)
        return conversion.money


def _lines_check(lines: Sequence[LandedCostLine]) -> list[str]:
    if not lines:
        raise LandedCostInputError(
            "A landed-cost quote needs at least one line.", details={"lines": "Empty."}
        )
    hs_codes = []
    for i, line in enumerate(lines):
        code = re.sub(r"[\s.]", "", line.hs_code or "")
        if not re.fullmatch(r"\d{6,10}", code):
            raise LandedCostHsCodeError(
                f"Line {i + 1} needs an HS code of 6 to 10 digits.",
                details={f"lines[{i}].hs_code": "An HS code of 6 to 10 digits is required."},
            )
        country_code_validate(line.origin_country, field=f"lines[{i}].origin_country")
        if not isinstance(line.unit_value, Money) or line.unit_value.amount <= 0:
            raise LandedCostInputError(
                f"Line {i + 1} needs a value above zero.", details={f"lines[{i}].unit_value": "Must be > 0."}
            )
        if isinstance(line.quantity, bool) or not isinstance(line.quantity, int) or line.quantity < 1:
            raise LandedCostInputError(
                f"Line {i + 1} needs a quantity of at least 1.",
                details={f"lines[{i}].quantity": "Must be >= 1."},
            )
        hs_codes.append(code)
    return hs_codes


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}"


def _in_band(rule: ImportRule, value: Decimal) -> bool:
    if rule.value_above is not None and value <= rule.value_above:
        return False
    if rule.value_up_to is None:
        return True
    return value <= rule.value_up_to if rule.up_to_inclusive else value < rule.value_up_to


def _rule_pick(rules: RulesInForce, *, origin: str | None, value_in) -> tuple[ImportRule, Money]:
    """The rule whose band holds the consignment's value; a rule for the shipping origin wins."""
    specific = [r for r in rules.import_rules if r.origins and origin in r.origins.split()]
    general = [r for r in rules.import_rules if not r.origins]
    for rule in [*specific, *general]:
        value = value_in(rule.currency, rule.threshold_includes_shipping)
        if _in_band(rule, value.amount):
            return rule, value
    raise NoImportRulesError(
        "No import rule covers this consignment on that date.", details={"destination": "No rule in force."}
    )


def _duty_rate_for(rules: RulesInForce, hs_code: str, *, line_index: int):
    for length in (6, 4, 2, 0):
        found = rules.duty_rates.get(hs_code[:length])
        if found is not None:
            return found
    raise NoDutyRateError(
        "No duty rate is known for this destination.",
        details={f"lines[{line_index}].hs_code": "No duty rate."},
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
    destination = country_code_validate(destination, field="destination")
    if incoterm not in LANDED_COST_INCOTERMS:
        raise LandedCostInputError(
            "Landed cost is quoted for DDP or DAP.", details={"incoterm": f"{incoterm!r} is not DDP or DAP."}
        )
    hs_codes = _lines_check(lines)
    if not isinstance(shipping, Money) or shipping.amount < 0:
        raise LandedCostInputError(
            "Shipping must be an amount of zero or more.", details={"shipping": "Must be >= 0."}
        )
    origin = country_code_validate(origin or lines[0].origin_country, field="origin")

    rules = landed_cost_rules_get(country=destination, on=on)
    vat = rules.vat
    if vat is None:
        raise NoImportRulesError(
            f"We have no import rules for {destination} on {on}.",
            details={"destination": "No rules in force."},
        )
    currency = vat.currency
    convert = _Converter(rates or fx_rate_table(on=on))
    originals = [line.unit_value * line.quantity for line in lines]
    line_values = [
        convert(m, currency, field_name=f"lines[{i}].unit_value").round() for i, m in enumerate(originals)
    ]
    goods = Money.sum(line_values, currency)
    shipping_local = convert(shipping, currency, field_name="shipping").round()

    def value_in(threshold_currency: str, with_shipping: bool) -> Money:
        # Converted from each line's own currency, so that EUR lines meet the EUR 150 limit exactly.
        total = Money.sum(
            (convert(m, threshold_currency, field_name="threshold.currency") for m in originals),
            threshold_currency,
        )
        if with_shipping:
            total += convert(shipping, threshold_currency, field_name="threshold.currency")
        return total

    rule, _value = _rule_pick(rules, origin=origin, value_in=value_in)
    figures: list[Figure] = []
    estimate = rule.estimate

    def fixed(amount: Decimal) -> Money:
        return convert(Money(amount, rule.currency), currency, field_name="threshold.currency")

    # -- duty
    zero = Money.zero(currency)
    duties = zero
    if rule.duty == DutyMethod.TARIFF:
        shares = (
            shipping_local.allocate([v.amount for v in line_values])
            if rule.duty_on_shipping and shipping_local
            else [zero] * len(line_values)
        )
        exact = zero
        for i, (code, value, share) in enumerate(zip(hs_codes, line_values, shares, strict=True)):
            rate = _duty_rate_for(rules, code, line_index=i)
            base = value + share
            exact += base * rate.rate
            estimate |= rate.estimate
            figures.append(
                Figure(f"Duty line {i + 1} (HS {code})", (base * rate.rate).round(), rate.source,
                       rate.valid_from, rate.estimate, rate.rate, base)
            )  # fmt: skip
        duties = exact.round()
    elif rule.duty == DutyMethod.PER_SUBHEADING:
        subheadings = len({code[:6] for code in hs_codes})
        duties = fixed(rule.duty_amount * subheadings).round()
        figures.append(
            Figure(f"Duty: {rule.duty_amount} {rule.currency} x {subheadings} tariff subheading(s)", duties,
                   rule.source, rule.valid_from, rule.estimate)
        )  # fmt: skip
    elif rule.duty == DutyMethod.FLAT_RATE:
        base = goods + shipping_local if rule.duty_on_shipping else goods
        deduction = fixed(rule.flat_deduction) if rule.flat_deduction else zero
        duties = max((base * rule.flat_rate - deduction).round(), zero)
        figures.append(
            Figure(f"Import tax {_percent(rule.flat_rate)} %" + (f" minus {deduction}" if deduction else ""),
                   duties, rule.source, rule.valid_from, rule.estimate, rule.flat_rate, base)
        )  # fmt: skip

    # -- import VAT / GST
    taxes = zero
    if rule.tax:
        base = goods + duties + (shipping_local if rule.shipping_taxable else zero)
        rate = vat.rate * rule.tax_factor
        if vat.inclusive:  # 'por dentro': rate x (base + tax) = tax, so tax = base x rate / (1 - rate)
            rate = rate / (1 - rate)
        taxes = (base * rate).round()
        estimate |= vat.estimate
        label = (
            f"{vat.name} {_percent(vat.rate)} %"
            + (f" x {rule.tax_factor.normalize():f}" if rule.tax_factor != 1 else "")
            + (" (included in its own base)" if vat.inclusive else "")
        )
        figures.append(Figure(label, taxes, vat.source, vat.valid_from, vat.estimate, rate, base))

    if rule.tax_minimum is not None and duties + taxes <= fixed(rule.tax_minimum):
        figures.append(
            Figure(f"Not levied: {duties + taxes} is at most {rule.tax_minimum} {rule.currency}", zero,
                   rule.source, rule.valid_from, rule.estimate)
        )  # fmt: skip
        duties = taxes = zero

    # -- who collects what, when
    duties_at_checkout = incoterm == Incoterm.DDP
    taxes_at_checkout = duties_at_checkout or rule.regime == ImportRegime.COLLECTION_AT_SALE
    at_checkout = (duties if duties_at_checkout else zero) + (taxes if taxes_at_checkout else zero)
    on_delivery = duties + taxes - at_checkout
    fees = zero
    if rule.delivery_fee and on_delivery:
        fees = fixed(rule.delivery_fee).round()
        on_delivery += fees
        # A carrier's price, not a law: always an estimate.
        estimate = True
        figures.append(
            Figure("Carrier fee for collecting on delivery", fees, rule.source, rule.valid_from, True)
        )

    return LandedCostQuote(
        destination=destination,
        currency=currency,
        on=on,
        incoterm=str(incoterm),
        rule=rule.regime,
        rule_label=ImportRegime(rule.regime).label,
        rule_source=rule.source,
        rule_valid_from=rule.valid_from,
        goods=goods,
        shipping=shipping_local,
        duties=duties,
        taxes=taxes,
        fees=fees,
        total=goods + shipping_local + duties + taxes + fees,
        due_at_checkout=goods + shipping_local + at_checkout,
        due_on_delivery=on_delivery,
        estimate=estimate,
        duties_at_checkout=duties_at_checkout,
        taxes_at_checkout=taxes_at_checkout,
        figures=figures,
        fx_rate_date=convert.rate_date,
    )

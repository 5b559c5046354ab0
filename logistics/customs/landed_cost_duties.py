"""The charges of a landed-cost quote: the regime picked by value, duty by its method, import VAT/GST,
the minimum below which nothing is levied, and who collects what, when (checkout, or the carrier on delivery).

Each step returns a Charge: the amount in the basket's currency, rounded once, with the figures that explain
it and whether any of the data behind it is an estimate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ewtp.money import Money
from logistics.customs.errors import NoDutyRateError, NoImportRulesError
from logistics.customs.landed_cost_basket import Basket, Figure
from logistics.customs.landed_cost_rules import RulesInForce
from logistics.customs.rules_models import DutyMethod, DutyRate, ImportRegime, ImportRule, VatRate
from logistics.incoterms import Incoterm


@dataclass(frozen=True, slots=True)
class Charge:
    amount: Money
    figures: list[Figure] = field(default_factory=list)
    estimate: bool = False


@dataclass(frozen=True, slots=True)
class Collection:
    """Who collects the duties and taxes: at checkout (DDP, or a regime collecting at sale) or on delivery."""

    duties_at_checkout: bool
    taxes_at_checkout: bool
    at_checkout: Money  # the duties and taxes paid at checkout
    on_delivery: Money  # the duties and taxes left to the carrier, with its fee
    fee: Charge


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}"


def _in_band(rule: ImportRule, value: Decimal) -> bool:
    if rule.value_above is not None and value <= rule.value_above:
        return False
    if rule.value_up_to is None:
        return True
    return value <= rule.value_up_to if rule.up_to_inclusive else value < rule.value_up_to


def rule_pick(rules: RulesInForce, *, origin: str, basket: Basket) -> ImportRule:
    """The rule whose band holds the consignment's value; a rule for the shipping origin wins."""
    specific = [r for r in rules.import_rules if r.origins and origin in r.origins.split()]
    general = [r for r in rules.import_rules if not r.origins]
    for rule in [*specific, *general]:
        value = basket.value_in(rule.currency, with_shipping=rule.threshold_includes_shipping)
        if _in_band(rule, value.amount):
            return rule
    raise NoImportRulesError(
        "No import rule covers this consignment on that date.", details={"destination": "No rule in force."}
    )


# -- duty, one function per DutyMethod


def _duty_rate_for(rules: RulesInForce, hs_code: str, *, line_index: int) -> DutyRate:
    for length in (6, 4, 2, 0):
        found = rules.duty_rates.get(hs_code[:length])
        if found is not None:
            return found
    raise NoDutyRateError(
        "No duty rate is known for this destination.",
        details={f"lines[{line_index}].hs_code": "No duty rate."},
    )


def _duty_tariff(rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]) -> Charge:
    """Each line's value (with its share of shipping where the rule says so) at its HS code's rate."""
    zero = basket.zero
    shares = (
        basket.shipping.allocate([v.amount for v in basket.line_values])
        if rule.duty_on_shipping and basket.shipping
        else [zero] * len(basket.line_values)
    )
    exact, figures, estimate = zero, [], False
    for i, (code, value, share) in enumerate(zip(hs_codes, basket.line_values, shares, strict=True)):
        rate = _duty_rate_for(rules, code, line_index=i)
        base = value + share
        exact += base * rate.rate
        estimate |= rate.estimate
        figures.append(
            Figure(f"Duty line {i + 1} (HS {code})", (base * rate.rate).round(), rate.source,
                   rate.valid_from, rate.estimate, rate.rate, base)
        )  # fmt: skip
    return Charge(exact.round(), figures, estimate)


def _duty_per_subheading(
    rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]
) -> Charge:
    """A fixed amount for each distinct six-digit subheading in the basket (the EU's EUR 3 from 2026-07)."""
    subheadings = len({code[:6] for code in hs_codes})
    duties = basket.from_rule(rule.duty_amount * subheadings, rule.currency).round()
    label = f"Duty: {rule.duty_amount} {rule.currency} x {subheadings} tariff subheading(s)"
    return Charge(duties, [Figure(label, duties, rule.source, rule.valid_from, rule.estimate)])


def _duty_flat_rate(rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]) -> Charge:
    """One rate on the goods (and shipping where the rule says so), less a fixed deduction, never below 0."""
    zero = basket.zero
    base = basket.goods + basket.shipping if rule.duty_on_shipping else basket.goods
    deduction = basket.from_rule(rule.flat_deduction, rule.currency) if rule.flat_deduction else zero
    duties = max((base * rule.flat_rate - deduction).round(), zero)
    label = f"Import tax {_percent(rule.flat_rate)} %" + (f" minus {deduction}" if deduction else "")
    figure = Figure(label, duties, rule.source, rule.valid_from, rule.estimate, rule.flat_rate, base)
    return Charge(duties, [figure])


_DUTY_METHODS: dict[str, Callable[..., Charge]] = {
    DutyMethod.TARIFF: _duty_tariff,
    DutyMethod.PER_SUBHEADING: _duty_per_subheading,
    DutyMethod.FLAT_RATE: _duty_flat_rate,
}


def duty_compute(rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]) -> Charge:
    """The duty by the rule's method; none (zero, no figure) for DutyMethod.NONE."""
    method = _DUTY_METHODS.get(rule.duty)
    if method is None:
        return Charge(basket.zero)
    return method(rule, rules=rules, basket=basket, hs_codes=hs_codes)


# -- import VAT / GST, the minimum, who collects


def tax_compute(rule: ImportRule, *, vat: VatRate, basket: Basket, duties: Money) -> Charge:
    """Import VAT/GST on goods + duty (+ shipping where taxable), times the rule's factor."""
    if not rule.tax:
        return Charge(basket.zero)
    base = basket.goods + duties + (basket.shipping if rule.shipping_taxable else basket.zero)
    rate = vat.rate * rule.tax_factor
    if vat.inclusive:  # 'por dentro': rate x (base + tax) = tax, so tax = base x rate / (1 - rate)
        rate = rate / (1 - rate)
    taxes = (base * rate).round()
    label = (
        f"{vat.name} {_percent(vat.rate)} %"
        + (f" x {rule.tax_factor.normalize():f}" if rule.tax_factor != 1 else "")
        + (" (included in its own base)" if vat.inclusive else "")
    )
    figure = Figure(label, taxes, vat.source, vat.valid_from, vat.estimate, rate, base)
    return Charge(taxes, [figure], vat.estimate)


def minimum_apply(
    rule: ImportRule, *, basket: Basket, duty: Charge, tax: Charge
) -> tuple[Charge, Charge, Charge]:
    """(duty, tax, note): both zeroed, their figures kept, with a note saying why, when duty + tax is at
    most the rule's minimum; else unchanged and no note."""
    zero = basket.zero
    if rule.tax_minimum is None:
        return duty, tax, Charge(zero)
    if duty.amount + tax.amount > basket.from_rule(rule.tax_minimum, rule.currency):
        return duty, tax, Charge(zero)
    label = f"Not levied: {duty.amount + tax.amount} is at most {rule.tax_minimum} {rule.currency}"
    note = Figure(label, zero, rule.source, rule.valid_from, rule.estimate)
    return replace(duty, amount=zero), replace(tax, amount=zero), Charge(zero, [note])


def collection_split(
    rule: ImportRule, *, incoterm: str, basket: Basket, duties: Money, taxes: Money
) -> Collection:
    """DDP: duties and taxes at checkout; DAP: on delivery, unless the regime collects taxes at sale. What
    the carrier collects on delivery bears its fee, if the rule knows one."""
    zero = basket.zero
    duties_at_checkout = incoterm == Incoterm.DDP
    taxes_at_checkout = duties_at_checkout or rule.regime == ImportRegime.COLLECTION_AT_SALE
    at_checkout = (duties if duties_at_checkout else zero) + (taxes if taxes_at_checkout else zero)
    on_delivery = duties + taxes - at_checkout
    fee = Charge(zero)
    if rule.delivery_fee and on_delivery:
        fees = basket.from_rule(rule.delivery_fee, rule.currency).round()
        # A carrier's price, not a law: always an estimate.
        figure = Figure("Carrier fee for collecting on delivery", fees, rule.source, rule.valid_from, True)
        fee = Charge(fees, [figure], estimate=True)
        on_delivery += fees
    return Collection(duties_at_checkout, taxes_at_checkout, at_checkout, on_delivery, fee)

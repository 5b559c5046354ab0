"""The duty of a landed-cost quote: the regime picked by value (and by the goods and their origin), then
duty by the regime's method, with the additional duties a destination charges on goods of some origins.

Each step returns a Charge: the amount in the basket's currency, rounded once the destination's way, with
the figures that explain it and whether any of the data behind it is an estimate. Import VAT/GST, the
minimum and who collects what are in landed_cost_taxes.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ewtp.countries import EU_MEMBERS
from ewtp.money import Money
from logistics.customs.errors import NoDutyRateError, NoImportRulesError
from logistics.customs.landed_cost_basket import Basket, Figure
from logistics.customs.landed_cost_rules import EU, RulesInForce
from logistics.customs.rules_models import (
    DutyMethod,
    DutyRate,
    ImportRegime,
    ImportRule,
    OriginDuty,
    ReliefExclusion,
)

# Regimes that relieve low-value goods; goods a destination excludes from its reliefs never take them.
RELIEFS = (ImportRegime.DE_MINIMIS, ImportRegime.COLLECTION_AT_SALE, ImportRegime.DUTY_RELIEF)


@dataclass(frozen=True, slots=True)
class Charge:
    amount: Money
    figures: list[Figure] = field(default_factory=list)
    estimate: bool = False


def percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}"


def _in_band(rule: ImportRule, value: Decimal) -> bool:
    if rule.value_above is not None and value <= rule.value_above:
        return False
    if rule.value_up_to is None:
        return True
    return value <= rule.value_up_to if rule.up_to_inclusive else value < rule.value_up_to


def relief_exclusions(rules: RulesInForce, hs_codes: list[str]) -> list[ReliefExclusion]:
    """The destination's exclusions from its low-value reliefs that match a line of the basket."""
    return [x for x in rules.exclusions if any(code.startswith(x.hs_prefix) for code in hs_codes)]


def _for_origin(rule: ImportRule, *, origin: str, basket: Basket) -> bool:
    """A rule for some origins: the parcel ships from one of them and every line's goods originate in them."""
    origins = rule.origins.split()
    return origin in origins and all(goods in origins for goods in basket.origins)


def rule_pick(
    rules: RulesInForce, *, origin: str, basket: Basket, excluded: list[ReliefExclusion]
) -> ImportRule:
    """The rule whose band holds the consignment's value; a rule for the goods' origin wins. A basket
    holding goods excluded from the reliefs skips them, and takes the ordinary rule of its value, or the
    ordinary rule of the lowest band when its value is within a relief's band."""
    specific = [r for r in rules.import_rules if r.origins and _for_origin(r, origin=origin, basket=basket)]
    general = [r for r in rules.import_rules if not r.origins]
    candidates = [r for r in [*specific, *general] if not (excluded and r.regime in RELIEFS)]
    for rule in candidates:
        value = basket.value_in(
            rule.currency,
            with_shipping=rule.threshold_includes_shipping,
            per_item=rule.threshold_per_item,
            factor=rule.goods_value_factor,
        )
        if _in_band(rule, value.amount):
            return rule
    ordinary = [r for r in general if r.regime not in RELIEFS]
    if excluded and ordinary:
        return ordinary[0]
    raise NoImportRulesError(
        "No import rule covers this consignment on that date.", details={"destination": "No rule in force."}
    )


def customs_values(rule: ImportRule, basket: Basket) -> list[Money]:
    """Each line's customs value: its value times the rule's share of the retail price (Japan: 60 %)."""
    if rule.goods_value_factor == 1:
        return list(basket.line_values)
    return [value * rule.goods_value_factor for value in basket.line_values]


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


def _origin_duties_for(rules: RulesInForce, hs_code: str, origin: str) -> list[OriginDuty]:
    """Each additional duty on goods of `origin` with `hs_code`: per name, the longest matching prefix."""
    best: dict[str, OriginDuty] = {}
    for row in rules.origin_duties:
        if not (row.origin == origin or (row.origin == EU and origin in EU_MEMBERS)):
            continue
        if not hs_code.startswith(row.hs_prefix):
            continue
        if row.name not in best or len(row.hs_prefix) > len(best[row.name].hs_prefix):
            best[row.name] = row
    return sorted(best.values(), key=lambda row: row.name)


def _duty_tariff(rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]) -> Charge:
    """Each line's customs value (with its share of shipping where the rule says so) at its HS code's
    rate, plus any additional duty on goods of its origin on the same base."""
    zero = basket.zero
    shares = (
        basket.shipping.allocate([v.amount for v in basket.line_values])
        if rule.duty_on_shipping and basket.shipping
        else [zero] * len(basket.line_values)
    )
    exact, figures, estimate = zero, [], False
    values = customs_values(rule, basket)
    for i, (code, value, share) in enumerate(zip(hs_codes, values, shares, strict=True)):
        rate = _duty_rate_for(rules, code, line_index=i)
        base = value + share
        exact += base * rate.rate
        estimate |= rate.estimate
        label = format_lazy(_("Duty line {line} (HS {code})"), line=i + 1, code=code)
        figures.append(
            Figure(label, basket.round(base * rate.rate), rate.source, rate.valid_from, rate.estimate,
                   rate.rate, base, rate.source_url)
        )  # fmt: skip
        for extra in _origin_duties_for(rules, code, basket.origins[i]):
            exact += base * extra.rate
            estimate |= extra.estimate
            label = format_lazy(
                _("{name} on goods of {origin} origin, line {line} (HS {code})"),
                name=extra.name, origin=basket.origins[i], line=i + 1, code=code,
            )  # fmt: skip
            figures.append(
                Figure(label, basket.round(base * extra.rate), extra.source, extra.valid_from,
                       extra.estimate, extra.rate, base, extra.source_url, basket.origins[i])
            )  # fmt: skip
    return Charge(basket.round(exact), figures, estimate)


def _duty_per_subheading(
    rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]
) -> Charge:
    """A fixed amount for each distinct six-digit subheading in the basket (the EU's EUR 3 from 2026-07)."""
    subheadings = len({code[:6] for code in hs_codes})
    duties = basket.round(basket.from_rule(rule.duty_amount * subheadings, rule.currency))
    label = format_lazy(
        _("Duty: {amount} {currency} x {count} tariff subheading(s)"),
        amount=rule.duty_amount, currency=rule.currency, count=subheadings,
    )  # fmt: skip
    figure = Figure(label, duties, rule.source, rule.valid_from, rule.estimate, source_url=rule.source_url)
    return Charge(duties, [figure])


def _duty_flat_rate(rule: ImportRule, *, rules: RulesInForce, basket: Basket, hs_codes: list[str]) -> Charge:
    """One rate on the goods (and shipping where the rule says so), less a fixed deduction, never below 0."""
    zero = basket.zero
    base = basket.goods + basket.shipping if rule.duty_on_shipping else basket.goods
    deduction = basket.from_rule(rule.flat_deduction, rule.currency) if rule.flat_deduction else zero
    duties = max(basket.round(base * rule.flat_rate - deduction), zero)
    if deduction:
        label = format_lazy(
            _("Import tax {rate} % minus {deduction}"), rate=percent(rule.flat_rate), deduction=deduction
        )
    else:
        label = format_lazy(_("Import tax {rate} %"), rate=percent(rule.flat_rate))
    figure = Figure(
        label, duties, rule.source, rule.valid_from, rule.estimate, rule.flat_rate, base, rule.source_url
    )
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

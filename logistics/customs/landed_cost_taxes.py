"""Import VAT/GST of a landed-cost quote (national, and a province's or state's own rate), the minimum
below which nothing is levied, and who collects what, when (checkout, or the carrier on delivery)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ewtp.money import Money
from logistics.customs.landed_cost_basket import Basket, Figure
from logistics.customs.landed_cost_duties import Charge, percent
from logistics.customs.landed_cost_rules import RulesInForce
from logistics.customs.rules_models import ImportRegime, ImportRule, VatRate
from logistics.incoterms import Incoterm


@dataclass(frozen=True, slots=True)
class Collection:
    """Who collects the duties and taxes: at checkout (DDP, or a regime collecting at sale) or on delivery."""

    duties_at_checkout: bool
    taxes_at_checkout: bool
    at_checkout: Money  # the duties and taxes paid at checkout
    on_delivery: Money  # the duties and taxes left to the carrier, with its fee
    fee: Charge


def vat_rows(rules: RulesInForce, subdivision: str | None) -> list[VatRate]:
    """The rates levied in `subdivision`: its own rate where it replaces the national one (HST, a state's
    ICMS), else the national rate; then any provincial rate charged beside it (QST, PST)."""
    local = rules.subdivision_vat(subdivision)
    replacing = [rate for rate in local if not rate.added_to_national]
    return replacing[:1] + [rules.vat] * (not replacing) + [rate for rate in local if rate.added_to_national]


def _tax_label(vat: VatRate, rule: ImportRule):
    label = format_lazy("{name} {rate} %", name=vat.name, rate=percent(vat.rate))
    if vat.subdivision:
        label = format_lazy("{label} ({subdivision})", label=label, subdivision=vat.subdivision)
    if rule.tax_factor != 1:
        label = format_lazy(_("{tax} x {factor}"), tax=label, factor=f"{rule.tax_factor.normalize():f}")
    if vat.inclusive:
        label = format_lazy(_("{tax} (included in its own base)"), tax=label)
    return label


def tax_compute(
    rule: ImportRule, *, rules: RulesInForce, subdivision: str | None, basket: Basket, duties: Money
) -> Charge:
    """Import VAT/GST on the customs value + duty (+ shipping where taxable), times the rule's factor: one
    figure per rate levied, each rounded the destination's way."""
    if not rule.tax:
        return Charge(basket.zero)
    goods = basket.goods if rule.goods_value_factor == 1 else basket.goods * rule.goods_value_factor
    base = goods + duties + (basket.shipping if rule.shipping_taxable else basket.zero)
    figures = []
    for vat in vat_rows(rules, subdivision):
        rate = vat.rate * rule.tax_factor
        if vat.inclusive:  # 'por dentro': rate x (base + tax) = tax, so tax = base x rate / (1 - rate)
            rate = rate / (1 - rate)
        amount = basket.round(base * rate)
        figures.append(
            Figure(_tax_label(vat, rule), amount, vat.source, vat.valid_from, vat.estimate, rate, base,
                   vat.source_url)
        )  # fmt: skip
    taxes = Money.sum((figure.amount for figure in figures), basket.currency)
    return Charge(taxes, figures, any(figure.estimate for figure in figures))


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
    label = format_lazy(
        _("Not levied: {due} is at most {minimum} {currency}"),
        due=duty.amount + tax.amount, minimum=rule.tax_minimum, currency=rule.currency,
    )  # fmt: skip
    note = Figure(label, zero, rule.source, rule.valid_from, rule.estimate, source_url=rule.source_url)
    return replace(duty, amount=zero), replace(tax, amount=zero), Charge(zero, [note])


def collection_split(
    rule: ImportRule, *, incoterm: str, basket: Basket, duties: Money, taxes: Money
) -> Collection:
    """DDP: duties and taxes at checkout; DAP: on delivery, unless the regime collects taxes at sale (and
    with them the duty, where the rule says the two go together). What the carrier collects on delivery
    bears its fee, if the rule knows one."""
    zero = basket.zero
    taxes_at_checkout = incoterm == Incoterm.DDP or rule.regime == ImportRegime.COLLECTION_AT_SALE
    duties_at_checkout = incoterm == Incoterm.DDP or (rule.duty_with_tax and taxes_at_checkout)
    at_checkout = (duties if duties_at_checkout else zero) + (taxes if taxes_at_checkout else zero)
    on_delivery = duties + taxes - at_checkout
    fee = Charge(zero)
    if rule.delivery_fee and on_delivery:
        fees = basket.from_rule(rule.delivery_fee, rule.currency).round()
        # A carrier's price, not a law: always an estimate.
        figure = Figure(
            _("Carrier fee for collecting on delivery"), fees, rule.source, rule.valid_from, True,
            source_url=rule.source_url,
        )  # fmt: skip
        fee = Charge(fees, [figure], estimate=True)
        on_delivery += fees
    return Collection(duties_at_checkout, taxes_at_checkout, at_checkout, on_delivery, fee)

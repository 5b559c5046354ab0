"""A paid order's money in the journal (posting 1 of the chart in README "Ledger").

When an order becomes paid (orders' `order_status_changed`, action "pay", inside the payment's transaction),
its split is posted as "payment:<payment ref>:<order ref>", in the buyer's (presentment) currency:

    Dr BUYER_CLEARING                          what the buyer paid for the order at checkout
    Cr SELLER_PENDING (seller)                 the items less the platform fee
    Cr PLATFORM_FEES                           PLATFORM_FEE_BASIS_POINTS of the items, rounded half up,
                                               less any odd minor units the checkout let the buyer off
    Cr TAXES_COLLECTED ("<dest>:<regime>")     import tax collected at checkout (marketplace.ledger.taxes)
    Cr TAXES_COLLECTED ("<dest>:duty")         duty collected at checkout
    Cr SHIPPING_PAYABLE (partner)              the shipping (and anything else due at checkout)

Everything is read from what the order recorded at checkout; nothing is priced again.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from ewtp.money import Money
from marketplace.ledger.models import AccountKind, Transaction
from marketplace.ledger.posting import Leg, credit, debit, post
from marketplace.ledger.taxes import DUTY, tax_party, tax_regime
from marketplace.orders.models import Order

KIND = "payment"


def sale_event_key(*, payment_reference: str, order_reference: str) -> str:
    return f"payment:{payment_reference}:{order_reference}"


def platform_fee(items: Money) -> Money:
    """PLATFORM_FEE_BASIS_POINTS of the items, rounded half up to the currency's minor unit."""
    return (items * Decimal(settings.PLATFORM_FEE_BASIS_POINTS) / Decimal(10_000)).round()


def _collected_at_checkout(order: Order) -> tuple[Money, Money]:
    """(duties, taxes) the buyer paid at checkout: the order's figures where the quote collected them then
    (charges_split puts nothing of them on delivery in that case), else zero."""
    zero = Money.zero(order.currency)
    landed = order.landed_quote or {}
    duties = order.money("duties") if landed.get("duties_at_checkout") else zero
    taxes = order.money("taxes") if landed.get("taxes_at_checkout") else zero
    return duties, taxes


def sale_legs(order: Order) -> list[Leg]:
    """The order's split, balanced: the shipping leg takes what is left of the amount paid at checkout, so
    every minor unit the buyer paid is accounted for."""
    paid = order.due_at_checkout
    items = order.money("items")
    rounding = Money(order.snapshot.get("rounding") or "0", order.currency)
    fee = platform_fee(items)
    duties, taxes = _collected_at_checkout(order)
    shipping = paid - items - duties - taxes + rounding
    regime = tax_regime(ship_to=order.ship_to, tax_collected_at_sale=order.tax_collected_at_sale)
    partner = (order.shipping_option or {}).get("partner_slug", "")
    legs = [
        debit(AccountKind.BUYER_CLEARING, paid),
        credit(AccountKind.SELLER_PENDING, items - fee, party=order.seller_id),
        credit(AccountKind.PLATFORM_FEES, fee - rounding),
        credit(AccountKind.TAXES_COLLECTED, taxes, party=tax_party(order.ship_to, regime)),
        credit(AccountKind.TAXES_COLLECTED, duties, party=tax_party(order.ship_to, DUTY)),
        credit(AccountKind.SHIPPING_PAYABLE, shipping, party=partner),
    ]
    return [leg for leg in legs if leg.amount.amount != 0]


def order_sale_post(*, order: Order, payment_reference: str) -> Transaction:
    """Post the paid order's split once (a replayed payment returns the transaction posted then)."""
    return post(
        event_key=sale_event_key(payment_reference=payment_reference, order_reference=order.reference),
        kind=KIND,
        legs=sale_legs(order),
        memo=f"Order {order.reference} paid",
        effective_at=order.paid_at,
        seller_id=order.seller_id,
        reference=order.reference,
    )

"""Whether the ledger holds what the platform's matched records imply (a set-based check per page).

- A charge matched to a succeeded payment: each order that payment paid (the orders of its checkout, the
  checkout completed by this payment, with `paid_at` set) must have its sale posted, posting 1 of the chart,
  "payment:<payment ref>:<order ref>" (marketplace.ledger.sales). Orders refunded for lack of stock were never
  paid and post no sale; a payment no checkout names as paid (a duplicate, refunded whole) expects none.
- A transfer matched to a paid payout: "payout:<ref>" and "payout-settled:<ref>" must both be posted.
What is missing becomes a not_posted case per provider record, naming the postings missing.
Two queries per page at most (the checkouts' paid orders, then the postings by event key).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from marketplace.ledger.models import Transaction
from marketplace.ledger.sales import sale_event_key
from marketplace.orders.models import Checkout, Order
from marketplace.payouts.references import payout_event_key, payout_settled_event_key
from marketplace.reconciliation.lookups import rows_by_ids


def orders_paid_by(payments: Collection[tuple[str, str]]) -> dict[str, list[str]]:
    """{payment reference: [order references it paid]} for (payment reference, checkout reference) pairs;
    a payment its checkout does not name as paid is left out."""
    if not payments:
        return {}
    checkouts: dict[str, set[str]] = defaultdict(set)
    for payment, checkout in payments:
        checkouts[checkout].add(payment)
    order, checkout = Order._meta.db_table, Checkout._meta.db_table
    rows = rows_by_ids(
        table=f"{order} o JOIN {checkout} c ON o.checkout_id = c.id",
        columns=("c.reference", "c.paid_payment_reference", "o.reference"),
        key="c.reference", ids=checkouts.keys(), where="o.paid_at IS NOT NULL",
    )  # fmt: skip
    paid: dict[str, list[str]] = defaultdict(list)
    for checkout_reference, paid_by, order_reference in rows:
        if paid_by in checkouts[checkout_reference]:
            paid[paid_by].append(order_reference)
    return {payment: sorted(orders) for payment, orders in paid.items()}


def sale_keys(payment_reference: str, order_references: list[str]) -> list[str]:
    return [sale_event_key(payment_reference=payment_reference, order_reference=o) for o in order_references]


def payout_keys(payout_reference: str) -> list[str]:
    return [payout_event_key(payout_reference), payout_settled_event_key(payout_reference)]


def posted(keys: Collection[str]) -> set[str]:
    """Which of `keys` the journal has posted (one query)."""
    rows = rows_by_ids(
        table=Transaction._meta.db_table, columns=("event_key",), key="event_key", ids=set(keys)
    )
    return {row[0] for row in rows}

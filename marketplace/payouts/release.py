"""Release (posting 5 of the ledger's chart): an order's money becomes payable once it was delivered more
than PAYOUT_HOLD_DAYS ago (the buyer's return window), "release:<order reference>": Dr SELLER_PENDING /
Cr SELLER_PAYABLE for what is left of the order's money.

- The delivery time is the order's "deliver" event (marketplace.orders: OrderEvent, recorded when tracking
  moves the order to delivered).
- What is left is the sum of the order's SELLER_PENDING entries: the sale credited it, a refund or dispute
  before release debited part of it. Every posting about an order carries the order's reference
  (Transaction.reference), so one grouped query reads it for a batch of orders.
- A disputed order is not released while the dispute is open; an order with nothing left is skipped.
- Idempotent: the event key is unique, orders released before are left out of the query, and a batch is
  posted with post_many (bulk inserts, one database transaction).
- A batch is read and posted with the journal locked (journal_lock): no refund or other run posts between
  reading what an order has left and releasing it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ewtp.money import Money
from marketplace.ledger.models import AccountKind, Entry, Transaction
from marketplace.ledger.posting import Posting, credit, debit, journal_lock, post_many
from marketplace.orders.models import Order, OrderEvent, OrderStatus

RELEASE_KIND = "release"
BATCH = 500


def release_event_key(order_reference: str) -> str:
    return f"release:{order_reference}"


def orders_due_for_release(*, now: datetime | None = None):
    """Orders delivered at least PAYOUT_HOLD_DAYS before `now`, not released yet and not disputed."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.PAYOUT_HOLD_DAYS)
    delivered = OrderEvent.objects.filter(action="deliver", at__lte=cutoff).values("order_id")
    released = Transaction.objects.filter(kind=RELEASE_KIND).values("reference")
    return (
        Order.objects.filter(pk__in=delivered)
        .exclude(status=OrderStatus.DISPUTED)
        .exclude(reference__in=released)
        .order_by("pk")
    )


def _pending_by_order(references: list[str]) -> dict[str, list[tuple[str, Money]]]:
    """What is left pending of each order's money: [(seller party, amount owed)] per order reference."""
    rows = (
        Entry.objects.filter(account__kind=AccountKind.SELLER_PENDING, transaction__reference__in=references)
        .values("transaction__reference", "account__party", "currency")
        .annotate(total=Sum("amount"))
        .values_list("transaction__reference", "account__party", "currency", "total")
    )
    left: dict[str, list[tuple[str, Money]]] = defaultdict(list)
    for reference, party, currency, total in rows:
        owed = -(total or Decimal(0))  # SELLER_PENDING is credit-normal: what is owed is its credit
        if owed > 0:
            left[reference].append((party, Money(owed, currency)))
    return left


def _release_posting(order: Order, parts: list[tuple[str, Money]], at: datetime) -> Posting:
    legs = []
    for party, amount in sorted(parts, key=lambda part: (part[0], part[1].currency)):
        legs.append(debit(AccountKind.SELLER_PENDING, amount, party))
        legs.append(credit(AccountKind.SELLER_PAYABLE, amount, party))
    return Posting(
        event_key=release_event_key(order.reference),
        kind=RELEASE_KIND,
        legs=legs,
        memo=f"Order {order.reference} delivered and past the {settings.PAYOUT_HOLD_DAYS}-day hold",
        effective_at=at,
        seller_id=order.seller_id,
        reference=order.reference,
    )


def releases_due(*, now: datetime | None = None) -> int:
    """Release every order's money that is due; returns how many orders were released. A rerun finds none."""
    now = now or timezone.now()
    orders = list(orders_due_for_release(now=now).only("pk", "reference", "seller_id"))
    return sum(_batch_release(orders[start : start + BATCH], now) for start in range(0, len(orders), BATCH))


@transaction.atomic
def _batch_release(orders: list[Order], now: datetime) -> int:
    """Release a batch with the journal held from reading to posting: a refund cannot take from an order's
    pending money between the read and the release (the release would move what the refund took, leaving
    the order's pending negative and the seller paid the refunded share), and an order another run released
    meanwhile is left out."""
    journal_lock()
    references = [order.reference for order in orders]
    done = set(
        Transaction.objects.filter(kind=RELEASE_KIND, reference__in=references).values_list(
            "reference", flat=True
        )
    )
    left = _pending_by_order([reference for reference in references if reference not in done])
    postings = [_release_posting(o, left[o.reference], now) for o in orders if left.get(o.reference)]
    if postings:
        post_many(postings)
    return len(postings)

"""Refunds and disputes in the journal (postings 2 and 3 of the chart in README "Ledger").

A refund or a dispute gives back part or all of what an order's sale posted (marketplace.ledger.sales),
each account in proportion to what the sale credited it:

    Dr SELLER_PENDING (seller), or SELLER_PAYABLE once the order's money was released ("release:<order ref>"),
       and then it may go negative if the seller was paid out meanwhile (recovered from the next payouts)
    Dr PLATFORM_FEES, SHIPPING_PAYABLE (partner), TAXES_COLLECTED ("<dest>:<regime>")   their shares
    Cr REFUNDS                                  what went back to the buyer (cleared by reconciliation)

The shares are cumulative: the n-th partial refund brings each account to its share of everything refunded
so far (largest remainder, ewtp.money.Money.allocate), and a refund that completes the order gives back the
sale's legs exactly, so a full refund, in one go or in parts, leaves every account of the sale at zero.

Money no sale explains (a payment refunded whole because no order took it: a duplicate, a changed price, a
shortfall) goes back through BUYER_CLEARING: Dr BUYER_CLEARING / Cr REFUNDS, so what reconciliation clears
from BUYER_CLEARING for that payment nets to zero.

Each reads the order's postings and posts from them with the journal locked (journal_lock), so a release or
another refund of the order cannot post in between.

Event keys: "refund:<refund ref>" for a refund made through the platform; "refund:<payment ref>:<refunded
total in minor units>:<order ref>" for one made at the provider's dashboard (spread over the payment's orders
by what each has left); "dispute:<payment ref>:<order ref>" for a dispute (what the order has left).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from ewtp.money import Money
from marketplace.ledger.balances import entries_sum
from marketplace.ledger.models import AccountKind, Entry, Transaction
from marketplace.ledger.posting import Leg, credit, debit, journal_lock, post
from marketplace.ledger.sales import KIND as SALE_KIND

REFUND, DISPUTE = "refund", "dispute"
GIVING_BACK = (REFUND, DISPUTE)
# Every account of a sale is given back as it is, but the seller's money moves from pending to payable.
SELLER_KINDS = (AccountKind.SELLER_PENDING, AccountKind.SELLER_PAYABLE)
Role = tuple[str, str, str]  # (account kind, party, currency); the seller's two kinds are one role


def _role(kind: str, party: str, currency: str) -> Role:
    return (AccountKind.SELLER_PENDING if kind in SELLER_KINDS else kind, party, currency)


@dataclass(frozen=True)
class OrderMoney:
    """What an order's sale posted and what refunds and disputes have given back since."""

    sale: Transaction
    paid: Money  # the sale's BUYER_CLEARING debit
    shares: dict[Role, Money]  # the sale's other legs, as given back (credits positive)
    returned: dict[Role, Money]  # given back so far, per role
    returned_total: Money

    @property
    def remaining(self) -> Money:
        return self.paid - self.returned_total


def order_money(sale: Transaction) -> OrderMoney:
    entries = list(sale.entries.values_list("account__kind", "account__party", "currency", "amount"))
    [(currency, paid)] = [(c, a) for kind, _, c, a in entries if kind == AccountKind.BUYER_CLEARING]
    shares = {
        _role(kind, party, c): Money(-amount, c)
        for kind, party, c, amount in entries
        if kind != AccountKind.BUYER_CLEARING
    }
    returned: dict[Role, Money] = defaultdict(lambda: Money.zero(currency))
    total = Money.zero(currency)
    rows = (
        Entry.objects.filter(transaction__reference=sale.reference, transaction__kind__in=GIVING_BACK)
        .values("account__kind", "account__party", "currency")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        kind, amount = row["account__kind"], Money(entries_sum(row["total"]), row["currency"])
        if kind == AccountKind.REFUNDS:
            total -= amount
        elif kind != AccountKind.BUYER_CLEARING:
            returned[_role(kind, row["account__party"], row["currency"])] += amount
    return OrderMoney(sale, Money(paid, currency), shares, dict(returned), total)


def _targets(money: OrderMoney, after: Money) -> dict[Role, Money]:
    """Each role's share of `after` given back in all: the sale's legs exactly when it is all of it."""
    if after == money.paid:
        return dict(money.shares)
    roles = [role for role, share in money.shares.items() if share.amount > 0]
    if not roles:
        return {}
    parts = after.allocate([money.shares[role].amount for role in roles])
    return dict(zip(roles, parts, strict=True))


def giving_back_legs(money: OrderMoney, amount: Money) -> list[Leg]:
    """The legs that give `amount` of the order back to the buyer (any excess over what the order has left
    through BUYER_CLEARING), seller's share from where the order's money is now."""
    attributed = min(amount, money.remaining) if money.remaining.amount > 0 else Money.zero(amount.currency)
    released = Transaction.objects.filter(event_key=f"release:{money.sale.reference}").exists()
    seller_kind = AccountKind.SELLER_PAYABLE if released else AccountKind.SELLER_PENDING
    targets = _targets(money, money.returned_total + attributed) if attributed.amount else {}
    legs = []
    for role, target in targets.items():
        delta = target - money.returned.get(role, Money.zero(target.currency))
        if delta.amount:
            kind, party, _ = role
            kind = seller_kind if kind == AccountKind.SELLER_PENDING else AccountKind(kind)
            legs.append(debit(kind, delta, party))
    if amount > attributed:
        legs.append(debit(AccountKind.BUYER_CLEARING, amount - attributed))
    legs.append(credit(AccountKind.REFUNDS, amount))
    return legs


def unattributed_legs(amount: Money) -> list[Leg]:
    """Money back from a payment no order's sale explains."""
    return [debit(AccountKind.BUYER_CLEARING, amount), credit(AccountKind.REFUNDS, amount)]


def sales_of_payment(payment_reference: str) -> list[Transaction]:
    """The payment's sales, one per order it paid, in posting order."""
    return list(
        Transaction.objects.filter(
            kind=SALE_KIND, event_key__startswith=f"payment:{payment_reference}:"
        ).order_by("sequence")
    )


def _sale_of_order(payment_reference: str, order_reference: str) -> Transaction | None:
    if not order_reference:
        return None
    key = f"payment:{payment_reference}:{order_reference}"
    return Transaction.objects.filter(event_key=key).first()


@transaction.atomic
def refund_post(*, payment_reference: str, refund_reference: str, order_reference: str, amount: Money):
    """A refund made through the platform went through ("refund:<refund ref>")."""
    journal_lock()  # what the order has left, and whether it was released, hold until this posts
    sale = _sale_of_order(payment_reference, order_reference)
    legs = giving_back_legs(order_money(sale), amount) if sale else unattributed_legs(amount)
    return post(
        event_key=f"refund:{refund_reference}",
        kind=REFUND,
        legs=legs,
        memo=f"Refund {refund_reference}",
        seller_id=sale.seller_id_ref if sale else None,
        reference=order_reference or payment_reference,
    )


def refund_external_post(*, payment_reference: str, refunded_total_minor: int, amount: Money) -> list:
    """A refund made at the provider's dashboard: spread over the payment's orders by what each has left."""
    key = f"refund:{payment_reference}:{refunded_total_minor}"
    return _spread(payment_reference, amount, key=key, kind=REFUND, memo="Refunded at the payment provider")


def dispute_post(*, payment_reference: str, amount: Money) -> list:
    """A dispute opened on the payment: `amount` (what the payment has left) taken back from its orders."""
    key = f"dispute:{payment_reference}"
    return _spread(
        payment_reference, amount, key=key, kind=DISPUTE, memo="Dispute opened by the buyer's bank"
    )


@transaction.atomic
def _spread(payment_reference: str, amount: Money, *, key: str, kind: str, memo: str) -> list:
    """One transaction per order of the payment ("<key>:<order ref>"), each order's part of `amount` in
    proportion to what it has left; what no order explains through BUYER_CLEARING (on the first order's, or
    alone under `key` when the payment paid no order)."""
    journal_lock()  # what each order has left, and whether it was released, hold until these post
    monies = [order_money(sale) for sale in sales_of_payment(payment_reference)]
    monies = [m for m in monies if m.paid.currency == amount.currency]
    left = [m.remaining.amount if m.remaining.amount > 0 else Decimal(0) for m in monies]
    if not any(left):
        return [
            post(
                event_key=key,
                kind=kind,
                legs=unattributed_legs(amount),
                memo=memo,
                reference=payment_reference,
            )
        ]
    attributed = min(amount, Money(sum(left), amount.currency))
    parts = attributed.allocate(left)
    parts[next(i for i, weight in enumerate(left) if weight)] += amount - attributed
    return [
        post(
            event_key=f"{key}:{money.sale.reference}",
            kind=kind,
            legs=giving_back_legs(money, part),
            memo=memo,
            seller_id=money.sale.seller_id_ref,
            reference=money.sale.reference,
        )
        for money, part in zip(monies, parts, strict=True)
        if part.amount
    ]

"""Creating payouts (posting 6 of the ledger's chart): per seller and currency, of what is available.

- Available is the seller's SELLER_PAYABLE balance in the currency. A refund or dispute after a payout
  makes it negative; nothing is paid while it is zero or less, and a later payout pays only the net (the
  debit is already in the balance), so the seller's debt is recovered from the next payouts.
- The seller's row is locked while its balance is read and the payout written: two runs at once (two beat
  workers, a rerun) queue on the lock, and the second reads the balance the first left, zero.
- The payout, its items, its ledger posting ("payout:<reference>") and, with Stripe, the outbox message of
  its transfer are written in one database transaction: a worker that dies leaves all or nothing, and a
  broker that is down delays the transfer, never loses it (ewtp.outbox).
- The seller is paid in their own currency (Seller.default_currency, or the source currency if unset), at
  the rate of the day from ewtp.fx, recorded with its date and source. A stale rate is not used: the
  currency waits for the next run (and the run reports it).
- Without Stripe (no STRIPE_SECRET_KEY) a payout is recorded as paid at once, with its settlement posted.
  With Stripe, a seller without a connected account gets a held payout saying so. A suspended seller is
  not paid out (their money stays available until operators decide).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ewtp.fx.conversion import fx_convert
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.money import Money
from marketplace.ledger.balances import owed
from marketplace.ledger.models import AccountKind, Entry, Transaction
from marketplace.ledger.posting import credit, debit, exchange_legs, journal_lock, post
from marketplace.orders.models import Order
from marketplace.payouts.hold_reasons import HOLD_NOT_CONNECTED
from marketplace.payouts.models import Payout, PayoutItem
from marketplace.payouts.outcomes import payout_hold, payout_settle
from marketplace.payouts.references import payout_event_key, payout_reference_new
from marketplace.payouts.release import RELEASE_KIND
from marketplace.payouts.transfers import payout_transfer_enqueue
from marketplace.sellers.models import Seller

logger = logging.getLogger(__name__)

PAYOUT_KIND = "payout"


@dataclass
class PayoutRun:
    """What a run of payouts_create did, for the task's result and the logs."""

    created: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # "<seller>:<currency>" -> why


def stripe_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def sellers_with_available() -> list[tuple[int, str]]:
    """(seller id, currency) of every SELLER_PAYABLE account whose balance is owed to the seller (> 0)."""
    rows = (
        Entry.objects.filter(account__kind=AccountKind.SELLER_PAYABLE)
        .values("account__party", "currency")
        .annotate(total=Sum("amount"))
        .filter(total__lt=0)  # credit-normal: owed to the seller is a credit
        .values_list("account__party", "currency")
        .order_by("account__party", "currency")
    )
    return [(int(party), currency) for party, currency in rows if party.isdigit()]


def payouts_create() -> PayoutRun:
    """Create a payout for each seller and currency with money available; returns what it did."""
    run = PayoutRun()
    for seller_id, currency in sellers_with_available():
        key = f"{seller_id}:{currency}"
        try:
            payout = payout_create(seller_id=seller_id, currency=currency)
        except FxRateNotFoundError as error:
            run.skipped[key] = error.message
            continue
        if isinstance(payout, Payout):
            run.created.append(payout.reference)
        else:
            run.skipped[key] = payout
    if run.skipped:
        logger.warning("payouts.skipped", extra={"skipped": run.skipped})
    return run


def _uncovered_releases(seller_id: int, currency: str) -> list[tuple[Transaction, Decimal]]:
    """The seller's releases in `currency` that no payout covers yet, with the amount each released."""
    rows = (
        Entry.objects.filter(
            transaction__kind=RELEASE_KIND,
            transaction__seller_id_ref=seller_id,
            transaction__payout_item__isnull=True,
            account__kind=AccountKind.SELLER_PAYABLE,
            currency=currency,
        )
        .select_related("transaction")
        .order_by("transaction__sequence")
    )
    return [(entry.transaction, -entry.amount) for entry in rows]


def _fees_by_order(references: list[str], currency: str) -> dict[str, Decimal]:
    """The platform's fee on each order (what PLATFORM_FEES was credited, net of refunds' share)."""
    rows = (
        Entry.objects.filter(
            account__kind=AccountKind.PLATFORM_FEES, transaction__reference__in=references, currency=currency
        )
        .values("transaction__reference")
        .annotate(total=Sum("amount"))
        .values_list("transaction__reference", "total")
    )
    return {reference: -(total or Decimal(0)) for reference, total in rows}


def _items(payout: Payout, seller_id: int, currency: str) -> list[PayoutItem]:
    releases = _uncovered_releases(seller_id, currency)
    references = [release.reference for release, _ in releases]
    orders = {
        o.reference: o for o in Order.objects.filter(reference__in=references).select_related("checkout")
    }
    fees = _fees_by_order(references, currency)
    return [
        PayoutItem(
            payout=payout,
            order=orders[release.reference],
            release=release,
            amount=amount,
            platform_fee_amount=fees.get(release.reference, Decimal(0)),
            transfer_group=orders[release.reference].checkout.reference,
        )
        for release, amount in releases
        if release.reference in orders
    ]


def _payout_legs(seller_id: int, source: Money, target: Money) -> list:
    legs = [debit(AccountKind.SELLER_PAYABLE, source, seller_id)]
    if source.currency != target.currency:
        legs += exchange_legs(source, target)
    return [*legs, credit(AccountKind.PAYOUTS, target, seller_id)]


@transaction.atomic
def payout_create(*, seller_id: int, currency: str) -> Payout | str:
    """Pay out the seller's available money in `currency`: the payout, or why there is none."""
    seller = Seller.objects.select_for_update().get(pk=seller_id)
    if seller.status == Seller.Status.SUSPENDED:
        return "the seller is suspended"
    if Payout.objects.filter(seller=seller, status=Payout.Status.HELD).exists():
        return "a held payout waits to be retried"
    # The journal too: a release committed between reading the balance and the uncovered releases would be
    # listed as covered by this payout without its money in it.
    journal_lock()
    available = owed(AccountKind.SELLER_PAYABLE, currency, seller_id)  # read again, under the locks
    if available.amount <= 0:
        return "nothing available"
    target_currency = seller.default_currency or currency
    conversion = fx_convert(money=available, to=target_currency)
    if conversion.stale:
        return f"the {currency}/{target_currency} rate of {conversion.rate_date} is stale"
    target = conversion.money
    if target.amount <= 0:
        return "too small to convert"
    same = currency == target_currency
    payout = Payout(
        reference=payout_reference_new(),
        seller=seller,
        method=Payout.Method.STRIPE if stripe_configured() else Payout.Method.RECORDED,
        source_currency=currency,
        source_amount=available.amount,
        currency=target.currency,
        amount=target.amount,
        fx_rate=conversion.rate,
        fx_rate_date=conversion.rate_date if not same else timezone.localdate(),
        fx_source="" if same else conversion.source,
        platform_fee_amount=Decimal(0),
    )
    payout.save()
    items = PayoutItem.objects.bulk_create(_items(payout, seller_id, currency))
    payout.platform_fee_amount = sum((item.platform_fee_amount for item in items), Decimal(0))
    groups = {item.transfer_group for item in items}
    payout.transfer_group = groups.pop() if len(groups) == 1 else payout.reference
    payout.save(update_fields=["platform_fee_amount", "transfer_group", "updated_at"])
    post(
        event_key=payout_event_key(payout.reference),
        kind=PAYOUT_KIND,
        legs=_payout_legs(seller_id, available, target),
        memo=f"Payout {payout.reference} of {available} as {target}",
        seller_id=seller_id,
        reference=payout.reference,
    )
    if payout.method == Payout.Method.RECORDED:
        payout_settle(payout=payout)
    elif not seller.stripe_account_id:
        payout_hold(payout=payout, reason=HOLD_NOT_CONNECTED)
    else:
        payout_transfer_enqueue(payout)
    return payout

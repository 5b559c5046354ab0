"""Celery tasks of payouts: thin, each calls services. Both are idempotent (state checks, unique event keys,
the seller's row lock and the transfer's idempotency key)."""

from __future__ import annotations

from celery import shared_task

from marketplace.payouts.creation import payouts_create
from marketplace.payouts.errors import PayoutProviderUnreachableError
from marketplace.payouts.release import releases_due
from marketplace.payouts.transfers import payout_transfer, payouts_stuck_requeue


@shared_task(name="payouts.run", queue="reconciliation", acks_late=True)
def run() -> dict:
    """Beat: release what is due, pay out what is available, requeue transfers whose message was lost."""
    released = releases_due()
    payouts = payouts_create()
    return {
        "released": released,
        "created": payouts.created,
        "skipped": payouts.skipped,
        "requeued": payouts_stuck_requeue(),
    }


@shared_task(
    name="payouts.transfer",
    queue="reconciliation",
    acks_late=True,
    autoretry_for=(PayoutProviderUnreachableError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def transfer(payout_id: int) -> str:
    """Make one payout's transfer through Stripe Connect; returns the payout's status."""
    return payout_transfer(payout_id=payout_id).status

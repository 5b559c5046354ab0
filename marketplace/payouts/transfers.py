"""Paying a payout through Stripe Connect, after the commit that created it (the outbox relays the task).

- The task locks the payout's row and acts only on a created payout: a redelivered or duplicated task finds
  it paid, held or failed and does nothing. The transfer carries an idempotency key per payout and attempt,
  so a worker that died after Stripe answered sends the same key again and gets the same transfer.
- Before transferring, the connected account is asked whether it may be paid (requirements.disabled_reason,
  the transfers capability, payouts enabled); a restricted account holds the payout with Stripe's reason.
  Stripe refusing the transfer for the account (account_invalid, transfers_not_allowed...) holds it too.
- Network errors, 429 and 5xx raise PayoutProviderUnreachableError: the task retries with backoff.
  Any other refusal fails the payout (its posting reversed: the money is available for the next run).
- An operator retries a held payout: a new attempt (a new idempotency key), queued through the outbox.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ewtp.outbox.services import outbox_enqueue
from marketplace.payments.amounts import provider_amount
from marketplace.payouts.errors import PayoutNotRetryableError, PayoutProviderUnreachableError
from marketplace.payouts.hold_reasons import HOLD_NOT_CONNECTED, hold_reason_stripe_restricted
from marketplace.payouts.models import Payout
from marketplace.payouts.outcomes import payout_fail, payout_hold, payout_settle
from marketplace.sellers import payouts as connect

logger = logging.getLogger(__name__)

# Stripe's error codes that mean "this connected account cannot take the transfer now": the seller acts.
ACCOUNT_ERROR_CODES = frozenset(
    {
        "account_invalid",
        "account_closed",
        "account_inactive",
        "transfers_not_allowed",
        "insufficient_capabilities_for_transfer",
        "payouts_not_allowed",
    }
)
# A created payout whose task has not paid it after this long is queued again (a lost message).
STUCK_AFTER = timedelta(minutes=30)


def payout_transfer_enqueue(payout: Payout) -> None:
    """Queue the payout's transfer in the current transaction (it commits with the payout or not at all)."""
    from marketplace.payouts.tasks import transfer  # the task module imports the services, not the reverse

    outbox_enqueue(transfer, payout_id=payout.pk)


def _transient(error: stripe.StripeError) -> bool:
    return isinstance(error, stripe.APIConnectionError | stripe.RateLimitError) or (
        isinstance(error, stripe.APIError) and (error.http_status or 500) >= 500
    )


@transaction.atomic
def payout_transfer(*, payout_id: int) -> Payout:
    """Make a created payout's transfer; returns the payout as it now stands (paid, held or failed)."""
    payout = Payout.objects.select_for_update().select_related("seller").get(pk=payout_id)
    if payout.status != Payout.Status.CREATED:
        return payout
    if not settings.STRIPE_SECRET_KEY:  # Stripe was switched off since: recorded, as without it
        payout.method = Payout.Method.RECORDED
        payout.save(update_fields=["method", "updated_at"])
        return payout_settle(payout=payout)
    account_id = payout.seller.stripe_account_id
    if not account_id:
        return payout_hold(payout=payout, reason=HOLD_NOT_CONNECTED)
    try:
        restriction = connect.connect_account_restriction(account_id=account_id)
        if restriction:
            return payout_hold(payout=payout, reason=hold_reason_stripe_restricted(stripe_reason=restriction))
        transfer_id = connect.connect_transfer_create(
            account_id=account_id,
            # Stripe's units (ISK keeps two legacy decimals there), as reconciliation reads them back.
            amount_stripe_units=provider_amount(payout.money),
            currency=payout.currency,
            transfer_group=payout.transfer_group,
            idempotency_key=payout.idempotency_key,
            metadata={"payout_reference": payout.reference, "seller_id": str(payout.seller_id)},
        )
    except stripe.StripeError as error:
        return _refused(payout, error)
    return payout_settle(payout=payout, transfer_id=transfer_id)


def _refused(payout: Payout, error: stripe.StripeError) -> Payout:
    message = getattr(error, "user_message", None) or str(error) or error.__class__.__name__
    if _transient(error):
        raise PayoutProviderUnreachableError(
            f"Stripe: {message}", details={"payout": payout.reference, "stripe_code": error.code or ""}
        ) from error
    logger.warning(
        "payouts.transfer_refused",
        extra={"payout": payout.reference, "stripe_code": error.code, "error": message},
    )
    if error.code in ACCOUNT_ERROR_CODES or isinstance(error, stripe.PermissionError):
        return payout_hold(
            payout=payout, reason=hold_reason_stripe_restricted(stripe_reason=error.code or message)
        )
    return payout_fail(payout=payout, message=f"Stripe: {message}")


@transaction.atomic
def payout_retry(*, payout: Payout) -> Payout:
    """Try a held payout again: a new attempt, queued through the outbox. Only a held payout can be."""
    locked = Payout.objects.select_for_update().get(pk=payout.pk)
    if locked.status != Payout.Status.HELD:
        raise PayoutNotRetryableError(
            gettext("Payout %(reference)s is %(status)s: only a held payout can be retried.")
            % {"reference": locked.reference, "status": locked.get_status_display().lower()},
            details={"status": locked.status},
        )
    locked.status = Payout.Status.CREATED
    locked.attempt += 1
    locked.save(update_fields=["status", "attempt", "updated_at"])
    if locked.method == Payout.Method.RECORDED:
        payout_settle(payout=locked)
    else:
        payout_transfer_enqueue(locked)
    payout.refresh_from_db()
    return locked


def payouts_stuck_requeue(*, now=None) -> int:
    """Queue again the transfers of payouts still created long after they were (their message was lost
    after the broker took it); the task's state check and idempotency key make a duplicate harmless."""
    cutoff = (now or timezone.now()) - STUCK_AFTER
    stuck = list(
        Payout.objects.filter(
            status=Payout.Status.CREATED, method=Payout.Method.STRIPE, updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for pk in stuck:
        with transaction.atomic():
            payout = Payout.objects.select_for_update().get(pk=pk)
            if payout.status == Payout.Status.CREATED:
                payout.save(update_fields=["updated_at"])  # not again before STUCK_AFTER
                payout_transfer_enqueue(payout)
    return len(stuck)

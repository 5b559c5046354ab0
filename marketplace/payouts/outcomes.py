"""How a payout ends: paid (its settlement posted), held (with the reason shown to seller and operators), or
failed (its posting reversed, so the money is available again and the next run pays it). Each is called
with the payout's row locked, inside the caller's transaction."""

from __future__ import annotations

from django.utils import timezone

from ewtp.stored_messages import StoredMessage
from marketplace.ledger.models import AccountKind, Transaction
from marketplace.ledger.posting import credit, debit, post, reverse
from marketplace.payouts.models import Payout
from marketplace.payouts.references import payout_event_key, payout_settled_event_key

SETTLED_KIND = "payout-settled"


def payout_settle(*, payout: Payout, transfer_id: str = "") -> Payout:
    """The provider made the transfer (or, without one, the payout is recorded): paid, and
    "payout-settled:<reference>" posted: Dr PAYOUTS / Cr PROVIDER_BALANCE in the seller's currency."""
    payout.status = Payout.Status.PAID
    payout.provider_transfer_id = transfer_id
    payout.paid_at = timezone.now()
    payout.hold_reason = ""
    payout.hold_reason_params = {}
    payout.save(
        update_fields=[
            "status", "provider_transfer_id", "paid_at", "hold_reason", "hold_reason_params", "updated_at"
        ]
    )  # fmt: skip
    post(
        event_key=payout_settled_event_key(payout.reference),
        kind=SETTLED_KIND,
        legs=[
            debit(AccountKind.PAYOUTS, payout.money, payout.seller_id),
            credit(AccountKind.PROVIDER_BALANCE, payout.money),
        ],
        memo=f"Payout {payout.reference} settled {transfer_id}".strip(),
        seller_id=payout.seller_id,
        reference=payout.reference,
    )
    return payout


def payout_hold(*, payout: Payout, reason: str | StoredMessage) -> Payout:
    """Held until an operator retries it; its money stays out of the available balance meanwhile. `reason`
    is a gettext_noop msgid, or a StoredMessage for one with a value inside (hold_reasons.py)."""
    payout.status = Payout.Status.HELD
    if isinstance(reason, StoredMessage):
        payout.hold_reason, payout.hold_reason_params = reason.text, reason.params
    else:
        payout.hold_reason, payout.hold_reason_params = reason, {}
    payout.save(update_fields=["status", "hold_reason", "hold_reason_params", "updated_at"])
    return payout


def payout_fail(*, payout: Payout, message: str) -> Payout:
    """Refused for good: the payout's posting is reversed and its orders freed for the next payout."""
    payout.status = Payout.Status.FAILED
    payout.failure_message = message
    payout.save(update_fields=["status", "failure_message", "updated_at"])
    posted = Transaction.objects.get(event_key=payout_event_key(payout.reference))
    reverse(posted, memo=f"Payout {payout.reference} failed: {message}"[:300])
    payout.items.all().delete()
    return payout

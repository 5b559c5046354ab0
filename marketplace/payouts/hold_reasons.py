"""Why a payout is held, when the sentence has a value inside (Stripe's own reason, kept as Stripe gives it):
Payout.hold_reason keeps the English sentence, Payout.hold_reason_params its code and values, and the seller
reads it in their language (ewtp/stored_messages.py). Reasons without a value are stored as their msgid."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ewtp.stored_messages import Message, MessageCatalogue, StoredMessage

# With Stripe, a seller without a connected account: held at creation, or when the transfer is due.
HOLD_NOT_CONNECTED = gettext_noop("Payouts are not set up: connect a Stripe account on the payouts page.")

HOLD_REASONS = MessageCatalogue(
    {
        "stripe_restricted": Message(
            gettext_noop("Your Stripe account cannot receive payouts now (Stripe says: %(reason)s)."),
            lambda params: {"reason": params["stripe_reason"]},
        ),
    }
)


def hold_reason_stripe_restricted(*, stripe_reason: str) -> StoredMessage:
    """Stripe will not pay the seller's account now; `stripe_reason` is Stripe's ("requirements.past_due")."""
    return HOLD_REASONS.write("stripe_restricted", stripe_reason=stripe_reason)


def hold_reason_shown(*, reason: str, params: dict | None) -> str:
    """A payout's hold reason in the active language (Stripe's part as Stripe gave it)."""
    return HOLD_REASONS.shown(text=reason, params=params)

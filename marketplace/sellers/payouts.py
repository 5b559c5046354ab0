"""The Stripe Connect gateway for seller payouts: Express accounts, their onboarding links, whether an
account may be paid now, and transfers to it.

Kept to small functions so onboarding and marketplace.payouts never touch the SDK, and tests can give the SDK
a recorded HTTP response instead of the network (through the platform's one Stripe client,
marketplace.payments.stripe_client).
"""

from __future__ import annotations

from marketplace.payments.stripe_client import stripe_client


def connect_account_create(*, seller_id: int, email: str, country: str) -> str:
    """Create an Express connected account; returns its id. Idempotent per seller for Stripe's 24 hours."""
    account = stripe_client().v1.accounts.create(
        params={
            "type": "express",
            "country": country,
            "email": email,
            "capabilities": {"transfers": {"requested": True}},
            "metadata": {"seller_id": str(seller_id)},
        },
        options={"idempotency_key": f"seller-{seller_id}-connect-account"},
    )
    return account.id


def account_link_create(*, account_id: str, return_url: str, refresh_url: str) -> str:
    """A single-use URL where the seller completes Stripe's onboarding."""
    link = stripe_client().v1.account_links.create(
        params={
            "account": account_id,
            "type": "account_onboarding",
            "return_url": return_url,
            "refresh_url": refresh_url,
        }
    )
    return link.url


def account_payouts_enabled(*, account_id: str) -> bool:
    return bool(stripe_client().v1.accounts.retrieve(account_id).payouts_enabled)


def connect_account_restriction(*, account_id: str) -> str:
    """Why Stripe would not let the account receive a transfer and be paid out now, as Stripe words it
    ("requirements.past_due", "transfers capability inactive"), or "" when nothing stands in the way."""
    account = stripe_client().v1.accounts.retrieve(account_id).to_dict()
    requirements = account.get("requirements") or {}
    disabled = requirements.get("disabled_reason")
    if disabled:
        return str(disabled)
    capabilities = account.get("capabilities") or {}
    transfers = capabilities.get("transfers")
    if transfers is not None and transfers != "active":
        return f"transfers capability {transfers}"
    if account.get("payouts_enabled") is False:
        return "payouts disabled"
    return ""


def connect_transfer_create(
    *,
    account_id: str,
    amount_stripe_units: int,
    currency: str,
    transfer_group: str,
    idempotency_key: str,
    metadata: dict[str, str],
) -> str:
    """A transfer from the platform's balance to the connected account; returns its id. `amount_stripe_units`
    is in Stripe's units for the currency (ISO minor units, except where Stripe differs: ISK in hundredths).
    The same idempotency key returns the same transfer (for Stripe's 24 hours), so a redelivered task pays
    once."""
    transfer = stripe_client().v1.transfers.create(
        params={
            "amount": amount_stripe_units,
            "currency": currency.lower(),
            "destination": account_id,
            "transfer_group": transfer_group,
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )
    return transfer.id

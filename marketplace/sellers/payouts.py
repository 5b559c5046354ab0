"""The Stripe Connect gateway for seller payouts: Express accounts and their onboarding links.

Kept to three small functions so the rest of onboarding never touches the SDK, and tests can give the SDK
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

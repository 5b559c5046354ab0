"""The one Stripe client of the platform: checkout sessions and refunds here, Connect accounts in
marketplace/sellers/payouts.py, reconciliation later. All go through `stripe_client()`.

Tests replace `http_client` with a client whose HTTP layer replays recorded Stripe responses, so the real SDK
builds every request (its form encoding, its idempotency headers) without the network.
"""

from __future__ import annotations

import stripe
from django.conf import settings

# Tests replace this with a client whose HTTP layer replays recorded responses.
http_client: stripe.HTTPClient | None = None

# The SDK retries network errors and 409/429/5xx itself, resending the same idempotency key.
MAX_NETWORK_RETRIES = 2


def stripe_client() -> stripe.StripeClient:
    """A client with the secret key of settings (read at call time, never at import)."""
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=http_client, max_network_retries=MAX_NETWORK_RETRIES
    )

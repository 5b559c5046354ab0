"""Listing prices in the buyer's currency."""

from __future__ import annotations

from ewtp.fx.conversion import Conversion, RateTable
from ewtp.fx.errors import FxRateNotFoundError
from marketplace.listings.models import Listing


def listing_price_convert(listing: Listing, *, rates: RateTable, currency: str) -> Conversion | None:
    """The listing's price in the buyer's currency, or None when no rate is known for the seller's."""
    try:
        return rates.convert(listing.price, currency)
    except FxRateNotFoundError:
        return None

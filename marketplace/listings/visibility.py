"""Which listings buyers see: an active listing of a verified seller. Stored on the listing (is_visible,
seller_country) so the catalogue filters one indexed table; every change of a seller's or a listing's status
calls one of these."""

from django.db.models import Case, Value, When

from marketplace.listings.models import Listing
from marketplace.sellers.models import Seller


def listings_visibility_refresh(*, seller: Seller) -> int:
    """Recompute is_visible and seller_country for all of `seller`'s listings; returns the count."""
    visible = seller.status == Seller.Status.VERIFIED
    return Listing.objects.filter(seller=seller).update(
        is_visible=Case(When(status=Listing.Status.ACTIVE, then=Value(visible)), default=Value(False)),
        seller_country=seller.country,
    )

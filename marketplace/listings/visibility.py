"""Which listings buyers see. The rule is Listing.visible_to_buyers (an active listing of a verified seller),
stored on the listing (is_visible, seller_country) so the catalogue filters one indexed table. A listing's
own save applies it; a change of its seller's status or country (the sellers' `seller_changed` signal)
applies it here to all of the seller's listings at once."""

from django.db.models import Case, Value, When
from django.dispatch import receiver

from marketplace.listings.models import Listing
from marketplace.sellers.models import Seller
from marketplace.sellers.signals import seller_changed


def listings_visibility_refresh(*, seller: Seller) -> int:
    """Recompute is_visible and seller_country for all of `seller`'s listings; returns the count."""
    return Listing.objects.filter(seller=seller).update(
        # The same rule as a single listing's save, asked once per listing status.
        is_visible=Case(
            *(
                When(status=status, then=Value(Listing.visible_to_buyers(status, seller.status)))
                for status in Listing.Status.values
            ),
            default=Value(False),
        ),
        seller_country=seller.country,
    )


@receiver(seller_changed, dispatch_uid="listings_visibility_follows_the_seller")
def _seller_changed(sender, *, seller: Seller, **kwargs) -> None:
    listings_visibility_refresh(seller=seller)

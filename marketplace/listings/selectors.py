"""Reading a seller's own listings. Another seller's listing is simply not found (404), never forbidden."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from marketplace.listings.models import Listing, ListingImport, ListingPhoto
from marketplace.sellers.models import Seller


def listings_of_seller(seller: Seller) -> QuerySet[Listing]:
    return Listing.objects.filter(seller=seller).select_related("category").order_by("-updated_at")


def listing_get_for_seller(seller: Seller, pk: int) -> Listing:
    return get_object_or_404(Listing.objects.select_related("seller", "category"), pk=pk, seller=seller)


def listing_photo_get_for_seller(seller: Seller, pk: int) -> ListingPhoto:
    return get_object_or_404(ListingPhoto.objects.select_related("listing"), pk=pk, listing__seller=seller)


def listing_import_get_for_seller(seller: Seller, pk: int) -> ListingImport:
    # The file's text is not needed to show progress or the report.
    return get_object_or_404(ListingImport.objects.defer("text"), pk=pk, seller=seller)

"""Writing listings: create, edit, publish or pause, photos. Views and the CSV import call these."""

from __future__ import annotations

from django.db import transaction

from ewtp.errors import ApplicationError
from marketplace.listings.models import Listing, ListingPhoto
from marketplace.listings.photos import photo_process
from marketplace.sellers.models import Seller

MAX_PHOTOS = 8


class ListingError(ApplicationError):
    code = "listing_invalid"


def _seller_currency(seller: Seller) -> str:
    if not seller.default_currency:
        raise ListingError(
            "Choose your currency in your business profile before listing goods.",
            details={"price_currency": "missing"},
        )
    return seller.default_currency


@transaction.atomic
def listing_create(*, seller: Seller, data: dict, status: str = Listing.Status.DRAFT) -> Listing:
    """Create a listing from cleaned form data; the price is in the seller's own currency."""
    restrictions = data.pop("restrictions", [])
    listing = Listing(
        seller=seller,
        price_currency=_seller_currency(seller),
        restrictions=list(restrictions),
        status=status,
        **data,
    )
    listing.save()
    return listing


@transaction.atomic
def listing_update(*, listing: Listing, data: dict) -> Listing:
    for field, value in data.items():
        setattr(listing, field, list(value) if field == "restrictions" else value)
    listing.save()
    return listing


def listing_status_set(*, listing: Listing, status: str) -> Listing:
    """Publish (active), pause or return to draft. Buyers see it only once the seller is verified too."""
    if status not in Listing.Status.values:
        raise ListingError(f"Unknown listing status {status!r}.", details={"status": status})
    if status == Listing.Status.ACTIVE and listing.stock == 0:
        raise ListingError(
            "Add stock before publishing: buyers cannot order a listing with none.", details={"stock": "zero"}
        )
    listing.status = status
    listing.save()
    return listing


@transaction.atomic
def listing_photo_add(*, listing: Listing, upload) -> ListingPhoto:
    position = listing.photos.count()
    if position >= MAX_PHOTOS:
        raise ListingError(f"A listing has at most {MAX_PHOTOS} photos.", details={"photo": "too_many"})
    processed = photo_process(upload=upload)
    photo = ListingPhoto(listing=listing, position=position)
    photo.image.save(processed.image.name, processed.image, save=False)
    photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    photo.save()
    if position == 0:
        Listing.objects.filter(pk=listing.pk).update(thumbnail=photo.thumbnail.name)
    return photo


@transaction.atomic
def listing_photo_delete(*, photo: ListingPhoto) -> None:
    listing = photo.listing
    photo.image.delete(save=False)
    photo.thumbnail.delete(save=False)
    photo.delete()
    first = listing.photos.first()
    Listing.objects.filter(pk=listing.pk).update(thumbnail=first.thumbnail.name if first else "")

"""Writing listings: create, edit, publish or pause, photos, and many at once for the CSV import. Views and
the CSV import call these; the rules every value must satisfy are in validation.py."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.listings.bulk_update import listings_update_many
from marketplace.listings.errors import ListingInvalidError, ListingsGoneError
from marketplace.listings.models import Listing, ListingPhoto
from marketplace.listings.photos import photo_process
from marketplace.listings.validation import listing_status_problems, listing_values_check
from marketplace.sellers.models import Seller

logger = logging.getLogger(__name__)

MAX_PHOTOS = 8
BULK_BATCH = 500
# What every bulk update writes besides the file's own columns: what save() would have set.
CATALOGUE_COLUMNS = ("search_text", "seller_country", "is_visible", "published_at", "updated_at")


@transaction.atomic
def listing_create(*, seller: Seller, data: dict, status: str = Listing.Status.DRAFT) -> Listing:
    """Create a listing from parsed values (the form's cleaned data). It is priced in
    `data["price_currency"]` when given, else in the seller's default currency; raises ListingInvalidError."""
    values = dict(data)
    values["price_currency"] = values.get("price_currency") or seller.default_currency
    if not values["price_currency"]:
        message = _("Choose your currency in your business profile before listing goods.")
        raise ListingInvalidError(message, details={"price_currency": message})
    values = listing_values_check(seller=seller, values={**values, "status": status})
    listing = Listing(seller=seller, **values)
    listing.save()
    return listing


@transaction.atomic
def listing_update(*, listing: Listing, data: dict) -> Listing:
    """Change the fields in `data`. A price stays in the listing's own currency unless `data` also carries
    `price_currency`: changing the currency is always a change of price and currency together."""
    values = listing_values_check(seller=listing.seller, values=data, listing=listing)
    for field, value in values.items():
        setattr(listing, field, value)
    listing.save()
    return listing


def listing_status_set(*, listing: Listing, status: str) -> Listing:
    """Publish (active), pause or return to draft. Buyers see it only once the seller is verified too."""
    problems = listing_status_problems(status, listing.stock)
    if problems:
        raise ListingInvalidError(next(iter(problems.values())), details=problems)
    listing.status = status
    listing.save()
    return listing


@transaction.atomic
def listings_save_checked(*, seller: Seller, new: list[dict], changes: dict[int, dict]) -> tuple[int, int]:
    """Create and update many of `seller`'s listings in one transaction (the CSV import): `new` holds the
    values of each listing to create, `changes` the values to set by listing id. Each values dict must come
    from listing_values_check, with `status` where the status is set. Bulk writes skip save(), so the
    catalogue columns are filled here as save() fills them; the listings changed are locked while written.
    Returns (created, updated)."""
    created = []
    for values in new:
        listing = Listing(seller=seller, **values)
        listing.catalogue_columns_fill()
        created.append(listing)
    Listing.objects.bulk_create(created, batch_size=BULK_BATCH)

    locked = Listing.objects.select_for_update().filter(seller=seller).in_bulk(list(changes))
    if len(locked) != len(changes):
        raise ListingsGoneError(_("Some of these listings no longer exist; upload the file again."))
    now = timezone.now()
    fields = set(CATALOGUE_COLUMNS)
    for pk, values in changes.items():
        listing = locked[pk]
        listing.seller = seller
        for field, value in values.items():
            setattr(listing, field, value)
            fields.add(field)
        listing.updated_at = now
        listing.catalogue_columns_fill()
    listings_update_many(list(locked.values()), sorted(fields))
    return len(created), len(locked)


def _photo_room_check(count: int) -> None:
    if count >= MAX_PHOTOS:
        message = _("A listing has at most %(count)s photos.") % {"count": MAX_PHOTOS}
        raise ListingInvalidError(message, details={"photo": message})


def listing_photo_add(*, listing: Listing, upload) -> ListingPhoto:
    """Add a photo after the listing's others; at most MAX_PHOTOS, also when uploads race: the listing's
    row is locked while the photos are counted and the new one stored (and (listing, position) is unique)."""
    _photo_room_check(listing.photos.count())  # refuse early, before decoding an image for nothing
    processed = photo_process(upload=upload)  # outside the lock: decoding and resizing take a while
    stored: list[FieldFile] = []
    try:
        with transaction.atomic():
            Listing.objects.select_for_update().only("pk").get(pk=listing.pk)
            position = ListingPhoto.objects.filter(listing=listing).count()
            _photo_room_check(position)
            photo = ListingPhoto(listing=listing, position=position)
            photo.image.save(processed.image.name, processed.image, save=False)
            stored.append(photo.image)
            photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
            stored.append(photo.thumbnail)
            photo.small.save(processed.small.name, processed.small, save=False)
            stored.append(photo.small)
            photo.save()
            if position == 0:
                Listing.objects.filter(pk=listing.pk).update(
                    thumbnail=photo.thumbnail.name, thumbnail_small=photo.small.name
                )
    except BaseException:
        _files_delete(stored)  # their row was not written
        raise
    return photo


def listing_photo_delete(*, photo: ListingPhoto) -> None:
    """Remove a photo; the others move up so positions stay 0..n-1, and the first is the card's thumbnail."""
    listing = photo.listing
    files = [photo.image, photo.thumbnail, photo.small]
    with transaction.atomic():
        Listing.objects.select_for_update().only("pk").get(pk=listing.pk)
        photo.delete()
        # Ascending, one at a time: each photo moves into the place just freed, never onto another.
        remaining = list(ListingPhoto.objects.filter(listing=listing).order_by("position", "id"))
        for index, other in enumerate(remaining):
            if other.position != index:
                ListingPhoto.objects.filter(pk=other.pk).update(position=index)
        first = remaining[0] if remaining else None
        Listing.objects.filter(pk=listing.pk).update(
            thumbnail=first.thumbnail.name if first else "", thumbnail_small=first.small.name if first else ""
        )
        # The files go only once the rows are gone for good: a rollback keeps photo and files together.
        transaction.on_commit(lambda: _files_delete(files))


def _files_delete(files: list[FieldFile]) -> None:
    for file in files:
        if not file.name:
            continue  # a photo stored before small renditions has none
        try:
            file.storage.delete(file.name)
        except OSError:
            logger.exception("listings.photo_file_orphaned", extra={"file": file.name})

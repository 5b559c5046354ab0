"""Photo uploads racing for a listing's last places, with real threads on PostgreSQL: never more than 8.

Four simultaneous uploads used to leave 9 or 10 photos: each counted the photos before any had stored its
own. The listing's row is now locked while photos are counted and stored.
"""

import threading

import pytest
from django.conf import settings
from django.db import connections

from marketplace.listings.errors import ListingError
from marketplace.listings.models import Listing
from marketplace.listings.services import MAX_PHOTOS, listing_photo_add, listing_photo_delete
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.listings.images import png_upload

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL): SQLite serialises every write anyway"
    ),
]


def _race(count: int, action) -> list[str]:
    """Run `action` in `count` threads released together; what each did: "ok" or the error's class."""
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run():
        try:
            barrier.wait()
            action()
            outcomes.append("ok")
        except ListingError as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


def test_four_uploads_racing_for_the_last_two_places_store_two():
    # given a listing with 6 photos (room for 2 more)
    listing = ListingFactory()
    for _ in range(MAX_PHOTOS - 2):
        listing_photo_add(listing=listing, upload=png_upload(size=(8, 8)))
    # when 4 uploads arrive at the same moment
    outcomes = _race(
        4,
        lambda: listing_photo_add(listing=Listing.objects.get(pk=listing.pk), upload=png_upload(size=(8, 8))),
    )
    # then 2 are stored and 2 refused, and the positions run 0..7 without a repeat
    assert outcomes == ["ListingInvalidError", "ListingInvalidError", "ok", "ok"]
    assert list(listing.photos.values_list("position", flat=True)) == list(range(MAX_PHOTOS))


def test_uploads_racing_with_a_deletion_keep_positions_whole():
    # given a listing with 3 photos
    listing = ListingFactory()
    photos = [listing_photo_add(listing=listing, upload=png_upload(size=(8, 8))) for _ in range(3)]
    # when the first is deleted while 3 uploads arrive
    actions = iter(
        [lambda: listing_photo_delete(photo=photos[0])]
        + [lambda: listing_photo_add(listing=listing, upload=png_upload(size=(8, 8)))] * 3
    )
    lock = threading.Lock()

    def next_action():
        with lock:
            action = next(actions)
        action()

    outcomes = _race(4, next_action)
    # then everything went through and the 5 photos left sit at 0..4
    assert outcomes == ["ok"] * 4
    assert list(listing.photos.values_list("position", flat=True)) == [0, 1, 2, 3, 4]

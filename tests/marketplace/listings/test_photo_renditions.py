"""Photo renditions for phones: each photo is stored full size (1600 px), as a thumbnail (480 px) and small
(240 px), the listing's card knows its small one, and photos stored before there were small renditions get
theirs from the migration."""

import importlib

import pytest
from django.apps import apps
from PIL import Image

from marketplace.listings.models import Listing, ListingPhoto
from marketplace.listings.services import listing_photo_add, listing_photo_delete
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.listings.images import png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _size(field) -> tuple[int, int]:
    with field.open("rb") as file, Image.open(file) as image:
        return image.size


def test_a_photo_is_stored_in_three_sizes_and_the_card_knows_the_small_one():
    listing = ListingFactory()
    photo = listing_photo_add(listing=listing, upload=png_upload(size=(2000, 1500)))
    # 2000 x 1500 fitted into 1600 x 1600: 1600 x 1200; into 480: 480 x 360; into 240: 240 x 180
    assert (_size(photo.image), _size(photo.thumbnail), _size(photo.small)) == (
        (1600, 1200), (480, 360), (240, 180),
    )  # fmt: skip
    listing.refresh_from_db()
    assert (listing.thumbnail, listing.thumbnail_small) == (photo.thumbnail.name, photo.small.name)
    assert photo.small.name.startswith("listings/small/")


def test_deleting_the_first_photo_removes_its_files_and_the_next_becomes_the_cards(
    django_capture_on_commit_callbacks,
):
    listing = ListingFactory()
    first = listing_photo_add(listing=listing, upload=png_upload())
    second = listing_photo_add(listing=listing, upload=png_upload(color=(0, 0, 200)))
    storage = first.small.storage
    names = [first.image.name, first.thumbnail.name, first.small.name]
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the rows are gone
        listing_photo_delete(photo=first)
    listing.refresh_from_db()
    assert listing.thumbnail_small == second.small.name
    assert not any(storage.exists(name) for name in names)


def test_the_migration_gives_older_photos_a_small_rendition():
    listing = ListingFactory()
    photo = listing_photo_add(listing=listing, upload=png_upload(size=(640, 480)))
    # another listing sharing the first one's files, as seed_demo --listings makes them
    twin = ListingFactory()
    Listing.objects.filter(pk=twin.pk).update(thumbnail=photo.thumbnail.name)
    ListingPhoto.objects.filter(pk=photo.pk).update(small="")
    Listing.objects.filter(pk=listing.pk).update(thumbnail_small="")
    migration = importlib.import_module("marketplace.listings.migrations.0008_listing_language_photo_small")
    migration.renditions_backfill(apps, None)
    photo.refresh_from_db()
    # 640 x 480 -> thumbnail 480 x 360 -> small 240 x 180
    assert _size(photo.small) == (240, 180)
    assert set(Listing.objects.values_list("thumbnail_small", flat=True)) == {photo.small.name}

"""Listing services: prices in the seller's currency, publishing rules, visibility, photos."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.listings.models import Listing
from marketplace.listings.photos import PhotoError
from marketplace.listings.services import (
    ListingError,
    listing_create,
    listing_photo_add,
    listing_photo_delete,
    listing_status_set,
)
from marketplace.sellers.models import Seller
from marketplace.sellers.status import seller_reinstate, seller_suspend
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory
from tests.marketplace.listings.images import bomb_upload, png_upload
from tests.marketplace.sellers.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    return {
        "title": "Sisal basket",
        "description": "",
        "category": CategoryFactory(),
        "price_amount": Decimal("3200"),
        "stock": 3,
        "sku": "B-1",
        "hs_code": "460219",
        "origin_country": "KE",
        "net_weight_kg": Decimal("0.5"),
        "length_cm": Decimal(35),
        "width_cm": Decimal(35),
        "height_cm": Decimal(30),
        "restrictions": [],
    } | overrides


def test_a_new_listing_is_a_draft_priced_in_the_sellers_currency():
    seller = SellerFactory(verified=True, country="KE")
    listing = listing_create(seller=seller, data=_data())
    assert (listing.status, listing.price_currency, listing.is_visible) == ("draft", "KES", False)
    assert listing.search_text == "sisal basket\n"


def test_publishing_a_verified_sellers_listing_makes_it_visible():
    listing = listing_create(seller=SellerFactory(verified=True, country="KE"), data=_data())
    listing_status_set(listing=listing, status=Listing.Status.ACTIVE)
    listing.refresh_from_db()
    assert listing.is_visible and listing.published_at is not None and listing.seller_country == "KE"


def test_an_unverified_sellers_active_listing_stays_hidden():
    seller = SellerFactory(complete=True, country="KE")
    listing = listing_create(seller=seller, data=_data())
    listing_status_set(listing=listing, status=Listing.Status.ACTIVE)
    assert not Listing.objects.get(pk=listing.pk).is_visible


def test_a_listing_without_stock_cannot_be_published():
    listing = listing_create(seller=SellerFactory(verified=True), data=_data(stock=0))
    with pytest.raises(ListingError, match="Add stock"):
        listing_status_set(listing=listing, status=Listing.Status.ACTIVE)
    assert Listing.objects.get(pk=listing.pk).status == "draft"


def test_suspending_a_seller_hides_its_listings_and_reinstating_shows_them(admin_user):
    listing = ListingFactory()
    assert Listing.objects.get(pk=listing.pk).is_visible
    seller_suspend(seller=listing.seller, reason="Counterfeit complaint under review", by=admin_user)
    assert not Listing.objects.get(pk=listing.pk).is_visible
    seller_reinstate(seller=Seller.objects.get(pk=listing.seller.pk), by=admin_user)
    assert Listing.objects.get(pk=listing.pk).is_visible


def test_a_seller_without_a_currency_cannot_list():
    seller = SellerFactory(user=UserFactory(), default_currency="")
    with pytest.raises(ListingError, match="currency"):
        listing_create(seller=seller, data=_data())


def test_photos_are_reencoded_thumbnailed_and_the_first_is_the_cards_thumbnail():
    listing = ListingFactory()
    first = listing_photo_add(listing=listing, upload=png_upload())
    second = listing_photo_add(listing=listing, upload=png_upload(size=(2000, 1000)))
    listing.refresh_from_db()
    assert listing.thumbnail == first.thumbnail.name
    assert first.image.name.endswith(".jpg") and second.position == 1
    assert second.image.width == 1600 and second.thumbnail.width == 480
    listing_photo_delete(photo=first)
    listing.refresh_from_db()
    assert listing.thumbnail == second.thumbnail.name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg"),
            "must be JPEG, PNG",
        ),
        (SimpleUploadedFile("x.png", b"", content_type="image/png"), "empty"),
        (SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (8 * 1024 * 1024 + 1)), "larger than 8 MB"),
    ],
)
def test_bad_photos_are_refused(upload, message):
    listing = ListingFactory()
    with pytest.raises(PhotoError, match=message):
        listing_photo_add(listing=listing, upload=upload)
    assert listing.photos.count() == 0


def test_a_decompression_bomb_is_refused_without_being_decoded():
    listing = ListingFactory()
    upload = bomb_upload()
    assert upload.size < 100_000
    with pytest.raises(PhotoError, match=r"pixels|too large to open"):
        listing_photo_add(listing=listing, upload=upload)
    assert listing.photos.count() == 0

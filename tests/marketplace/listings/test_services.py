"""Listing services: each listing priced in its own currency, price and text rules, publishing, visibility,
photos."""

import importlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from ewtp.money import Money
from logistics.customs.hs_models import HsCode
from marketplace.listings.errors import ListingError, ListingInvalidError, PhotoError
from marketplace.listings.models import Listing, ListingPhoto
from marketplace.listings.services import (
    MAX_PHOTOS,
    listing_create,
    listing_photo_add,
    listing_photo_delete,
    listing_status_set,
    listing_update,
)
from marketplace.sellers.models import Seller
from marketplace.sellers.services import seller_currency_set
from marketplace.sellers.status import seller_reinstate, seller_suspend
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory
from tests.marketplace.listings.images import bomb_upload, png_upload
from tests.marketplace.sellers.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _basket_hs_code(db):
    """The one HS subheading these listings use (the whole nomenclature is not needed here)."""
    HsCode.objects.create(
        code="460219",
        level=HsCode.Level.SUBHEADING,
        section="IX",
        description="Basketwork: of other plant materials",
    )


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


# -- each listing keeps its own currency -------------------------------------------------------------------


def test_a_new_listing_is_priced_in_the_currency_it_is_given():
    seller = SellerFactory(verified=True, country="KE")
    listing = listing_create(seller=seller, data=_data(price_amount=Decimal("24.90"), price_currency="usd"))
    assert listing.price == Money("24.90", "USD")


def test_a_seller_changing_currency_does_not_reprice_existing_listings():
    """The seller's currency is only the default for new listings; a price edit stays in the listing's."""
    # given a KES listing, and its seller switching to USD
    listing = ListingFactory(price_amount=Decimal("3200"))
    seller_currency_set(seller=listing.seller, currency="USD")
    # when only the price is edited
    listing_update(listing=listing, data={"price_amount": Decimal("3300")})
    # then it is still in KES
    assert Listing.objects.get(pk=listing.pk).price == Money("3300", "KES")


def test_price_and_currency_change_together():
    listing = ListingFactory(price_amount=Decimal("3200"))
    listing_update(listing=listing, data={"price_amount": Decimal("25"), "price_currency": "USD"})
    assert Listing.objects.get(pk=listing.pk).price == Money("25", "USD")


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("0.0001", "KES", "The smallest price in KES is 0.01."),
        ("0.5", "JPY", "The smallest price in JPY is 1."),
        ("0.0005", "KWD", "The smallest price in KWD is 0.001."),
        ("1200.5", "JPY", "Prices in JPY are whole numbers, without decimals."),
        ("10.005", "KES", "Prices in KES have at most 2 decimals."),
    ],
)
def test_a_price_that_is_not_whole_minor_units_is_refused_on_the_price_field(amount, currency, message):
    """KES 0.0001 used to be published as KES 0.00."""
    seller = SellerFactory(verified=True, country="KE")
    with pytest.raises(ListingInvalidError) as raised:
        listing_create(seller=seller, data=_data(price_amount=Decimal(amount), price_currency=currency))
    assert raised.value.details == {"price_amount": message}
    assert not Listing.objects.exists()


@pytest.mark.parametrize(("amount", "currency"), [("1", "JPY"), ("0.01", "KES"), ("0.001", "KWD")])
def test_one_minor_unit_is_a_price(amount, currency):
    seller = SellerFactory(verified=True, country="KE")
    listing = listing_create(seller=seller, data=_data(price_amount=Decimal(amount), price_currency=currency))
    assert listing.price == Money(amount, currency)


def test_a_price_edit_is_checked_in_the_listings_own_currency():
    # given a JPY listing of a KES seller
    listing = ListingFactory(price_amount=Decimal("1200"), price_currency="JPY")
    # when the price is edited to half a yen, then it is refused in JPY's terms
    with pytest.raises(ListingInvalidError, match="smallest price in JPY is 1"):
        listing_update(listing=listing, data={"price_amount": Decimal("0.5")})


@pytest.mark.parametrize("code", ["XYZ", "XAU", "HRK"])
def test_a_listing_is_priced_only_in_a_currency_in_circulation(code):
    """Unknown codes, units without a minor unit (gold) and withdrawn currencies name no payable price."""
    seller = SellerFactory(verified=True, country="KE")
    with pytest.raises(ListingInvalidError) as raised:
        listing_create(seller=seller, data=_data(price_currency=code))
    assert list(raised.value.details) == ["price_currency"]


# -- text limits -----------------------------------------------------------------------------------------


def test_a_description_over_5000_characters_is_refused():
    """A 1 MB description used to be accepted."""
    seller = SellerFactory(verified=True, country="KE")
    with pytest.raises(ListingInvalidError) as raised:
        listing_create(seller=seller, data=_data(description="x" * 5001))
    assert raised.value.details == {"description": "At most 5,000 characters (this has 5,001)."}
    assert listing_create(seller=seller, data=_data(description="x" * 5000)).description == "x" * 5000


# -- photos ----------------------------------------------------------------------------------------------


def test_a_ninth_photo_is_refused():
    listing = ListingFactory()
    for _ in range(MAX_PHOTOS):
        listing_photo_add(listing=listing, upload=png_upload(size=(8, 8)))
    with pytest.raises(ListingError, match="at most 8 photos"):
        listing_photo_add(listing=listing, upload=png_upload(size=(8, 8)))
    assert listing.photos.count() == 8


def test_deleting_a_photo_moves_the_others_up_and_the_next_goes_last():
    """Positions stay 0..n-1: before, deleting the first of three and adding one gave positions 1, 2, 2."""
    # given three photos
    listing = ListingFactory()
    first, second, third = (listing_photo_add(listing=listing, upload=png_upload(size=(8, 8))) for _ in "abc")
    # when the first is deleted and another added
    listing_photo_delete(photo=first)
    fourth = listing_photo_add(listing=listing, upload=png_upload(size=(8, 8)))
    # then the positions run 0, 1, 2 in upload order, and the card shows the new first photo
    assert list(listing.photos.values_list("pk", "position")) == [
        (second.pk, 0),
        (third.pk, 1),
        (fourth.pk, 2),
    ]
    listing.refresh_from_db()
    assert listing.thumbnail == second.thumbnail.name


def test_the_migration_closes_the_gaps_deletions_left():
    from django.apps import apps

    renumber = importlib.import_module("marketplace.listings.migrations.0004_photo_positions_unique")
    listing = ListingFactory()
    photos = [ListingPhoto.objects.create(listing=listing, position=p, image="a.jpg") for p in (1, 4, 6)]
    renumber.photo_positions_renumber(apps, None)
    assert list(listing.photos.values_list("pk", "position")) == [(p.pk, i) for i, p in enumerate(photos)]


def test_two_photos_cannot_share_a_position():
    """The database refuses it too, whatever path a photo takes."""
    listing = ListingFactory()
    ListingPhoto.objects.create(listing=listing, position=0, image="a.jpg")
    with pytest.raises(IntegrityError), transaction.atomic():
        ListingPhoto.objects.create(listing=listing, position=0, image="b.jpg")

"""The seller's listing pages: errors beside the field, each listing shown and edited in its own currency,
bounded request bodies, and seller A never reaches seller B's listings."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ewtp.money import Money
from marketplace.listings.models import Listing
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory
from tests.marketplace.listings.images import png_upload
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hs_codes(hs_nomenclature):
    return hs_nomenclature


@pytest.fixture
def seller_client(client):
    seller = SellerFactory(verified=True, country="KE")
    client.force_login(seller.user)
    client.seller = seller
    return client


def _form(**overrides):
    return {
        "title": "Kiondo basket",
        "description": "Sisal and leather.",
        "category": CategoryFactory().slug,
        "price_amount": "3200",
        "price_currency": "KES",
        "stock": "4",
        "sku": "K-1",
        "hs_code": "4602.19",
        "origin_country": "KE",
        "net_weight_kg": "0.5",
        "length_cm": "35",
        "width_cm": "35",
        "height_cm": "30",
        "restrictions": [],
    } | overrides


def test_a_seller_creates_publishes_and_sees_a_listing(seller_client, hs_codes):
    # given a verified seller on the new-listing page
    # when the form is filled in and the listing is published
    response = seller_client.post(reverse("listings:create"), _form())
    listing = Listing.objects.get(sku="K-1")
    assert response.status_code == 302 and listing.hs_code == "460219" and listing.price_currency == "KES"
    seller_client.post(reverse("listings:status", args=[listing.pk]), {"status": "active"})
    # then it is visible in the shop
    listing.refresh_from_db()
    assert listing.is_visible
    assert seller_client.get(listing.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price_amount", "-5", "more than zero"),
        ("price_amount", "abc", "Enter a number"),
        ("price_amount", "0.0001", "The smallest price in KES is 0.01."),
        ("price_currency", "XAU", "Select a valid choice"),
        ("description", "x" * 5001, "at most 5000 characters"),
        ("stock", "-1", "greater than or equal to 0"),
        ("hs_code", "1234", "six digits"),
        ("hs_code", "999999", "not in the HS 2022 nomenclature"),
        ("net_weight_kg", "0", "more than zero"),
        ("origin_country", "XX", "Select a valid choice"),
        ("title", "", "This field is required"),
        ("restrictions", ["uranium"], "Select a valid choice"),
    ],
)
def test_each_bad_field_gets_its_message_beside_it(seller_client, hs_codes, field, value, message):
    response = seller_client.post(reverse("listings:create"), _form(**{field: value}))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'class="field-error"' in response.content.decode()
    assert not Listing.objects.exists()


def test_a_duplicate_sku_is_refused(seller_client, hs_codes):
    ListingFactory(seller=seller_client.seller, sku="K-1")
    response = seller_client.post(reverse("listings:create"), _form())
    assert "already have a listing with this SKU" in str(response.context["form"].errors["sku"])


def test_seller_a_never_reaches_seller_bs_listing(seller_client, hs_codes):
    other = ListingFactory(seller=SellerFactory(verified=True, country="PE"), title="Alpaca scarf")
    photo_response = None
    for name, method, data in [
        ("listings:edit", "get", None),
        ("listings:edit", "post", _form(title="Hijacked")),
        ("listings:status", "post", {"status": "paused"}),
        ("listings:photo_upload", "post", {"photo": png_upload()}),
    ]:
        response = getattr(seller_client, method)(reverse(name, args=[other.pk]), data)
        assert response.status_code == 404, name
    other.refresh_from_db()
    assert (other.title, other.status, other.photos.count()) == ("Alpaca scarf", "active", 0)
    assert photo_response is None
    listing_list = seller_client.get(reverse("listings:list")).content.decode()
    assert "Alpaca scarf" not in listing_list


def test_another_sellers_photo_cannot_be_deleted(seller_client):
    from marketplace.listings.services import listing_photo_add

    other = ListingFactory(seller=SellerFactory(verified=True, country="PE"))
    photo = listing_photo_add(listing=other, upload=png_upload())
    assert seller_client.post(reverse("listings:photo_delete", args=[photo.pk])).status_code == 404
    assert other.photos.count() == 1


def test_photo_upload_errors_are_shown(seller_client):
    listing = ListingFactory(seller=seller_client.seller)
    response = seller_client.post(
        reverse("listings:photo_upload", args=[listing.pk]),
        {"photo": png_upload(name="fake.png")},
        follow=True,
    )
    assert "Photo added" in response.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = seller_client.post(
        reverse("listings:photo_upload", args=[listing.pk]),
        {"photo": SimpleUploadedFile("x.png", b"GIF89a....")},
        follow=True,
    )
    assert "must be JPEG, PNG or WebP" in response.content.decode()
    assert listing.photos.count() == 1


def test_buyers_and_anonymous_users_are_sent_away(client):
    assert client.get(reverse("listings:list")).status_code == 302
    from tests.marketplace.sellers.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("listings:list"))
    assert response.status_code == 302 and response["Location"] == reverse("sellers:start")


def test_hs_finder_offers_6109_10_for_cotton_t_shirt(seller_client, hs_codes):
    page = seller_client.get(reverse("listings:hs_codes"), {"q": "cotton t-shirt"})
    assert "6109.10" in page.content.decode()
    data = seller_client.get(reverse("listings:hs_codes"), {"q": "cotton t-shirt", "format": "json"}).json()
    assert data["results"][0] == {
        "code": "610910",
        "display": "6109.10",
        "description": "T-shirts, singlets and other vests; of cotton, knitted or crocheted",
    }


# -- each listing in its own currency ---------------------------------------------------------------------


@pytest.fixture
def kes_listing_of_a_seller_now_in_usd(seller_client):
    listing = ListingFactory(seller=seller_client.seller, price_amount=Decimal("3200"), price_currency="KES")
    seller_client.seller.default_currency = "USD"
    seller_client.seller.save()
    return listing


def test_the_edit_form_shows_the_listings_own_currency(seller_client, kes_listing_of_a_seller_now_in_usd):
    """It used to label a KES price "In your currency, USD"."""
    # given a KES listing of a seller now in USD
    listing = kes_listing_of_a_seller_now_in_usd
    # when its edit page opens
    form = seller_client.get(reverse("listings:edit", args=[listing.pk])).context["form"]
    # then price and currency say KES
    assert form["price_currency"].value() == "KES"
    assert form.fields["price_amount"].help_text == "In KES, unless you change the currency below."
    # and the list of listings shows KES too
    assert "KES" in seller_client.get(reverse("listings:list")).content.decode()


def test_the_edit_form_changes_price_and_currency_together(
    seller_client, hs_codes, kes_listing_of_a_seller_now_in_usd
):
    listing = kes_listing_of_a_seller_now_in_usd
    data = _form(sku=listing.sku, price_amount="25", price_currency="USD")
    response = seller_client.post(reverse("listings:edit", args=[listing.pk]), data)
    assert response.status_code == 302
    assert Listing.objects.get(pk=listing.pk).price == Money("25", "USD")


def test_a_price_edit_keeps_the_listings_currency(
    seller_client, hs_codes, kes_listing_of_a_seller_now_in_usd
):
    listing = kes_listing_of_a_seller_now_in_usd
    data = _form(sku=listing.sku, price_amount="3300", price_currency="KES")
    seller_client.post(reverse("listings:edit", args=[listing.pk]), data)
    assert Listing.objects.get(pk=listing.pk).price == Money("3300", "KES")


def test_a_new_listing_starts_in_the_sellers_default_currency(seller_client):
    form = seller_client.get(reverse("listings:create")).context["form"]
    assert form["price_currency"].value() == "KES"


# -- bounded input --------------------------------------------------------------------------------------


def test_a_long_description_is_refused_beside_the_field(seller_client, hs_codes):
    """100,000 characters fit in a request but not in a listing: the limit is 5,000."""
    response = seller_client.post(reverse("listings:create"), _form(description="x" * 100_000))
    assert "at most 5000 characters" in " ".join(response.context["form"].errors["description"])
    assert not Listing.objects.exists()


def test_a_1_mb_description_is_refused_with_the_request(seller_client, hs_codes):
    """It used to be stored; now the request is too large to be read (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    response = seller_client.post(reverse("listings:create"), _form(description="x" * 2**20))
    assert response.status_code == 400
    assert not Listing.objects.exists()


def test_a_form_body_over_the_upload_limit_is_refused_before_it_is_read(seller_client, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE bounds what a form post may carry besides files."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None
    body = "title=" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = seller_client.post(
        reverse("listings:create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert not Listing.objects.exists()


def test_a_form_with_too_many_fields_is_refused(seller_client, settings):
    """DATA_UPLOAD_MAX_NUMBER_FIELDS bounds how many fields a post may have."""
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS is not None
    body = "&".join(f"restrictions=r{n}" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = seller_client.post(
        reverse("listings:create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_the_seller_names_the_language_of_their_text_and_pages_in_other_languages_mark_it(
    seller_client, hs_codes
):
    # given a seller who writes in Spanish
    seller_client.post(reverse("listings:create"), _form(title="Cesta de sisal", language="es"))
    listing = Listing.objects.get(sku="K-1")
    assert listing.language == "es"
    # when the form leaves the language out (an old form), the listing keeps it
    seller_client.post(reverse("listings:edit", args=[listing.pk]), _form(title="Cesta de sisal"))
    listing.refresh_from_db()
    assert listing.language == "es"
    # a language outside the list is refused beside the field
    response = seller_client.post(reverse("listings:edit", args=[listing.pk]), _form(language="xx-evil"))
    assert "Select a valid choice" in response.content.decode()
    # then the listing page in English marks the title as Spanish
    seller_client.post(reverse("listings:status", args=[listing.pk]), {"status": "active"})
    page = seller_client.get(listing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 lang="es">Cesta de sisal</h1>' in page

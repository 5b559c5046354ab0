"""The catalogue: verified sellers' active listings only, prices in the buyer's currency (rounded to its
exponent, worked by hand from the rates of 2026-10-30), filters, preferences, and a fixed number of queries.

Rates (tests/marketplace/conftest.py): 1 EUR = 144.30 KES (manual), 175.68 JPY (ECB), 0.3421 KWD (manual).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.listings.models import Listing
from marketplace.sellers.models import Seller
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 10, 30)


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _prices(response) -> dict[str, str]:
    """Title -> the price text each card shows."""
    return {card.title: card.price_text for card in response.context["cards"]}


@pytest.mark.parametrize(
    ("currency", "shown"),
    [
        # KES 3,200 -> JPY: 3200 x 175.68 / 144.30 = 562,176 / 144.30 = 3,895.88... -> ¥3,896 (no minor unit)
        ("JPY", "¥3,896"),
        # KES 3,200 -> KWD: 3200 x 0.3421 / 144.30 = 1,094.72 / 144.30 = 7.58641... -> KWD 7.586 (3 decimals)
        ("KWD", "KWD7.586"),
        # KES 3,200 -> EUR: 3200 / 144.30 = 22.1760... -> EUR 22.18
        ("EUR", "€22.18"),
    ],
)
def test_prices_are_converted_into_the_buyers_currency(client, currency, shown):
    # given a Kenyan basket at KES 3,200.00
    ListingFactory(title="Kiondo", price_amount=Decimal("3200.00"))
    # when a buyer browses in `currency`
    response = client.get("/", {"currency": currency})
    # then the card shows the price worked out above, rounded to the currency's exponent, and the seller's own
    [card] = response.context["cards"]
    assert (card.price_text, card.price_currency, card.converted) == (shown, currency, True)
    assert card.own_price_text == "KES3,200.00"
    assert f'data-currency="{currency}">≈ {shown}</span>' in response.content.decode()


def test_the_page_says_prices_are_approximate_and_dates_the_rates(client):
    ListingFactory()
    page = client.get("/", {"currency": "JPY"}).content.decode()
    assert "Converted prices are approximate: reference rates of 10/30/2026." in page  # en: m/d/Y


def test_only_verified_sellers_active_listings_are_shown(client):
    ListingFactory(title="Shown")
    ListingFactory(title="Paused", status=Listing.Status.PAUSED)
    ListingFactory(title="Draft", status=Listing.Status.DRAFT)
    ListingFactory(title="Unverified seller", seller=SellerFactory(complete=True, country="KE"))
    ListingFactory(
        title="Suspended seller",
        seller=SellerFactory(verified=True, country="KE", status=Seller.Status.SUSPENDED),
    )
    assert list(_prices(client.get("/"))) == ["Shown"]


def test_search_category_and_seller_country_filters(client):
    crafts = CategoryFactory(slug="crafts", name="Crafts")
    ListingFactory(title="Sisal basket", category=crafts)
    ListingFactory(
        title="Alpaca scarf", seller=SellerFactory(verified=True, country="PE"), price_amount=Decimal(1)
    )
    assert list(_prices(client.get("/", {"q": "SISAL"}))) == ["Sisal basket"]
    assert list(_prices(client.get("/", {"category": "crafts"}))) == ["Sisal basket"]
    assert list(_prices(client.get("/", {"seller_country": "PE"}))) == ["Alpaca scarf"]
    # an unknown filter value is ignored, not an error page
    assert client.get("/", {"category": "nope", "currency": "QQQ", "page": "x"}).status_code == 200


def test_currency_and_ship_to_default_from_accept_language_then_stick_in_a_cookie(client):
    ListingFactory()
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert (german.context["prefs"].currency, german.context["prefs"].ship_to) == ("EUR", "DE")
    japanese = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert (japanese.context["prefs"].currency, japanese.context["prefs"].ship_to) == ("JPY", "JP")
    chosen = client.get("/", {"currency": "GBP", "ship_to": "GB"}, HTTP_ACCEPT_LANGUAGE="de-DE")
    assert chosen.cookies["ewtp_currency"].value == "GBP"
    later = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert (later.context["prefs"].currency, later.context["prefs"].ship_to) == ("GBP", "GB")


def test_a_currency_without_a_rate_is_not_offered(client):
    ListingFactory()
    response = client.get("/", {"currency": "NGN"}, HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.context["prefs"].currency == "USD"
    assert "NGN" not in response.context["currencies"]
    assert "<option selected>USD</option>" in response.content.decode()


def test_a_sellers_currency_without_a_rate_shows_the_price_unconverted(client):
    ListingFactory(title="Nigerian shirt", seller=SellerFactory(verified=True, country="NG"))
    response = client.get("/", {"currency": "EUR"})
    [card] = response.context["cards"]
    assert (card.converted, card.price_text) == (False, "NGN3,200.00")
    assert "No exchange rate for this currency yet" in response.content.decode()


def test_pagination_without_counting_every_listing(client):
    ListingFactory.create_batch(30)
    first = client.get("/")
    assert len(first.context["cards"]) == 24 and first.context["has_next"]
    second = client.get("/", {"page": 2})
    assert len(second.context["cards"]) == 6 and not second.context["has_next"]
    titles = {c.title for c in first.context["cards"]} | {c.title for c in second.context["cards"]}
    assert len(titles) == 30


def test_the_query_count_does_not_grow_with_the_number_of_listings(client):
    ListingFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/", {"currency": "JPY"})
    ListingFactory.create_batch(40, seller=SellerFactory(verified=True, country="KE"))

    with CaptureQueriesContext(connection) as many:
        response = client.get("/", {"currency": "JPY"})
    assert len(response.context["cards"]) == 24
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 10

"""A listing's page: both prices, the seller, customs facts, and whether it ships to the buyer."""

from datetime import date
from decimal import Decimal

import pytest

from logistics.partners.models import Partner, RateCard
from marketplace.listings.models import Listing
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def _lane(origin: str, destination: str) -> None:
    partner, _ = Partner.objects.get_or_create(slug="swift", defaults={"name": "Swift Parcel"})
    RateCard.objects.create(
        partner=partner,
        origin_country=origin,
        destination_country=destination,
        service_level="standard",
        currency="EUR",
        transit_days_min=5,
        transit_days_max=9,
    )


def test_the_page_shows_both_prices_seller_and_customs_facts(client):
    listing = ListingFactory(title="Kiondo basket", price_amount=Decimal("3200.00"))
    page = client.get(listing.get_absolute_url(), {"currency": "EUR"}).content.decode()
    assert "≈ €22.18" in page
    assert "Seller's price: KES3,200.00." in page

    assert "4602.19" in page and "Kenya" in page and "Verified seller" in page and "Member since" in page
    assert "Converted at the rate of 10/30/2026 (Central Bank of Kenya)" in page  # en: m/d/Y


def test_it_says_whether_it_ships_to_the_buyers_country(client):
    listing = ListingFactory()
    # no lanes published at all: the page says so rather than guessing
    assert "Shipping routes not published yet" in client.get(listing.get_absolute_url()).content.decode()
    _lane("KE", "DE")
    assert "Ships to Germany" in client.get(listing.get_absolute_url(), {"ship_to": "DE"}).content.decode()
    assert (
        "Does not ship to Japan yet"
        in client.get(listing.get_absolute_url(), {"ship_to": "JP"}).content.decode()
    )


def test_the_catalogue_only_shows_goods_that_ship_to_the_buyer_once_lanes_exist(client):
    ListingFactory(title="Kenyan basket")
    ListingFactory(title="Peruvian scarf", seller__country="PE")
    _lane("KE", "DE")
    titles = [card.title for card in client.get("/", {"ship_to": "DE"}).context["cards"]]
    assert titles == ["Kenyan basket"]


def test_hidden_listings_are_not_found(client):
    listing = ListingFactory(status=Listing.Status.PAUSED)
    assert client.get(listing.get_absolute_url()).status_code == 404
    assert client.get("/listings/999999/").status_code == 404

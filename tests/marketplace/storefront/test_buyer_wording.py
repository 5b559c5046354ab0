"""Buyers read the law or the authority behind each figure and "demo exchange rate" for the demo world's
rates, never the team's internal wording (a reference file's name, a command's name, an "identity" rate)."""

import io
from datetime import date
from decimal import Decimal

import pytest

from logistics.customs.models import DutyRate, ImportRule, VatRate
from logistics.partners.demo import DESTINATIONS
from logistics.partners.demo import demo_seed as partners_demo_seed
from marketplace.listings.demo import _manual_rates as demo_manual_rates
from tests.logistics.conftest import ecb_history_lines, fx_days  # noqa: F401 - shared fixtures
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db

INTERNAL = ["TRADE.md", "seed_demo", "EWTP estimate", "identity"]


@pytest.fixture
def demo_world(fx_days, customs_rules, monkeypatch):  # noqa: F811 - the imported fixture, requested
    """The ECB rates of 2026-10-30, the demo world's manual rates and partners, and the seeded rules."""
    fx_days("2026-10-30")
    demo_manual_rates()
    partners_demo_seed(stdout=io.StringIO())
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def _page(client, listing, **params) -> str:
    response = client.get(listing.get_absolute_url(), params)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_a_kenyan_listing_names_the_demo_exchange_rate_and_the_eu_law(client, demo_world):
    # given a Kenyan basket (KES, a demo rate) and a buyer in Germany on 2026-10-30
    listing = ListingFactory()
    # when
    page = _page(client, listing, ship_to="DE", currency="EUR")
    # then the conversion says where its rate is from, and the delivered cost names the EU's rule-maker
    assert "Converted at the rate of 10/30/2026 (demo exchange rate);" in page
    assert "Council of the European Union: flat EUR 3 customs duty per tariff subheading" in page
    assert "European Commission: VAT rates applied in the Member States" in page
    for word in INTERNAL:
        assert word not in page


@pytest.mark.parametrize("destination", [*DESTINATIONS, "DE"])
def test_no_destination_shows_internal_wording(client, demo_world, destination):
    # given a Kenyan basket
    listing = ListingFactory()
    # when a buyer in `destination` opens it, in their own currency
    page = _page(client, listing, ship_to=destination)
    # then the delivered cost is worked out and every source is one a buyer can look up
    assert "Total delivered" in page
    for word in INTERNAL:
        assert word not in page


def test_every_rule_source_names_a_law_or_an_authority(customs_rules):
    # given the seeded landed-cost rules
    sources = [
        *ImportRule.objects.values_list("source", flat=True),
        *VatRate.objects.values_list("source", flat=True),
        *DutyRate.objects.values_list("source", flat=True),
    ]
    # then none points at an internal file or calls itself the platform's own estimate
    assert sources
    assert [s for s in sources if "TRADE.md" in s or "EWTP" in s] == []


def test_a_price_in_the_sellers_own_currency_claims_no_conversion(client, demo_world):
    # given a Chinese seller's listing at CNY 189.00, and a buyer who chose yuan
    seller = SellerFactory(verified=True, country="CN")
    listing = ListingFactory(seller=seller, price_amount=Decimal("189.00"), price_currency="CNY")
    # when
    page = _page(client, listing, ship_to="CN", currency="CNY")
    # then the page shows the seller's price and no conversion sentence
    assert "Seller's price: CN¥189.00." in page
    assert "Converted at" not in page and "identity" not in page

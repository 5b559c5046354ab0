"""Fixtures for the orders tests: the rates of 2026-10-30 and the seeded customs rules, the built-in test
gateway, partners' lanes, and a buyer going through the checkout with the Django client.

The worked figures of the tests use the Kenyan basket of tests/marketplace/storefront/test_delivered.py:
KES 3,200 at 1 EUR = 144.30 KES is 22.1760 -> EUR 22.18; 35 x 35 x 30 cm is 7.35 kg chargeable.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from logistics.customs.tasks import documents_generate
from logistics.partners.models import Partner, RateCard, WeightBand
from marketplace.orders.models import Checkout
from tests.marketplace.listings.factories import ListingFactory

TODAY = date(2026, 10, 30)
WEBHOOK_SECRET = "whsec_test_orders_suite"
IOSS_NUMBER = "IM2760000042"
CARD_OK = "4242 4242 4242 4242"
CARD_DECLINED = "4000 0000 0000 0002"
ADDRESS_DE = {
    "name": "Anna Schmidt", "street": "Invalidenstraße 117", "city": "Berlin", "postcode": "10115",
    "country": "DE", "phone": "+49 30 1234567", "email": "anna@example.com",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _world(rates, customs_rules, monkeypatch, settings):
    """The rates and rules of 2026-10-30, that day as today, the test gateway, the platform's IOSS number;
    customs documents are queued (the outbox) but not rendered (their own tests render them)."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.TEST_GATEWAY_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PLATFORM_IOSS_NUMBER = IOSS_NUMBER
    monkeypatch.setattr(documents_generate, "run", lambda **kwargs: [])


def lane(
    origin: str = "KE",
    destination: str = "DE",
    *,
    partner: str = "swift",
    service: str = "standard",
    price: str = "12.00",
    currency: str = "EUR",
    ddp: bool = False,
    days: tuple[int, int] = (5, 9),
    up_to_kg: str = "100",
) -> RateCard:
    """A partner's rate card: one weight band up to `up_to_kg` at `price`."""
    owner, _ = Partner.objects.get_or_create(slug=partner, defaults={"name": partner.title() + " Parcel"})
    card = RateCard.objects.create(
        partner=owner, origin_country=origin, destination_country=destination, service_level=service,
        currency=currency, transit_days_min=days[0], transit_days_max=days[1], ddp_offered=ddp,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal(up_to_kg), price=Decimal(price))
    return card


@pytest.fixture
def basket():
    """An active Kenyan listing (KES 3,200, 5 in stock) with a lane to Germany at EUR 12.00 (DAP)."""
    lane()
    return ListingFactory()


class Buyer:
    """A buyer driving the checkout through the Django client, as the pages' forms post."""

    def __init__(self, client, capture):
        self.client = client
        self.capture = capture
        client.cookies["ewtp_currency"] = "EUR"  # chosen on the catalogue, as a buyer in Germany would

    def add(self, listing, quantity=1, **extra):
        return self.client.post("/cart/add/", {"listing": listing.pk, "quantity": quantity, **extra})

    def checkout(self, address=None, choices=None, currency=None):
        """Start the checkout and go through address and shipping; returns the review response."""
        self.client.post("/checkout/")
        response = self.client.post("/checkout/address/", address or ADDRESS_DE)
        assert response.status_code == 302, response.content.decode()[-3000:]
        self.client.post("/checkout/shipping/", choices or {})
        if currency:
            self.client.post("/checkout/currency/", {"currency": currency})
        return self.client.get("/checkout/review/")

    def current(self) -> Checkout:
        return Checkout.objects.get(reference=self.client.session["orders_checkout"])

    def pay(self, **overrides):
        """Press Pay on the current review; returns the response (a redirect to the gateway's page)."""
        checkout = self.current()
        data = {"review_version": checkout.review_version, "currency": checkout.currency, **overrides}
        return self.client.post("/checkout/pay/", data)

    def card(self, gateway_url: str, number: str = CARD_OK):
        """Submit a card on the test gateway's page, its events processed as a worker would."""
        path = re.sub(r"^https?://[^/]+", "", gateway_url)
        with self.capture(execute=True):
            return self.client.post(path, {"card_number": number})


@pytest.fixture
def buyer(client, celery_eager, django_capture_on_commit_callbacks):
    return Buyer(client, django_capture_on_commit_callbacks)

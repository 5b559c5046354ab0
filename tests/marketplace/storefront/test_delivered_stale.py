"""The listing page says, with the rate's date, when the delivered price uses a stale exchange rate.

The Kenyan basket of test_delivered.py (KES 3,200 to Germany, EUR 12.00 shipping). The KES rate is set for
2026-10-30; rates are stale after 5 days.
"""

from datetime import date
from decimal import Decimal

import pytest

from logistics.partners.models import Partner, RateCard, WeightBand
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

WARNING = "This price uses an exchange rate from"


@pytest.fixture(autouse=True)
def _world(rates, customs_rules, settings):
    settings.FX_STALE_AFTER_DAYS = 5
    partner = Partner.objects.create(slug="swift", name="Swift Parcel")
    card = RateCard.objects.create(
        partner=partner, origin_country="KE", destination_country="DE", service_level="standard",
        currency="EUR", transit_days_min=5, transit_days_max=9,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal("12.00"))


def _page(client, monkeypatch, today: date) -> tuple[object, str]:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    listing = ListingFactory()
    response = client.get(listing.get_absolute_url(), {"ship_to": "DE", "currency": "EUR"})
    assert response.status_code == 200
    return response.context["delivered"], " ".join(response.content.decode().split())


def test_a_stale_rate_shows_the_warning_with_its_date(client, monkeypatch):
    # given the page on 2026-11-09: the KES rate of 2026-10-30 is 10 days old (> 5)
    delivered, page = _page(client, monkeypatch, date(2026, 11, 9))
    # then
    assert delivered.fx_stale and delivered.fx_rate_date == date(2026, 10, 30)
    assert f"{WARNING} 10/30/2026, more than 5 days old: no newer rate was available." in page  # en: m/d/Y
    assert 'id="delivered-fx-stale"' in page


def test_a_fresh_rate_shows_no_warning(client, monkeypatch):
    # given the page on the rate's own day
    delivered, page = _page(client, monkeypatch, date(2026, 10, 30))
    # then
    assert not delivered.fx_stale
    assert WARNING not in page and "delivered-fx-stale" not in page

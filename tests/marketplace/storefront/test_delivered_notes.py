"""The listing page's delivered price says what it cannot know or does not model: the province (Canada's
provincial tax), excise duty (wine), and which rates are estimates; and links each source to its law.

Same world as test_delivered.py: a Kenyan basket (KES 3,200, HS 4602.19) and a lane at EUR 12.00, rates
of 2026-10-30. Canada, in CAD (1 EUR = 1.5606 CAD): item 34.61, duty 6 % (an estimate) = 2.08, GST 5 % of
34.61 + 2.08 = 36.69 = 1.8345 -> 1.83.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.services import fx_rates_import
from ewtp.money import Money
from logistics.partners.models import Partner, RateCard, WeightBand
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, customs_rules, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))
    fx_rates_import(data=b"Date,CAD,\n2026-10-30,1.5606,\n", origin="test")  # the ECB's rate that day


def _lane(destination: str) -> None:
    partner, _ = Partner.objects.get_or_create(slug="swift", defaults={"name": "Swift Parcel"})
    card = RateCard.objects.create(
        partner=partner, origin_country="KE", destination_country=destination, service_level="standard",
        currency="EUR", transit_days_min=5, transit_days_max=9, ddp_offered=False,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal("12.00"))


def _page(client, listing, **params):
    response = client.get(listing.get_absolute_url(), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.context["delivered"], " ".join(response.content.decode().split())


def test_canada_shows_gst_and_says_provincial_tax_depends_on_the_province(client):
    _lane("CA")
    delivered, page = _page(client, ListingFactory(), ship_to="CA", currency="CAD")
    assert (delivered.duties, delivered.taxes) == (Money("2.08", "CAD"), Money("1.83", "CAD"))
    assert "Provincial tax depends on the province: only GST is shown." in page
    assert "Estimate: Duty line 1 (HS 460219): this rate is not confirmed." in page
    # the sources name the authority, linked to its page
    assert (
        'href="https://www.canada.ca/en/revenue-agency/' in page and "Canada Revenue Agency: GST 5 %" in page
    )


def test_wine_says_excise_duty_is_not_modelled(client):
    _lane("DE")
    wine = ListingFactory(hs_code="220421")
    _delivered, page = _page(client, wine, ship_to="DE", currency="EUR")
    assert "Excise duty not modelled" in page
    assert "These goods are excluded from the low-value relief: the ordinary import rules apply." in page

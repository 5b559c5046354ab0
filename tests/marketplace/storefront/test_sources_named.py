"""A listing page names the authorities behind its figures (the ECB, the law, the tariff), never a file of
ours: not the rates file imported, not a seeds path, not a rule table's file name."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest

from ewtp.fx.services import fx_rate_set_manual, fx_rates_import
from logistics.partners.models import Partner, RateCard, WeightBand
from tests.marketplace.conftest import ECB_CSV, KES_PER_EUR, RATES_DAY
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

INTERNAL = re.compile(r"\.(csv|tsv|zip|xml|xlsx?)\b|seeds/|eurofxref|sdr\.csv", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _world(customs_rules, monkeypatch, settings):
    # the ECB's rates imported from a file of ours, as `load_seeds` and `import_fx_rates --file` do
    fx_rates_import(data=ECB_CSV, origin="seeds/fx/eurofxref-hist.zip")
    fx_rate_set_manual(currency="KES", day=RATES_DAY, rate=KES_PER_EUR, source="Central Bank of Kenya")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 30))  # stale too
    partner = Partner.objects.create(slug="swift", name="Swift Parcel")
    for destination, currency, price in (
        ("DE", "EUR", "12.00"),
        ("GB", "USD", "15.00"),
        ("JP", "USD", "18.00"),
    ):
        card = RateCard.objects.create(
            partner=partner, origin_country="KE", destination_country=destination, service_level="standard",
            currency=currency, transit_days_min=5, transit_days_max=9,
        )  # fmt: skip
        WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal(price))


def _visible(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize(("ship_to", "currency"), [("DE", "EUR"), ("GB", "GBP"), ("JP", "JPY")])
def test_the_listing_page_names_no_file(client, ship_to, currency):
    # when a buyer opens a listing with its delivered cost
    listing = ListingFactory()
    response = client.get(listing.get_absolute_url(), {"ship_to": ship_to, "currency": currency})
    # then the page shows the delivered cost and its sources, and no file name or seeds path anywhere
    assert response.status_code == 200 and response.context["delivered"] is not None
    html = response.content.decode()
    text = _visible(html)
    assert "How this is worked out" in text
    assert not INTERNAL.search(text), INTERNAL.search(text)
    assert "seeds/" not in html and "eurofxref" not in html

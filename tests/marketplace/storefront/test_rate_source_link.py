"""The listing page names the exchange rate's source and links to it where the publisher has a page (the
ECB's reference rates); a manual rate's publisher is named without a link. Every page's footer links the
ECB."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from ewtp.fx.services import fx_rate_set_manual, fx_rates_import
from ewtp.fx.sources import ECB_SOURCE_URL
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 30)
LINK = f'<a class="rate-source" href="{ECB_SOURCE_URL}" rel="external noopener">'


@pytest.fixture(autouse=True)
def _rates(db, settings, monkeypatch):
    settings.FX_STALE_AFTER_DAYS = 10_000
    fx_rates_import(data=b"Date,USD,GBP,\n2026-11-30,1.1172,0.8338,\n", origin="test")
    fx_rate_set_manual(currency="KES", day=DAY, rate=Decimal("144.30"), source="Central Bank of Kenya")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: DAY)
    yield
    translation.deactivate()


def _page(client, listing, currency: str) -> str:
    url = f"{listing.get_absolute_url()}?currency={currency}"
    return client.get(url, headers={"accept-language": "en-GB"}).content.decode()


def test_the_ecb_leg_of_a_kenyan_price_in_dollars_is_linked(client):
    # given a Kenyan listing shown in USD: KES -> EUR (Central Bank of Kenya), EUR -> USD (ECB)
    page = _page(client, ListingFactory(), "USD")
    # then the sentence names both, and one link goes to the ECB's page, named for people
    assert "(Central Bank of Kenya + European Central Bank)" in page
    assert f"{LINK}Rates published by the European Central Bank</a>" in page
    assert page.count('class="rate-source"') == 1


def test_a_price_converted_only_at_a_manual_rate_has_no_source_link(client):
    # given the same listing in EUR: only the Central Bank of Kenya's rate, which has no page stored
    page = _page(client, ListingFactory(), "EUR")
    # then its name, and no rate-source link
    assert "(Central Bank of Kenya)" in page
    assert 'class="rate-source"' not in page


def test_the_footer_links_the_ecbs_reference_rates(client):
    page = _page(client, ListingFactory(), "EUR")
    assert f'<a href="{ECB_SOURCE_URL}" rel="external noopener">ecb.europa.eu</a>' in page

"""Dates on buyer pages follow the buyer's language: British English 30/11/2026, American English 11/30/2026,
Simplified Chinese 2026年11月30日 (Django's formats for en-gb, en and zh-hans)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from ewtp.fx.services import fx_rate_set_manual, fx_rates_import
from marketplace.sellers.models import Seller
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _rates_of_the_30th_of_november(db, settings, monkeypatch):
    settings.FX_STALE_AFTER_DAYS = 10_000
    fx_rates_import(data=b"Date,USD,GBP,CNY,\n2026-11-30,1.1172,0.8338,7.4326,\n", origin="test")
    fx_rate_set_manual(currency="KES", day=DAY, rate=Decimal("144.30"), source="Central Bank of Kenya")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: DAY)
    yield
    translation.deactivate()  # LocaleMiddleware leaves the last request's language active in this thread


@pytest.fixture
def listing():
    listing = ListingFactory(title="Sisal basket")
    Seller.objects.filter(pk=listing.seller_id).update(created_at=datetime(2025, 3, 14, 12, tzinfo=UTC))
    return listing


@pytest.mark.parametrize(
    ("accept_language", "html_lang", "rates_day"),
    [
        ("en-GB,en;q=0.8", "en-gb", "30/11/2026"),
        ("en-US,en;q=0.8", "en", "11/30/2026"),
        ("zh-CN,zh;q=0.9", "zh-hans", "2026年11月30日"),
    ],
    ids=["en-GB", "en-US", "zh-CN"],
)
def test_the_catalogue_dates_its_rates_in_the_buyers_format(
    client, listing, accept_language, html_lang, rates_day
):
    # given the reference rates of 30 November 2026
    # when a buyer whose browser asks for `accept_language` opens the catalogue
    page = client.get("/", headers={"accept-language": accept_language}).content.decode()
    # then the page is in that language and the rates' date in its short format
    assert f'<html lang="{html_lang}">' in page
    assert rates_day in page
    assert "2026-11-30" not in page


def test_a_british_buyer_reads_day_month_year_on_a_listing(client, listing):
    # given a Kenyan listing of a seller who joined in March 2025
    # when a British buyer opens it
    page = client.get(listing.get_absolute_url(), headers={"accept-language": "en-GB"}).content.decode()
    # then the conversion is dated 30/11/2026 and the seller has been a member since March 2025
    assert "Converted at the rate of 30/11/2026 (Central Bank of Kenya + European Central Bank)" in page
    assert "Member since March 2025" in page


def test_an_american_buyer_reads_month_day_year_on_a_listing(client, listing):
    # given / when
    page = client.get(listing.get_absolute_url(), headers={"accept-language": "en-US"}).content.decode()
    # then
    assert "Converted at the rate of 11/30/2026 (Central Bank of Kenya + European Central Bank)" in page
    assert "Member since March 2025" in page


def test_a_chinese_buyer_reads_year_month_day_on_a_listing(client, listing):
    # given / when
    page = client.get(listing.get_absolute_url(), headers={"accept-language": "zh-CN"}).content.decode()
    # then the dates are written the Chinese way, whatever the sentence around them
    assert "2026年11月30日" in page
    assert "2025年3月" in page
    assert "30/11/2026" not in page and "11/30/2026" not in page

"""A listing's price in the buyer's currency, worked by hand with the rates of 2026-10-30."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.conversion import fx_rate_table
from ewtp.money import Money
from marketplace.pricing.prices import listing_price_convert
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_a_price_is_converted_with_its_rate_and_date(rates):
    # KES 3,200 -> GBP: 3200 x 0.8338 / 144.30 = 2,668.16 / 144.30 = 18.4903... -> GBP 18.49
    listing = ListingFactory(price_amount=Decimal("3200.00"))
    price = listing_price_convert(listing, rates=fx_rate_table(on=date(2026, 10, 30)), currency="GBP")
    assert (price.money, price.rate_date) == (Money("18.49", "GBP"), date(2026, 10, 30))


def test_a_price_in_a_currency_without_a_rate_is_none(rates):
    listing = ListingFactory(price_currency="PEN")  # no PEN rate in these tests
    assert listing_price_convert(listing, rates=fx_rate_table(on=date(2026, 10, 30)), currency="EUR") is None

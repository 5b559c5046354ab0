"""A delivered cost says when an exchange rate behind it is stale (older than FX_STALE_AFTER_DAYS), and the
oldest rate's date: the listing's price, the partner's price and the landed-cost quote's conversions count.

Rates (tests/marketplace/conftest.py): 1 EUR = 144.30 KES set for 2026-10-30. Here a partner prices in NGN,
whose only rate is of 2026-10-01 (1 EUR = 1650 NGN), and rates are stale after 5 days.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.conversion import fx_rate_table
from ewtp.fx.services import fx_rate_set_manual
from logistics.partners.models import Partner, RateCard, WeightBand
from marketplace.pricing.checkout import basket_checkout_cost
from marketplace.pricing.delivered import BasketLine, basket_delivered_cost
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 30)


@pytest.fixture(autouse=True)
def _world(rates, customs_rules, settings):
    settings.FX_STALE_AFTER_DAYS = 5
    fx_rate_set_manual(currency="NGN", day=date(2026, 10, 1), rate=Decimal("1650"), source="CBN")


def _lane(currency: str, price: str) -> None:
    partner, _ = Partner.objects.get_or_create(slug="swift", defaults={"name": "Swift Parcel"})
    card = RateCard.objects.create(
        partner=partner, origin_country="KE", destination_country="DE", service_level="standard",
        currency=currency, transit_days_min=5, transit_days_max=9,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal(price))


def _cost(on: date):
    return basket_delivered_cost(
        lines=[BasketLine(ListingFactory())], ship_to="DE", currency="EUR", on=on, rates=fx_rate_table(on=on)
    )


def test_fresh_rates_make_a_fresh_quote():
    # given shipping priced in EUR: only KES -> EUR is converted, with the rate of the day
    _lane("EUR", "12.00")
    # when
    cost = _cost(DAY)
    # then
    assert (cost.shipments[0].fx_stale, cost.shipments[0].fx_rate_date) == (False, DAY)
    assert (cost.fx_stale, cost.fx_rate_date) == (False, DAY)


def test_the_partners_old_rate_makes_the_quote_stale_though_the_price_is_fresh():
    # given shipping priced in NGN (19,800 NGN / 1650 = EUR 12.00), whose rate is 29 days old on 10-30
    _lane("NGN", "19800")
    # when
    cost = _cost(DAY)
    # then the item's own conversion is fresh, the quote is not, and says from when
    shipment = cost.shipments[0]
    assert shipment.shipping.price.amount == Decimal("12.00")
    assert (shipment.fx_stale, shipment.fx_rate_date) == (True, date(2026, 10, 1))
    assert (cost.fx_stale, cost.fx_rate_date) == (True, date(2026, 10, 1))


def test_every_rate_ages_past_the_limit():
    # given EUR shipping, priced on 2026-11-09: the KES rate of 10-30 is 10 days old (> 5)
    _lane("EUR", "12.00")
    cost = _cost(date(2026, 11, 9))
    assert (cost.fx_stale, cost.fx_rate_date) == (True, DAY)


def test_checkout_prices_the_chosen_option_with_the_same_flag():
    # given two options: EUR 12.00 (fresh) and NGN 18,150 = EUR 11.00 (stale, the cheapest)
    _lane("EUR", "12.00")
    Partner.objects.create(slug="lagos", name="Lagos Express")
    card = RateCard.objects.create(
        partner=Partner.objects.get(slug="lagos"), origin_country="KE", destination_country="DE",
        service_level="express", currency="NGN", transit_days_min=3, transit_days_max=4,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal("18150"))
    listing = ListingFactory()

    def chosen(choice: str):
        cost = basket_checkout_cost(
            lines=[BasketLine(listing)], ship_to="DE", currency="EUR", on=DAY, rates=fx_rate_table(on=DAY),
            choices={listing.seller_id: choice},
        )  # fmt: skip
        return cost.shipments[0].cost

    # then the stale option's rate counts only when it is the one chosen
    assert (chosen("lagos:express").fx_stale, chosen("lagos:express").fx_rate_date) == (
        True,
        date(2026, 10, 1),
    )
    assert (chosen("swift:standard").fx_stale, chosen("swift:standard").fx_rate_date) == (False, DAY)

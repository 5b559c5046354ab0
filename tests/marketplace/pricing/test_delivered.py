"""A basket's delivered cost: one shipment per seller, quantities in the parcel's weight and the customs
value, the amount due on delivery taken from the landed-cost quote, typed errors for each reason.

Worked by hand with the rates of 2026-10-30 (1 EUR = 144.30 KES, 7.4326 CNY, 175.68 JPY) and the seeded
EU rules in force from 2026-07-01: goods up to EUR 150 have their VAT collected at sale, a flat EUR 3.00
duty per tariff subheading, and VAT 19 % on goods + duty + shipping. A Kenyan basket is KES 3,200, 0.5 kg,
35 x 35 x 30 cm: 36,750 cm3 / 5000 = 7.35 kg volumetric.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.conversion import fx_rate_table
from ewtp.money import Money
from logistics.partners.models import Partner, RateCard, WeightBand
from marketplace.listings.models import Listing
from marketplace.pricing.delivered import BasketLine, basket_delivered_cost, listing_delivered_cost
from marketplace.pricing.errors import (
    BasketInvalidError,
    DeliveredCostError,
    DeliveryRouteMissingError,
    ExchangeRateMissingError,
    ImportRulesMissingError,
    PricingErrorCode,
)
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 30)


@pytest.fixture(autouse=True)
def _world(rates, customs_rules):
    """The rates and rules of the day."""


def _lane(origin="KE", destination="DE", *, ddp=False, bands=(("10", "12.00"), ("20", "18.00"))):
    partner, _ = Partner.objects.get_or_create(slug="swift", defaults={"name": "Swift Parcel"})
    card = RateCard.objects.create(
        partner=partner, origin_country=origin, destination_country=destination, service_level="standard",
        currency="EUR", transit_days_min=5, transit_days_max=9, ddp_offered=ddp,
    )  # fmt: skip
    for up_to_kg, price in bands:
        WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal(up_to_kg), price=Decimal(price))


def _cost(lines, ship_to="DE", currency="EUR"):
    return basket_delivered_cost(lines=lines, ship_to=ship_to, currency=currency, on=DAY)


def _euros(*amounts: str) -> list[Money]:
    return [Money(amount, "EUR") for amount in amounts]


def test_two_of_a_kind_ship_as_one_parcel_priced_by_its_volume_and_assessed_on_their_value():
    # given a partner without duty-paid delivery, and two Kenyan baskets in the basket
    _lane(ddp=False)
    basket = BasketLine(ListingFactory(), quantity=2)
    # when
    cost = _cost([basket])
    # then, worked by hand:
    # items: 3200 / 144.30 = 22.176 -> EUR 22.18 each, x 2 = 44.36
    # parcel: 2 x 0.5 = 1 kg actual, 2 x 7.35 = 14.70 kg volumetric -> the 20 kg band: EUR 18.00
    # customs value: KES 6,400 / 144.30 = 44.352 -> EUR 44.35 (under 150: VAT at sale); duty: one
    # subheading x EUR 3.00 = 3.00; VAT 19 % x (44.35 + 3.00 + 18.00 = 65.35) = 12.4165 -> 12.42
    # total 44.36 + 18.00 + 3.00 + 12.42 = 77.78; even DAP the flat duty is collected with the VAT at sale
    # (never split from it): nothing on delivery
    [shipment] = cost.shipments
    assert [shipment.items, shipment.shipping.price, shipment.duties, shipment.taxes, shipment.fees,
            shipment.total] == _euros("44.36", "18.00", "3.00", "12.42", "0", "77.78")  # fmt: skip
    assert (shipment.due_at_checkout, shipment.due_on_delivery) == tuple(_euros("77.78", "0"))
    assert shipment.landed.goods == Money("44.35", "EUR") and shipment.assessed == Money("15.42", "EUR")
    assert (cost.total, cost.due_on_delivery, cost.due_at_checkout) == tuple(_euros("77.78", "0", "77.78"))


def test_each_seller_ships_a_parcel_of_their_own_and_the_basket_adds_them_up():
    # given a Kenyan basket and a Chinese bowl (CNY 189.00), each seller with a lane to Germany
    _lane("KE")
    _lane("CN")
    kenyan = ListingFactory()
    chinese = ListingFactory(
        seller=SellerFactory(verified=True, country="CN"),
        price_amount=Decimal("189.00"),
        price_currency="CNY",
        origin_country="CN",
    )
    # when
    cost = _cost([BasketLine(kenyan), BasketLine(chinese)])
    # then two shipments, worked by hand:
    # Kenya: item 22.18, shipping 12.00 (7.35 kg: the 10 kg band), duty 3.00, VAT 19 % x (22.18 + 3.00 +
    #   12.00 = 37.18) = 7.0642 -> 7.06; total 44.24, all at checkout (the flat duty goes with the VAT)
    # China: item 189 / 7.4326 = 25.4285 -> 25.43, shipping 12.00, duty 3.00, VAT 19 % x (25.43 + 3.00 +
    #   12.00 = 40.43) = 7.6817 -> 7.68; total 25.43 + 12.00 + 3.00 + 7.68 = 48.11, all at checkout
    assert [s.lines[0].listing for s in cost.shipments] == [kenyan, chinese]
    assert [s.total for s in cost.shipments] == _euros("44.24", "48.11")
    # the basket: items 22.18 + 25.43 = 47.61, shipping 24.00, duties 6.00, VAT 7.06 + 7.68 = 14.74,
    # total 47.61 + 24.00 + 6.00 + 14.74 = 92.35, nothing on delivery
    figures = [
        cost.items,
        cost.shipping,
        cost.duties,
        cost.taxes,
        cost.fees,
        cost.total,
        cost.due_on_delivery,
    ]
    assert figures == _euros("47.61", "24.00", "6.00", "14.74", "0", "92.35", "0")


def test_lines_of_one_seller_share_a_parcel():
    # given two different Kenyan listings of one seller
    _lane()
    first = ListingFactory()
    second = ListingFactory(seller=first.seller, hs_code="630790")
    # when
    cost = _cost([BasketLine(first), BasketLine(second)])
    # then one shipment: 2 x 7.35 = 14.70 kg volumetric -> the 20 kg band, EUR 18.00; two tariff
    # subheadings (4602.19, 6307.90): duty 2 x 3.00 = 6.00
    [shipment] = cost.shipments
    assert shipment.shipping.price == Money("18.00", "EUR") and shipment.duties == Money("6.00", "EUR")


def test_in_another_currency_what_is_due_on_delivery_is_the_quotes_own_share_of_the_converted_charges():
    # given a Kenyan basket for Germany, DAP, priced in yen
    _lane(ddp=False)
    # when
    [shipment] = _cost([BasketLine(ListingFactory())], currency="JPY").shipments
    # then the quote's charges, EUR 3.00 duty + 7.06 VAT = 10.06, all at checkout (the flat duty goes with
    # the VAT collected at sale), are converted once: 10.06 x 175.68 = 1,767.34 -> ¥1,767, split
    # 0 : 10.06 (nothing on delivery), then 3.00 : 7.06 (526.94 -> 527 duty, 1,240.06 -> 1,240 VAT)
    assert shipment.landed.due_on_delivery == Money("0", "EUR")
    assert (shipment.due_on_delivery, shipment.duties, shipment.taxes) == (
        Money("0", "JPY"), Money("527", "JPY"), Money("1240", "JPY"),
    )  # fmt: skip
    # item 3200 x 175.68 / 144.30 = 3,895.88 -> ¥3,896; shipping 12 x 175.68 = 2,108.16 -> ¥2,108
    assert shipment.total == Money("7771", "JPY")  # 3896 + 2108 + 1767


def test_duty_paid_delivery_leaves_nothing_for_the_carrier():
    _lane(ddp=True)
    [shipment] = _cost([BasketLine(ListingFactory())]).shipments
    # the same figures as above, EUR 44.24, all at checkout
    assert (shipment.due_at_checkout, shipment.due_on_delivery) == tuple(_euros("44.24", "0"))


def test_within_the_sellers_own_country_there_is_shipping_and_no_border():
    # given a Kenyan partner's domestic lane, and a buyer in Kenya
    _lane("KE", "KE", bands=(("10", "5.00"),))
    listing = ListingFactory()
    # when
    [shipment] = _cost([BasketLine(listing)], ship_to="KE").shipments
    # then item 22.18 + shipping 5.00 = 27.18, no charges and no landed-cost quote
    assert (shipment.total, shipment.duties, shipment.taxes, shipment.landed) == (
        *_euros("27.18", "0", "0"), None,
    )  # fmt: skip
    # while the listing page shows no delivered panel there
    assert (
        listing_delivered_cost(listing, ship_to="KE", currency="EUR", rates=fx_rate_table(on=DAY), on=DAY)
        is None
    )


def test_the_one_listing_helper_is_the_basket_of_that_listing():
    _lane()
    listing = ListingFactory()
    shipment = listing_delivered_cost(
        listing, ship_to="DE", currency="EUR", rates=fx_rate_table(on=DAY), on=DAY
    )
    assert shipment.total == Money("44.24", "EUR") and shipment.lines == (BasketLine(listing),)


@pytest.mark.parametrize(
    ("quantity", "field"),
    [
        (0, "lines[0].quantity"),
        (-1, "lines[0].quantity"),
        (True, "lines[0].quantity"),
        (Decimal("1.5"), "lines[0].quantity"),
    ],
)
def test_a_line_without_a_whole_quantity_of_one_or_more_is_refused(quantity, field):
    _lane()
    with pytest.raises(BasketInvalidError) as caught:
        _cost([BasketLine(ListingFactory(), quantity=quantity)])
    assert caught.value.code == PricingErrorCode.BASKET_INVALID and field in caught.value.details
    assert caught.value.status == 422


def test_an_empty_basket_is_refused():
    with pytest.raises(BasketInvalidError):
        _cost([])


def test_a_route_no_partner_serves_is_a_route_missing_error():
    _lane("KE", "FR")
    with pytest.raises(DeliveryRouteMissingError) as caught:
        _cost([BasketLine(ListingFactory())])
    assert caught.value.code == PricingErrorCode.ROUTE_MISSING and caught.value.status == 404


def test_a_parcel_heavier_than_every_band_is_a_route_missing_error():
    # ten baskets: 10 x 7.35 = 73.5 kg volumetric, over the 20 kg band
    _lane()
    with pytest.raises(DeliveryRouteMissingError):
        _cost([BasketLine(ListingFactory(), quantity=10)])


def test_a_listing_the_lanes_cannot_weigh_is_a_route_missing_error():
    _lane()
    listing = ListingFactory()
    Listing.objects.filter(pk=listing.pk).update(net_weight_kg=0, length_cm=0)
    with pytest.raises(DeliveryRouteMissingError):
        _cost([BasketLine(Listing.objects.select_related("seller").get(pk=listing.pk))])


def test_a_destination_without_import_rules_is_an_import_rules_missing_error():
    _lane("KE", "ZA")
    with pytest.raises(ImportRulesMissingError) as caught:
        _cost([BasketLine(ListingFactory())], ship_to="ZA")
    assert caught.value.code == PricingErrorCode.IMPORT_RULES_MISSING


@pytest.mark.parametrize("missing", ["price", "rate_card"])
def test_a_currency_without_a_rate_is_an_exchange_rate_missing_error(missing):
    if missing == "price":  # a Peruvian price: no PEN rate in these tests
        _lane()
        listing = ListingFactory(price_currency="PEN")
    else:  # a rate card in rand: no ZAR rate either
        partner = Partner.objects.create(slug="rand", name="Rand Express")
        card = RateCard.objects.create(
            partner=partner, origin_country="KE", destination_country="DE", service_level="standard",
            currency="ZAR", transit_days_min=3, transit_days_max=6,
        )  # fmt: skip
        WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal("250"))
        listing = ListingFactory()
    with pytest.raises(ExchangeRateMissingError) as caught:
        _cost([BasketLine(listing)])
    assert caught.value.code == PricingErrorCode.EXCHANGE_RATE_MISSING


def test_goods_the_engine_cannot_quote_are_a_delivered_cost_error():
    _lane()
    listing = ListingFactory()
    Listing.objects.filter(pk=listing.pk).update(hs_code="46")
    with pytest.raises(DeliveredCostError) as caught:
        _cost([BasketLine(Listing.objects.select_related("seller").get(pk=listing.pk))])
    assert type(caught.value) is DeliveredCostError
    assert caught.value.code == PricingErrorCode.DELIVERED_COST_UNAVAILABLE

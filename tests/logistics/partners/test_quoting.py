"""Shipping quotes: chargeable weight, bands, the buyer's currency, cheapest and fastest, unserved lanes."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.errors import ApplicationError
from ewtp.money import Money
from logistics.partners.quoting import NO_ROUTE_MESSAGE, Dimensions, shipping_quote

ON = date(2026, 10, 30)  # 1 EUR = 1.1172 USD = 7.4326 CNY


@pytest.fixture
def rates(fx_days):
    fx_days("2026-10-30")


def test_the_volumetric_weight_is_charged_when_it_is_greater(rates, rate_card):
    # given a 2 kg parcel of 40 x 30 x 20 cm: 24,000 cm3 / 5000 = 4.8 kg volumetric
    rate_card(partner="alpha", currency="EUR", bands=(("1", "10.00"), ("2", "15.00"), ("5", "25.00")))
    # when
    quote = shipping_quote(
        origin="CN", destination="DE", weight_kg=Decimal("2"),
        dimensions=Dimensions(Decimal(40), Decimal(30), Decimal(20)), currency="EUR", on=ON,
    )  # fmt: skip
    # then the 5 kg band applies, not the 2 kg one
    assert (quote.volumetric_weight_kg, quote.chargeable_weight_kg) == (Decimal("4.8"), Decimal("4.8"))
    assert [o.price for o in quote.options] == [Money("25.00", "EUR")]


def test_the_actual_weight_is_charged_when_it_is_greater(rates, rate_card):
    # given 3 kg in a 10 x 10 x 10 cm box (0.2 kg volumetric)
    rate_card(partner="alpha", currency="EUR", bands=(("1", "10.00"), ("3", "18.00"), ("5", "25.00")))
    # when
    quote = shipping_quote(
        origin="CN", destination="DE", weight_kg=Decimal("3"),
        dimensions=Dimensions(Decimal(10), Decimal(10), Decimal(10)), currency="EUR", on=ON,
    )  # fmt: skip
    # then a band's limit is inclusive: exactly 3 kg is the 3 kg band
    assert quote.chargeable_weight_kg == Decimal("3")
    assert [o.price for o in quote.options] == [Money("18.00", "EUR")]


def test_prices_are_converted_and_the_cheapest_and_fastest_are_marked(rates, rate_card):
    # given three options in three currencies
    rate_card(partner="slow", currency="USD", transit=(10, 20), bands=(("5", "21.00"),))
    rate_card(partner="quick", currency="EUR", transit=(2, 4), service="express", bands=(("5", "45.00"),))
    rate_card(partner="middle", currency="CNY", transit=(6, 9), bands=(("5", "148.65"),))
    # when a buyer paying in EUR asks
    quote = shipping_quote(origin="CN", destination="DE", weight_kg=Decimal("1.5"), currency="EUR", on=ON)
    # then 21.00 USD / 1.1172 = 18.79699... -> 18.80 EUR; 148.65 CNY / 7.4326 = 20.0000... -> 20.00 EUR
    summary = [(o.partner_slug, o.price, o.cheapest, o.fastest) for o in quote.options]
    assert summary == [
        ("slow", Money("18.80", "EUR"), True, False),
        ("middle", Money("20.00", "EUR"), False, False),
        ("quick", Money("45.00", "EUR"), False, True),
    ]
    slow = quote.options[0]
    assert slow.partner_price == Money("21.00", "USD")
    assert (slow.fx_rate_date, slow.fx_source, slow.fx_stale) == (ON, "ECB", False)


def test_a_lane_priced_for_a_group_of_countries_serves_each_member(rates, rate_card, eu_group):
    # given a card to the EU group
    rate_card(partner="alpha", group=eu_group, currency="EUR", bands=(("2", "12.00"),))
    # when / then FR is served, ES (not in the group) is not
    assert shipping_quote(origin="CN", destination="FR", weight_kg=Decimal(1), currency="EUR", on=ON).options
    assert not shipping_quote(
        origin="CN", destination="ES", weight_kg=Decimal(1), currency="EUR", on=ON
    ).options


def test_an_unserved_lane_is_an_empty_answer_with_a_message(rates, rate_card):
    # given only CN -> DE is served
    rate_card(partner="alpha")
    # when asking for KE -> DE
    quote = shipping_quote(origin="KE", destination="DE", weight_kg=Decimal(1), currency="EUR", on=ON)
    # then
    assert quote.options == [] and quote.message == NO_ROUTE_MESSAGE == "We can't ship this route yet."


def test_a_parcel_heavier_than_every_band_and_inactive_partners_are_left_out(rates, rate_card):
    # given a 5 kg limit, and a second partner switched off
    rate_card(partner="alpha", bands=(("5", "25.00"),))
    card = rate_card(partner="beta", bands=(("30", "99.00"),))
    card.partner.is_active = False
    card.partner.save()
    # when
    quote = shipping_quote(origin="CN", destination="DE", weight_kg=Decimal("5.001"), currency="EUR", on=ON)
    # then
    assert quote.options == [] and quote.message == NO_ROUTE_MESSAGE


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"weight_kg": Decimal(0)}, "weight_kg"),
        ({"weight_kg": Decimal("-1")}, "weight_kg"),
        ({"origin": "XX"}, "origin"),
        ({"destination": ""}, "destination"),
        ({"dimensions": Dimensions(Decimal(10), Decimal(0), Decimal(10))}, "dimensions.width_cm"),
    ],
)
def test_bad_input_names_the_field(db, kwargs, field):
    arguments = {"origin": "CN", "destination": "DE", "weight_kg": Decimal(1), "currency": "EUR"} | kwargs
    with pytest.raises(ApplicationError) as caught:
        shipping_quote(**arguments)
    assert field in caught.value.details

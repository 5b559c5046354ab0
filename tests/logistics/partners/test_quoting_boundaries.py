"""Shipping quotes at their edges: what each option carries over from its rate card, what the quote says
about the parcel whether or not a lane serves it, and what each refused weight or dimension says."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.money import Money
from logistics.partners.errors import ShippingQuoteError
from logistics.partners.quoting import NO_ROUTE_MESSAGE, Dimensions, ShippingOption, shipping_quote

ON = date(2026, 10, 30)  # 1 EUR = 1.1172 USD


@pytest.fixture
def rates(fx_days):
    fx_days("2026-10-30")


def test_an_option_carries_the_rate_cards_partner_service_transit_and_ddp(rates, rate_card):
    # given an express, duty-paid card priced in USD: USD 33.52 up to 2 kg, 3 to 5 days
    rate_card(partner="swift", service="express", currency="USD", transit=(3, 5), ddp=True,
              bands=(("2", "33.52"),))  # fmt: skip
    # when a buyer paying in EUR asks for 1.2 kg from lower-case country codes
    quote = shipping_quote(origin="cn", destination="de", weight_kg="1.2", currency="EUR", on=ON)
    # then 33.52 / 1.1172 = 30.0035... -> EUR 30.00, the only option: cheapest and fastest
    assert quote.options == [
        ShippingOption(
            partner_slug="swift", partner_name="Swift", service_level="express", price=Money("30.00", "EUR"),
            partner_price=Money("33.52", "USD"), transit_days_min=3, transit_days_max=5, ddp_offered=True,
            fx_rate_date=ON, fx_source="ECB", fx_stale=False, cheapest=True, fastest=True,
        )
    ]  # fmt: skip
    # and the quote says what it was asked, normalised: no dimensions, so nothing volumetric
    assert (quote.origin, quote.destination, quote.currency, quote.message) == ("CN", "DE", "EUR", "")
    assert (quote.actual_weight_kg, quote.volumetric_weight_kg, quote.chargeable_weight_kg) == (
        Decimal("1.2"), Decimal(0), Decimal("1.2")
    )  # fmt: skip


def test_an_unserved_lane_still_says_what_was_asked(rates, rate_card):
    # given a card from China only
    rate_card(partner="swift")
    # when a 2 kg parcel of 50 x 40 x 30 cm is asked for from Kenya: 60,000 cm3 / 5000 = 12 kg volumetric
    quote = shipping_quote(
        origin="ke", destination="de", weight_kg=Decimal(2),
        dimensions=Dimensions(Decimal(50), Decimal(40), Decimal(30)), currency="GBP", on=ON,
    )  # fmt: skip
    # then no option, the message, and the parcel as it would be charged
    assert (quote.options, quote.message) == ([], NO_ROUTE_MESSAGE)
    assert (quote.origin, quote.destination, quote.currency) == ("KE", "DE", "GBP")
    assert (quote.actual_weight_kg, quote.volumetric_weight_kg, quote.chargeable_weight_kg) == (
        Decimal(2), Decimal(12), Decimal(12)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("weight", "message", "reason"),
    [
        (1.5, "weight_kg must be a decimal number.", "Not a decimal."),  # a float hides its rounding
        (True, "weight_kg must be a decimal number.", "Not a decimal."),
        (None, "weight_kg must be a decimal number.", "Not a decimal."),
        ("heavy", "weight_kg must be a decimal number.", "Not a decimal."),
        ("Infinity", "weight_kg must be greater than zero.", "Must be > 0."),
        (Decimal(0), "weight_kg must be greater than zero.", "Must be > 0."),
    ],
)
def test_a_refused_weight_says_why(db, weight, message, reason):
    with pytest.raises(ShippingQuoteError) as refused:
        shipping_quote(origin="CN", destination="DE", weight_kg=weight, currency="EUR")
    assert (refused.value.message, refused.value.details) == (message, {"weight_kg": reason})


@pytest.mark.parametrize(
    ("dimensions", "field"),
    [
        (Dimensions(Decimal(0), Decimal(10), Decimal(10)), "dimensions.length_cm"),
        (Dimensions(Decimal(10), Decimal(10), Decimal("-1")), "dimensions.height_cm"),
    ],
)
def test_a_refused_dimension_names_itself(db, dimensions, field):
    with pytest.raises(ShippingQuoteError) as refused:
        shipping_quote(
            origin="CN", destination="DE", weight_kg=Decimal(1), dimensions=dimensions, currency="EUR"
        )
    assert refused.value.details == {field: "Must be > 0."}
    assert refused.value.message == f"{field} must be greater than zero."

"""Shipping quotes: every partner option for a parcel on a lane, priced in the buyer's currency."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ewtp.countries import country_code_validate
from ewtp.currencies import currency_validate
from ewtp.fx.conversion import RateTable, fx_rate_table
from ewtp.money import Money
from logistics.partners.errors import ShippingQuoteError
from logistics.partners.lanes import rate_cards_serving
from logistics.partners.models import RateCard

# Industry convention for air parcels: cubic centimetres / 5000 = kilograms.
VOLUMETRIC_DIVISOR = Decimal(5000)
NO_ROUTE_MESSAGE = "We can't ship this route yet."


@dataclass(frozen=True, slots=True)
class Dimensions:
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal


@dataclass(frozen=True, slots=True)
class ShippingOption:
    partner_slug: str
    partner_name: str
    service_level: str
    price: Money  # in the buyer's currency, rounded
    partner_price: Money  # as the rate card states it
    transit_days_min: int
    transit_days_max: int
    ddp_offered: bool
    fx_rate_date: date
    fx_source: str
    fx_stale: bool
    cheapest: bool = False
    fastest: bool = False


@dataclass(frozen=True, slots=True)
class ShippingQuote:
    origin: str
    destination: str
    actual_weight_kg: Decimal
    volumetric_weight_kg: Decimal
    chargeable_weight_kg: Decimal
    currency: str
    options: list[ShippingOption]
    message: str = ""


def _positive(value: object, field: str) -> Decimal:
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        raise ShippingQuoteError(f"{field} must be a decimal number.", details={field: "Not a decimal."})
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise ShippingQuoteError(
            f"{field} must be a decimal number.", details={field: "Not a decimal."}
        ) from None
    if not number.is_finite() or number <= 0:
        raise ShippingQuoteError(f"{field} must be greater than zero.", details={field: "Must be > 0."})
    return number


def chargeable_weight(*, weight_kg: Decimal, dimensions: Dimensions | None) -> tuple[Decimal, Decimal]:
    """(volumetric, chargeable) weight in kg: partners bill the greater of actual and L x W x H / 5000."""
    if dimensions is None:
        return Decimal(0), weight_kg
    volumetric = dimensions.length_cm * dimensions.width_cm * dimensions.height_cm / VOLUMETRIC_DIVISOR
    return volumetric, max(weight_kg, volumetric)


def rate_cards_priced(*, origin: str, destination: str, chargeable: Decimal) -> list[tuple[RateCard, Money]]:
    """Each rate card serving the lane with the price of its first band that takes the chargeable weight."""
    priced: list[tuple[RateCard, Money]] = []
    for card in rate_cards_serving(origin=origin, destination=destination):
        band = next((b for b in card.bands.all() if b.max_weight_kg >= chargeable), None)
        if band is not None:
            priced.append((card, Money(band.price, card.currency)))
    return priced


def _option_convert(
    card: RateCard, partner_price: Money, *, currency: str, rates: RateTable
) -> ShippingOption:
    conversion = rates.convert(partner_price, currency)
    return ShippingOption(
        partner_slug=card.partner.slug,
        partner_name=card.partner.name,
        service_level=card.service_level,
        price=conversion.money,
        partner_price=partner_price,
        transit_days_min=card.transit_days_min,
        transit_days_max=card.transit_days_max,
        ddp_offered=card.ddp_offered,
        fx_rate_date=conversion.rate_date,
        fx_source=conversion.source,
        fx_stale=conversion.stale,
    )


def _options_mark(options: list[ShippingOption]) -> list[ShippingOption]:
    """Cheapest first (ties: quicker, then by partner and service), the cheapest and the fastest marked."""
    options = sorted(
        options, key=lambda o: (o.price.amount, o.transit_days_max, o.partner_slug, o.service_level)
    )
    fastest = min(options, key=lambda o: (o.transit_days_max, o.transit_days_min, o.price.amount))
    return [
        replace(option, cheapest=index == 0, fastest=option is fastest)
        for index, option in enumerate(options)
    ]


def shipping_quote(
    *,
    origin: str,
    destination: str,
    weight_kg: Decimal,
    dimensions: Dimensions | None = None,
    currency: str,
    on: date | None = None,
    rates: RateTable | None = None,
) -> ShippingQuote:
    """Every active partner option for the lane, cheapest first, the cheapest and the fastest marked.

    A lane nobody serves (or a parcel heavier than every band) is not an error: the quote has no options
    and says so in `message`. A weight or dimension that is not above zero is a ShippingQuoteError.
    """
    origin = country_code_validate(origin, field="origin")
    destination = country_code_validate(destination, field="destination")
    weight_kg = _positive(weight_kg, "weight_kg")
    if dimensions is not None:
        dimensions = Dimensions(
            _positive(dimensions.length_cm, "dimensions.length_cm"),
            _positive(dimensions.width_cm, "dimensions.width_cm"),
            _positive(dimensions.height_cm, "dimensions.height_cm"),
        )
    currency = currency_validate(currency)
    volumetric, chargeable = chargeable_weight(weight_kg=weight_kg, dimensions=dimensions)
    priced = rate_cards_priced(origin=origin, destination=destination, chargeable=chargeable)
    if not priced:
        return ShippingQuote(
            origin, destination, weight_kg, volumetric, chargeable, currency, [], NO_ROUTE_MESSAGE
        )
    rates = rates or fx_rate_table(on=on)
    options = [_option_convert(card, price, currency=currency, rates=rates) for card, price in priced]
    return ShippingQuote(
        origin, destination, weight_kg, volumetric, chargeable, currency, _options_mark(options)
    )

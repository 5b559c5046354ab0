"""What a basket costs delivered to the buyer's country: goods, cheapest shipping, duties, import taxes and
fees, in the buyer's currency, with what is paid at checkout and what the carrier collects on delivery.

A basket ships as one parcel per seller (a shipment), from the seller's country. Each shipment is priced
with the logistics services: `shipping_quote` for the parcel (its cheapest option), `landed_cost_quote` for
its lines (DDP when that partner offers it, else DAP). Customs assess in the destination's currency, from
the partner's own price for shipping, so their figures do not depend on the currency the buyer browses in.

The landed-cost quote alone decides what is due on delivery. Its border charges (duties + taxes + fees)
are converted into the buyer's currency once, as one sum, and split by largest remainder in the
proportions of the quote's own figures: first into what is due on delivery and what is due at checkout,
then each of those into the duty, tax and fee lines it holds. So every line is rounded, the lines add up
to the two amounts due, and those add up to the total.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ewtp.countries import country_code_validate
from ewtp.currencies import currency_validate
from ewtp.fx.conversion import RateTable, RateTableWatched, fx_rate_table
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.money import Money
from logistics.customs.errors import LandedCostError, LandedCostRateMissingError, NoImportRulesError
from logistics.customs.landed_cost import LandedCostLine, LandedCostQuote, landed_cost_quote
from logistics.incoterms import Incoterm
from logistics.partners.errors import ShippingQuoteError
from logistics.partners.quoting import Dimensions, ShippingOption, chargeable_weight, shipping_quote
from marketplace.listings.models import Listing
from marketplace.pricing.errors import (
    BasketInvalidError,
    DeliveredCostError,
    DeliveryRouteMissingError,
    ExchangeRateMissingError,
    ImportRulesMissingError,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BasketLine:
    listing: Listing  # with its seller loaded
    quantity: int = 1


@dataclass(frozen=True, slots=True)
class ShipmentCost:
    """One seller's lines delivered to the buyer, every amount in the buyer's currency."""

    lines: tuple[BasketLine, ...]
    items: Money  # each line's converted unit price x its quantity, summed
    shipping: ShippingOption  # the cheapest option; its `price` is in the buyer's currency
    duties: Money
    taxes: Money
    fees: Money
    total: Money
    due_on_delivery: Money
    assessed: Money  # duties, taxes and fees in the destination's currency, as customs assess them
    landed: LandedCostQuote | None  # None within the seller's own country: no border to cross
    # The oldest exchange rate behind any figure (items, shipping, the landed-cost quote's conversions, the
    # border charges shown), and whether any rate used was older than FX_STALE_AFTER_DAYS: pages say so.
    fx_rate_date: date | None = None
    fx_stale: bool = False

    @property
    def due_at_checkout(self) -> Money:
        return self.total - self.due_on_delivery


@dataclass(frozen=True, slots=True)
class BasketDeliveredCost:
    """A basket delivered to `ship_to`: its shipments and their sums, in `currency`."""

    ship_to: str
    currency: str
    shipments: tuple[ShipmentCost, ...]
    items: Money
    shipping: Money
    duties: Money
    taxes: Money
    fees: Money
    total: Money
    due_on_delivery: Money

    @property
    def due_at_checkout(self) -> Money:
        return self.total - self.due_on_delivery

    @property
    def fx_stale(self) -> bool:
        return any(s.fx_stale for s in self.shipments)

    @property
    def fx_rate_date(self) -> date | None:
        """The oldest exchange rate behind the basket's figures (None: nothing was converted)."""
        return min((s.fx_rate_date for s in self.shipments if s.fx_rate_date), default=None)


def basket_delivered_cost(
    *,
    lines: Sequence[BasketLine],
    ship_to: str,
    currency: str,
    on: date,
    rates: RateTable | None = None,
    subdivision: str | None = None,
) -> BasketDeliveredCost:
    """`lines` delivered to `ship_to` (in the province or state `subdivision`, ISO 3166-2, when known) with
    the rules and rates of `on`, priced in `currency`.

    One shipment per seller, in the order the sellers first appear in `lines`. Raises a DeliveredCostError:
    BasketInvalidError (naming the line), DeliveryRouteMissingError, ImportRulesMissingError or
    ExchangeRateMissingError for those reasons, DeliveredCostError itself for goods the engine cannot quote.
    """
    ship_to = country_code_validate(ship_to, field="ship_to")
    currency = currency_validate(currency)
    basket_lines_check(lines)
    rates = rates or fx_rate_table(on=on)
    shipments = tuple(
        _shipment_cost(group, ship_to=ship_to, currency=currency, rates=rates, on=on, subdivision=subdivision)
        for group in basket_by_seller(lines).values()
    )

    def total(amounts) -> Money:
        return Money.sum(amounts, currency)

    return BasketDeliveredCost(
        ship_to=ship_to,
        currency=currency,
        shipments=shipments,
        items=total(s.items for s in shipments),
        shipping=total(s.shipping.price for s in shipments),
        duties=total(s.duties for s in shipments),
        taxes=total(s.taxes for s in shipments),
        fees=total(s.fees for s in shipments),
        total=total(s.total for s in shipments),
        due_on_delivery=total(s.due_on_delivery for s in shipments),
    )


def listing_delivered_cost(
    listing: Listing, *, ship_to: str, currency: str, rates: RateTable, on: date
) -> ShipmentCost | None:
    """One of `listing` delivered to `ship_to`, as its page shows it; None within the seller's own country.

    Raises what basket_delivered_cost raises."""
    if ship_to == listing.seller.country:
        return None
    basket = basket_delivered_cost(
        lines=[BasketLine(listing)], ship_to=ship_to, currency=currency, rates=rates, on=on
    )
    return basket.shipments[0]


def basket_by_seller(lines: Sequence[BasketLine]) -> dict[int, tuple[BasketLine, ...]]:
    """The lines grouped into one shipment per seller, in the order the sellers first appear."""
    by_seller: dict[int, list[BasketLine]] = {}
    for line in lines:
        by_seller.setdefault(line.listing.seller_id, []).append(line)
    return {seller_id: tuple(group) for seller_id, group in by_seller.items()}


def basket_lines_check(lines: Sequence[BasketLine]) -> None:
    """Raise BasketInvalidError naming the first line that is not a listing with a quantity of 1 or more."""
    if not lines:
        raise BasketInvalidError("A basket needs at least one line.", details={"lines": "Empty."})
    for i, line in enumerate(lines):
        quantity = line.quantity
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise BasketInvalidError(
                f"Line {i + 1} needs a quantity of at least 1.",
                details={f"lines[{i}].quantity": "Must be >= 1."},
            )


def _shipment_cost(
    lines: tuple[BasketLine, ...],
    *,
    ship_to: str,
    currency: str,
    rates: RateTable,
    on: date,
    subdivision: str | None = None,
) -> ShipmentCost:
    cheapest = shipment_options(lines, ship_to=ship_to, currency=currency, rates=rates, on=on)[0]
    return shipment_cost(
        lines, cheapest, ship_to=ship_to, currency=currency, rates=rates, on=on, subdivision=subdivision
    )


def shipment_cost(
    lines: tuple[BasketLine, ...],
    option: ShippingOption,
    *,
    ship_to: str,
    currency: str,
    rates: RateTable,
    on: date,
    subdivision: str | None = None,
) -> ShipmentCost:
    """One seller's `lines` shipped with `option` (the cheapest on the listing page, the buyer's choice at
    checkout): goods, shipping and the landed-cost quote's border charges in `currency`, with the oldest
    exchange rate behind any of them and whether one was stale."""
    landed = None
    watched = rates.watched()  # every rate this shipment's figures use, for its stale flag
    try:
        # A line costs its unit price as the catalogue shows it, times the quantity.
        items = Money.sum(
            (watched.convert(line.listing.price, currency).money * line.quantity for line in lines), currency
        )
        option_rate_note(watched, option)
        if lines[0].listing.seller.country != ship_to:  # within the seller's own country: no border
            landed = shipment_landed_cost(
                lines, option, ship_to=ship_to, rates=watched, on=on, subdivision=subdivision
            )
        assessed = Money.zero(currency) if landed is None else landed.duties + landed.taxes + landed.fees
        shown = assessed if assessed.currency == currency else watched.convert(assessed, currency).money
    except FxRateNotFoundError as exc:
        raise ExchangeRateMissingError(exc.message, details=exc.details) from exc
    duties, taxes, fees, on_delivery = charges_split(shown, landed)
    return ShipmentCost(
        lines=lines, items=items, shipping=option, duties=duties, taxes=taxes, fees=fees,
        total=items + option.price + shown, due_on_delivery=on_delivery, assessed=assessed, landed=landed,
        fx_rate_date=watched.oldest_rate_date, fx_stale=watched.stale,
    )  # fmt: skip


def option_rate_note(watched: RateTableWatched, option: ShippingOption) -> None:
    """Count the shipping option's own conversion (only the chosen one's: the others price nothing)."""
    if option.partner_price.currency != option.price.currency:
        watched.note_rate(day=option.fx_rate_date, stale=option.fx_stale)


def basket_parcel(lines: tuple[BasketLine, ...]) -> tuple[Decimal, Dimensions | None]:
    """The parcel's weight and size: one item's own; for more, the greater of the summed weights and the
    summed volumetric weights (the items packed together), which is what partners bill."""
    if len(lines) == 1 and lines[0].quantity == 1:
        listing = lines[0].listing
        return listing.net_weight_kg, Dimensions(listing.length_cm, listing.width_cm, listing.height_cm)
    actual = volumetric = Decimal(0)
    for line in lines:
        listing = line.listing
        size = Dimensions(listing.length_cm, listing.width_cm, listing.height_cm)
        actual += listing.net_weight_kg * line.quantity
        volumetric += chargeable_weight(weight_kg=listing.net_weight_kg, dimensions=size)[0] * line.quantity
    return max(actual, volumetric), None


def shipment_options(
    lines: tuple[BasketLine, ...], *, ship_to: str, currency: str, rates: RateTable, on: date
) -> tuple[ShippingOption, ...]:
    """The options that ship one seller's `lines` (one parcel) from the seller's country to `ship_to`,
    cheapest first. Raises DeliveryRouteMissingError when none does, ExchangeRateMissingError when a
    partner's price cannot be converted into `currency`."""
    weight, dimensions = basket_parcel(lines)
    try:
        quote = shipping_quote(
            origin=lines[0].listing.seller.country, destination=ship_to, weight_kg=weight,
            dimensions=dimensions, currency=currency, on=on, rates=rates,
        )  # fmt: skip
    except ShippingQuoteError as exc:  # a weight or size the lanes cannot price (an old or imported row)
        logger.warning(
            "pricing.parcel_unpriceable", extra={"listing": lines[0].listing.pk, "error": exc.message}
        )
        raise DeliveryRouteMissingError(exc.message, details={"ship_to": exc.message}) from exc
    except FxRateNotFoundError as exc:
        raise ExchangeRateMissingError(exc.message, details=exc.details) from exc
    if not quote.options:
        raise DeliveryRouteMissingError(quote.message, details={"ship_to": quote.message})
    return tuple(quote.options)


def shipment_landed_cost(
    lines: tuple[BasketLine, ...],
    cheapest: ShippingOption,
    *,
    ship_to: str,
    rates: RateTable,
    on: date,
    subdivision: str | None = None,
) -> LandedCostQuote:
    """The landed-cost quote for one seller's lines shipped with `cheapest` (DDP where it is offered), in
    the province or state `subdivision` where it is known (the checkout's address)."""
    try:
        return landed_cost_quote(
            destination=ship_to,
            lines=[
                LandedCostLine(
                    line.listing.hs_code, line.listing.origin_country, line.listing.price, line.quantity
                )
                for line in lines
            ],
            shipping=cheapest.partner_price,
            incoterm=Incoterm.DDP if cheapest.ddp_offered else Incoterm.DAP,
            on=on,
            origin=lines[0].listing.seller.country,
            rates=rates,
            subdivision=subdivision or None,
        )
    except LandedCostRateMissingError as exc:
        raise ExchangeRateMissingError(exc.message, details=exc.details) from exc
    except NoImportRulesError as exc:
        raise ImportRulesMissingError(exc.message, details={"ship_to": exc.message}) from exc
    except LandedCostError as exc:
        logger.warning(
            "pricing.landed_cost_unavailable", extra={"listing": lines[0].listing.pk, "error": exc.message}
        )
        raise DeliveredCostError(exc.message, details=exc.details) from exc


def charges_split(shown: Money, landed: LandedCostQuote | None) -> tuple[Money, Money, Money, Money]:
    """(duties, taxes, fees, due on delivery) in the buyer's currency: `shown` (the quote's border charges,
    converted) split by the quote's due on delivery, then each part into the lines it holds."""
    zero = Money.zero(shown.currency)
    if landed is None:
        return zero, zero, zero, zero
    assessed_zero = Money.zero(landed.currency)
    on_delivery, at_checkout = _split(
        shown, [landed.due_on_delivery, landed.duties + landed.taxes + landed.fees - landed.due_on_delivery]
    )
    duties_later = assessed_zero if landed.duties_at_checkout else landed.duties
    taxes_later = assessed_zero if landed.taxes_at_checkout else landed.taxes
    later = _split(on_delivery, [duties_later, taxes_later, landed.fees])
    now = _split(at_checkout, [landed.duties - duties_later, landed.taxes - taxes_later, assessed_zero])
    duties, taxes, fees = (a + b for a, b in zip(later, now, strict=True))
    return duties, taxes, fees, on_delivery


def _split(amount: Money, parts: list[Money]) -> list[Money]:
    """`amount` split in the proportions of `parts` (all zero: zeros)."""
    if not any(part.amount for part in parts):
        return [Money.zero(amount.currency)] * len(parts)
    return amount.allocate([part.amount for part in parts])

"""Pricing a checkout: every seller's shipping options, and the basket priced with the option the buyer chose.

basket_delivered_cost (delivered.py) prices a basket with each seller's cheapest option, for the listing
page. Checkout lets the buyer pick another option per seller, and must go on with the sellers that can ship
when one cannot. This module adds only that: the parcel, the landed-cost quote and the split of its charges
are delivered.py's own steps, called here, so the figures on the listing page and at checkout are made by
the same code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ewtp.countries import country_code_validate
from ewtp.currencies import currency_validate
from ewtp.fx.conversion import RateTable
from ewtp.money import Money
from logistics.partners.quoting import ShippingOption
from marketplace.pricing.delivered import (
    BasketLine,
    ShipmentCost,
    basket_by_seller,
    basket_lines_check,
    shipment_cost,
    shipment_options,
)
from marketplace.pricing.errors import DeliveredCostError


def shipping_option_key(option: ShippingOption) -> str:
    """How a form names an option: the partner and its service level ("swift:standard")."""
    return f"{option.partner_slug}:{option.service_level}"


@dataclass(frozen=True, slots=True)
class SellerShipment:
    """One seller's lines, with their shipping options (cheapest first) and, once priced, their cost; or
    the reason they cannot be delivered (`error`), in which case `cost` is None."""

    seller_id: int
    lines: tuple[BasketLine, ...]
    options: tuple[ShippingOption, ...]
    cost: ShipmentCost | None
    error: DeliveredCostError | None

    @property
    def chosen_key(self) -> str:
        return shipping_option_key(self.cost.shipping) if self.cost else ""


@dataclass(frozen=True, slots=True)
class CheckoutCost:
    """The basket at checkout: the shipments that can be delivered, priced, and those that cannot."""

    ship_to: str
    currency: str
    shipments: tuple[SellerShipment, ...]

    @property
    def priced(self) -> tuple[SellerShipment, ...]:
        return tuple(s for s in self.shipments if s.cost is not None)

    @property
    def unavailable(self) -> tuple[SellerShipment, ...]:
        return tuple(s for s in self.shipments if s.cost is None)

    def _sum(self, name: str) -> Money:
        return Money.sum((getattr(s.cost, name) for s in self.priced), self.currency)

    @property
    def total(self) -> Money:
        return self._sum("total")

    @property
    def due_on_delivery(self) -> Money:
        return self._sum("due_on_delivery")

    @property
    def due_at_checkout(self) -> Money:
        return self.total - self.due_on_delivery


def basket_checkout_cost(
    *,
    lines: Sequence[BasketLine],
    ship_to: str,
    currency: str,
    on: date,
    rates: RateTable,
    choices: Mapping[int, str] | None = None,
    subdivision: str | None = None,
) -> CheckoutCost:
    """`lines` delivered to `ship_to`, one shipment per seller (in the order they first appear), each with
    the option `choices[seller_id]` names, else its cheapest. A seller that cannot be delivered keeps its
    reason in `error` and the others are priced all the same. A key in `choices` that is not among the
    seller's options is ignored (the cheapest is used): callers check choices with shipping_choice_check.
    `subdivision` is the address's province or state (ISO 3166-2), whose own tax the quotes apply.

    Raises BasketInvalidError for an empty basket or a bad quantity, and a kernel error for a bad country
    or currency code."""
    ship_to = country_code_validate(ship_to, field="ship_to")
    currency = currency_validate(currency)
    basket_lines_check(lines)
    shipments = tuple(
        _seller_shipment(
            group,
            ship_to=ship_to,
            currency=currency,
            rates=rates,
            on=on,
            choice=(choices or {}).get(seller_id, ""),
            subdivision=subdivision,
        )
        for seller_id, group in basket_by_seller(lines).items()
    )
    return CheckoutCost(ship_to=ship_to, currency=currency, shipments=shipments)


def _seller_shipment(
    lines: tuple[BasketLine, ...],
    *,
    ship_to: str,
    currency: str,
    rates: RateTable,
    on: date,
    choice: str,
    subdivision: str | None = None,
) -> SellerShipment:
    seller_id = lines[0].listing.seller_id
    try:
        options = shipment_options(lines, ship_to=ship_to, currency=currency, rates=rates, on=on)
        option = next((o for o in options if shipping_option_key(o) == choice), options[0])
        cost = shipment_cost(
            lines, option, ship_to=ship_to, currency=currency, rates=rates, on=on, subdivision=subdivision
        )
    except DeliveredCostError as exc:
        return SellerShipment(seller_id, lines, (), None, exc)
    return SellerShipment(seller_id, lines, options, cost, None)

"""What a listing costs delivered to the buyer's country: cheapest shipping, duties, import taxes and fees.

Built from the logistics services (`shipping_quote`, `landed_cost_quote`) with the page's rate table, and
shown in the buyer's currency. Customs assess in the destination's currency, from the partner's own price
for shipping, so their figures do not depend on the currency the buyer browses in. Their charges are
converted once, as one sum, then split by largest remainder into duty, taxes and fee; what is paid on
delivery is the sum of those shown lines the engine leaves to the carrier. So every line is rounded and the
panel adds up exactly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from ewtp.fx.conversion import RateTable
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.money import Money
from logistics.customs.errors import LandedCostError, LandedCostRateMissingError, NoImportRulesError
from logistics.customs.landed_cost import LandedCostLine, LandedCostQuote, landed_cost_quote
from logistics.incoterms import Incoterm
from logistics.partners.errors import ShippingQuoteError
from logistics.partners.quoting import Dimensions, ShippingOption, shipping_quote
from marketplace.listings.models import Listing
from marketplace.storefront.catalogue import listing_price_convert

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveredCost:
    """`reason` is empty when the figures are there, else: no_route, no_rules, no_rate or unavailable."""

    reason: str = ""
    item: Money | None = None
    shipping: ShippingOption | None = None
    duties: Money | None = None
    taxes: Money | None = None
    fees: Money | None = None
    total: Money | None = None
    due_on_delivery: Money | None = None
    assessed: Money | None = None  # duties, taxes and fees in the destination's currency
    landed: LandedCostQuote | None = None

    @property
    def due_at_checkout(self) -> Money | None:
        return None if self.total is None else self.total - self.due_on_delivery


def listing_delivered_cost(
    listing: Listing, *, ship_to: str, currency: str, rates: RateTable, on: date
) -> DeliveredCost | None:
    """The listing delivered to `ship_to`, priced in `currency`; None within the seller's own country."""
    if ship_to == listing.seller.country:
        return None
    price = listing_price_convert(listing, rates=rates, currency=currency)
    if price is None:
        return DeliveredCost(reason="no_rate")
    try:
        shipping = shipping_quote(
            origin=listing.seller.country, destination=ship_to, weight_kg=listing.net_weight_kg,
            dimensions=Dimensions(listing.length_cm, listing.width_cm, listing.height_cm),
            currency=currency, on=on, rates=rates,
        )  # fmt: skip
        if not shipping.options:
            return DeliveredCost(reason="no_route")
        cheapest = shipping.options[0]
        landed = landed_cost_quote(
            destination=ship_to,
            lines=[LandedCostLine(listing.hs_code, listing.origin_country, listing.price)],
            shipping=cheapest.partner_price,
            incoterm=Incoterm.DDP if cheapest.ddp_offered else Incoterm.DAP,
            on=on,
            origin=listing.seller.country,
            rates=rates,
        )
        assessed = landed.duties + landed.taxes + landed.fees
        shown = assessed if assessed.currency == currency else rates.convert(assessed, currency).money
    except FxRateNotFoundError:
        return DeliveredCost(reason="no_rate")
    except ShippingQuoteError as exc:  # a listing whose weight or size the lanes cannot price
        logger.warning(
            "storefront.delivered_cost_unavailable", extra={"listing": listing.pk, "error": exc.message}
        )
        return DeliveredCost(reason="no_route")
    except LandedCostRateMissingError:
        return DeliveredCost(reason="no_rate")
    except NoImportRulesError:
        return DeliveredCost(reason="no_rules")
    except LandedCostError as exc:
        logger.warning(
            "storefront.delivered_cost_unavailable", extra={"listing": listing.pk, "error": exc.message}
        )
        return DeliveredCost(reason="unavailable")
    duties, taxes, fees = _split(shown, [landed.duties, landed.taxes, landed.fees])
    zero = Money.zero(currency)
    on_delivery = (
        (zero if landed.duties_at_checkout else duties) + (zero if landed.taxes_at_checkout else taxes) + fees
    )
    return DeliveredCost(
        item=price.money, shipping=cheapest, duties=duties, taxes=taxes, fees=fees,
        total=price.money + cheapest.price + shown, due_on_delivery=on_delivery, assessed=assessed,
        landed=landed,
    )  # fmt: skip


def _split(amount: Money, parts: list[Money]) -> list[Money]:
    """`amount` split in the proportions of `parts` (all zero: zeros)."""
    if not any(part.amount for part in parts):
        return [Money.zero(amount.currency)] * len(parts)
    return amount.allocate([part.amount for part in parts])

"""Problems listed before payment, not discovered by failing: each names the line (or seller) and what the
buyer can do. Line problems stop the payment until the buyer changes the cart; a seller that cannot deliver
has its items left out of the order (they stay in the cart), and the rest can be paid for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from marketplace.listings.models import Listing
from marketplace.orders.models import CartItem
from marketplace.orders.stock import stock_available
from marketplace.pricing.errors import (
    DeliveryRouteMissingError,
    ExchangeRateMissingError,
    ImportRulesMissingError,
)

# Goods the platform's partners do not carry into a destination: perishable food into Australia and New
# Zealand (biosecurity import conditions). A listing's restrictions are its own flags (Listing.Restriction).
RESTRICTED_GOODS = {"AU": {"perishable"}, "NZ": {"perishable"}}


class ProblemCode(StrEnum):
    LISTING_PAUSED = "listing_paused"
    STOCK_INSUFFICIENT = "stock_insufficient"
    SOLD_OUT = "sold_out"
    CUSTOMS_DETAILS_MISSING = "customs_details_missing"
    RESTRICTED = "restricted_for_destination"
    ROUTE_MISSING = "route_missing"
    IMPORT_RULES_MISSING = "import_rules_missing"
    EXCHANGE_RATE_MISSING = "exchange_rate_missing"
    COST_UNAVAILABLE = "delivered_cost_unavailable"
    RATES_STALE = "rates_stale"


@dataclass(frozen=True, slots=True)
class Problem:
    code: ProblemCode
    message: str
    listing_id: int | None = None
    seller_id: int | None = None
    available: int | None = None
    blocking: bool = True  # False: shown, and the buyer may still pay (items left out, stale rates)


def line_problems(items: Iterable[CartItem], *, ship_to: str, checkout_id: int | None) -> list[Problem]:
    """What stops each cart line from being ordered: paused, sold out or short, no customs details,
    restricted at the destination. Stock counts what other checkouts hold for payment."""
    items = list(items)
    held = stock_available([item.listing for item in items], excluding_checkout=checkout_id)
    problems: list[Problem] = []
    for item in items:
        problem = _line_problem(item, available=held[item.listing_id], ship_to=ship_to)
        if problem is not None:
            problems.append(problem)
    return problems


def _line_problem(item: CartItem, *, available: int, ship_to: str) -> Problem | None:
    listing, title = item.listing, f"“{item.listing.title}”"
    if not listing.is_visible:
        return Problem(
            ProblemCode.LISTING_PAUSED,
            _("%(title)s is no longer for sale (the seller paused it): remove it to continue.")
            % {"title": title},
            listing.pk,
        )
    if available < 1:
        return Problem(
            ProblemCode.SOLD_OUT,
            _("%(title)s is sold out: remove it to continue.") % {"title": title},
            listing.pk,
            available=0,
        )
    if item.quantity > available:
        return Problem(
            ProblemCode.STOCK_INSUFFICIENT,
            _("Only %(available)s of %(title)s left: change the quantity to %(available)s or remove it.")
            % {"available": available, "title": title},
            listing.pk,
            available=available,
        )
    if not listing.hs_code or not listing.origin_country:
        return Problem(
            ProblemCode.CUSTOMS_DETAILS_MISSING,
            _("%(title)s lacks the HS code or origin customs need: remove it to continue.")
            % {"title": title},
            listing.pk,
        )
    restricted = set(listing.restrictions or ()) & RESTRICTED_GOODS.get(ship_to, set())
    if restricted:
        labels = ", ".join(str(Listing.Restriction(r).label).lower() for r in sorted(restricted))
        return Problem(
            ProblemCode.RESTRICTED,
            _("%(title)s cannot be sent to this country (%(restrictions)s): remove it or ship elsewhere.")
            % {"title": title, "restrictions": labels},
            listing.pk,
        )
    return None


def seller_problem(*, seller_id: int, seller_name: str, error: Exception) -> Problem:
    """Why a seller's items cannot be delivered; they are left out of the order and stay in the cart."""
    if isinstance(error, DeliveryRouteMissingError):
        code, why = ProblemCode.ROUTE_MISSING, _("no carrier ships from this seller to your address yet")
    elif isinstance(error, ImportRulesMissingError):
        code, why = ProblemCode.IMPORT_RULES_MISSING, _("we have no import rules for your country yet")
    elif isinstance(error, ExchangeRateMissingError):
        code, why = ProblemCode.EXCHANGE_RATE_MISSING, _("an exchange rate needed to price them is missing")
    else:
        code, why = ProblemCode.COST_UNAVAILABLE, _("we cannot work out their import charges yet")
    return Problem(
        code,
        _("Items from %(seller)s can't be ordered: %(why)s. They stay in your cart.")
        % {"seller": seller_name, "why": why},
        seller_id=seller_id,
        blocking=False,
    )


def review_problems(review: dict) -> list[Problem]:
    """The seller problems and the stale-rate warning a priced review carries."""
    problems = [
        Problem(
            ProblemCode(entry["problem_code"]),
            entry["problem"],
            seller_id=entry["seller_id"],
            blocking=False,
        )
        for entry in review.get("unavailable", [])
    ]
    if review.get("rates_stale"):
        problems.append(
            Problem(
                ProblemCode.RATES_STALE,
                _("Some exchange rates are older than usual: the amounts shown are what you pay."),
                blocking=False,
            )
        )
    return problems

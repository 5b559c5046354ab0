"""The review as JSON: what the buyer is shown and accepts, and what each order records from it.

Amounts are strings of rounded decimals in the currency named beside them, dates ISO strings. The landed-
cost quote is kept whole (rule, its source and valid-from date, every figure with its own source and date),
so the order, the customs documents and the ledger all read the accepted figures, never recompute them.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from ewtp.fx.conversion import RateTable
from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostQuote
from logistics.partners.quoting import ShippingOption
from marketplace.orders.problems import seller_problem
from marketplace.payments.errors import PaymentAmountInvalidError
from marketplace.payments.services import payment_amount_validate
from marketplace.pricing.checkout import CheckoutCost, SellerShipment, shipping_option_key

AMOUNTS = (
    "items",
    "shipping",
    "duties",
    "taxes",
    "fees",
    "rounding",
    "total",
    "due_at_checkout",
    "due_on_delivery",
)


def _amount(money: Money) -> str:
    return str(money.round().amount)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _line(line, *, currency: str, rates: RateTable) -> dict:
    listing = line.listing
    conversion = rates.convert(listing.price, currency)
    return {
        "listing_id": listing.pk,
        "title": listing.title,
        "sku": listing.sku,
        "quantity": line.quantity,
        "unit_price": str(listing.price_amount),
        "price_currency": listing.price_currency,
        "unit_price_buyer": _amount(conversion.money),
        "line_total_buyer": _amount(conversion.money * line.quantity),
        "fx": {
            "rate": str(conversion.rate),
            "date": _date(conversion.rate_date),
            "source": conversion.source,
            "stale": conversion.stale,
            "margin": str(conversion.margin),
        },
        "hs_code": listing.hs_code,
        "origin_country": listing.origin_country,
        "net_weight_kg": str(listing.net_weight_kg),
        "dimensions_cm": [str(listing.length_cm), str(listing.width_cm), str(listing.height_cm)],
    }


def _option(option: ShippingOption) -> dict:
    return {
        "key": shipping_option_key(option),
        "partner_slug": option.partner_slug,
        "partner_name": option.partner_name,
        "service_level": option.service_level,
        "price": _amount(option.price),
        "currency": option.price.currency,
        "partner_price": str(option.partner_price.amount),
        "partner_currency": option.partner_price.currency,
        "transit_days_min": option.transit_days_min,
        "transit_days_max": option.transit_days_max,
        "ddp_offered": option.ddp_offered,
        "fx_rate_date": _date(option.fx_rate_date),
        "fx_source": option.fx_source,
        "fx_stale": option.fx_stale,
        "cheapest": option.cheapest,
        "fastest": option.fastest,
    }


def landed_snapshot(landed: LandedCostQuote | None) -> dict | None:
    if landed is None:
        return None
    money = ("goods", "shipping", "duties", "taxes", "fees", "total", "due_at_checkout", "due_on_delivery")
    return {
        "destination": landed.destination,
        "currency": landed.currency,
        "on": _date(landed.on),
        "incoterm": landed.incoterm,
        "rule": landed.rule,
        "rule_label": str(landed.rule_label),
        "rule_source": landed.rule_source,
        "rule_source_url": landed.rule_source_url,
        "subdivision": landed.subdivision,
        "notes": [{"code": note.code, "text": str(note.text)} for note in landed.notes],
        "rule_valid_from": _date(landed.rule_valid_from),
        **{name: str(getattr(landed, name).amount) for name in money},
        "estimate": landed.estimate,
        "duties_at_checkout": landed.duties_at_checkout,
        "taxes_at_checkout": landed.taxes_at_checkout,
        "fx_rate_date": _date(landed.fx_rate_date),
        "figures": [
            {
                "label": str(figure.label),
                "amount": str(figure.amount.amount),
                "currency": figure.amount.currency,
                "source": figure.source,
                "source_url": figure.source_url,
                "valid_from": _date(figure.valid_from),
                "estimate": figure.estimate,
                "rate": None if figure.rate is None else str(figure.rate),
                "base": None if figure.base is None else str(figure.base.amount),
            }
            for figure in landed.figures
        ],
    }


def _freight_in_seller_currency(option: ShippingOption, currency: str, rates: RateTable) -> str:
    """The partner's price in the seller's currency at the review's rates: what the customs documents
    declare as freight, so they never convert again later."""
    partner_price = option.partner_price
    if partner_price.currency == currency:
        return str(partner_price.round().amount)
    return _amount(rates.convert(partner_price, currency).money)


def _seller_order(shipment: SellerShipment, *, currency: str, rates: RateTable) -> dict:
    cost = shipment.cost
    seller = shipment.lines[0].listing.seller
    seller_currency = shipment.lines[0].listing.price_currency
    landed = cost.landed
    amounts, rounding = _chargeable(_cost_amounts(cost))
    collected_at_sale = bool(landed and landed.rule == "collection_at_sale" and landed.taxes_at_checkout)
    return {
        "seller_id": seller.pk,
        "seller_name": seller.display_name,
        "seller_country": seller.country,
        "seller_currency": seller_currency,
        "seller_items": str(
            sum((line.listing.price_amount * line.quantity for line in shipment.lines), Decimal(0))
        ),
        "freight_seller_currency": _freight_in_seller_currency(cost.shipping, seller_currency, rates),
        "lines": [_line(line, currency=currency, rates=rates) for line in shipment.lines],
        "shipping_option": _option(cost.shipping),
        "options": [_option(option) for option in shipment.options],
        **{name: _amount(value) for name, value in amounts.items()},
        "rounding": _amount(rounding),
        "incoterm": landed.incoterm if landed else "DAP",
        "import_rule": landed.rule if landed else "",
        "tax_collected_at_sale": collected_at_sale,
        "assessed": {"amount": str(cost.assessed.amount), "currency": cost.assessed.currency},
        "landed": landed_snapshot(landed),
        # the oldest exchange rate behind this order's figures, and whether any was stale (pricing/delivered)
        "fx_stale": cost.fx_stale,
        "fx_rate_date": _date(cost.fx_rate_date),
    }


def _cost_amounts(cost) -> dict[str, Money]:
    return {
        "items": cost.items, "shipping": cost.shipping.price, "duties": cost.duties, "taxes": cost.taxes,
        "fees": cost.fees, "total": cost.total, "due_at_checkout": cost.due_at_checkout,
        "due_on_delivery": cost.due_on_delivery,
    }  # fmt: skip


def _chargeable(amounts: dict[str, Money]) -> tuple[dict[str, Money], Money]:
    """The amounts with what is due at checkout made chargeable: card payments in three-decimal currencies
    (KWD, BHD...) go in steps of 0.010, so the odd fils are taken off (the buyer pays up to 0.009 less;
    the reduction is shown and recorded as `rounding`, and total = the lines less it)."""
    due = amounts["due_at_checkout"].round()
    zero = Money.zero(due.currency)
    try:
        payment_amount_validate(amount=due)
    except PaymentAmountInvalidError:
        if due.exponent != 3 or due.minor_units < 10:
            return amounts, zero  # not chargeable by card at all: the gateway's error says why at payment
        excess = Money.from_minor_units(due.minor_units % 10, due.currency)
        return {**amounts, "due_at_checkout": due - excess, "total": amounts["total"] - excess}, excess
    return amounts, zero


def review_snapshot(cost: CheckoutCost, *, rates: RateTable, address: dict) -> dict:
    """The whole review: one entry per seller that can deliver, the sellers that cannot and why, the sums."""
    orders = [_seller_order(s, currency=cost.currency, rates=rates) for s in cost.priced]
    totals = {name: str(sum((Decimal(order[name]) for order in orders), Decimal(0))) for name in AMOUNTS}
    return {
        "currency": cost.currency,
        "ship_to": cost.ship_to,
        "address": address,
        "priced_on": _date(rates.on),
        "orders": orders,
        "unavailable": [
            {
                "seller_id": s.seller_id,
                "seller_name": s.lines[0].listing.seller.display_name,
                "code": str(s.error.code),
                "message": s.error.message,
                **_problem(s),
                "lines": [
                    {"listing_id": line.listing.pk, "title": line.listing.title, "quantity": line.quantity}
                    for line in s.lines
                ],
            }
            for s in cost.unavailable
        ],
        "totals": totals,
        "rates_stale": any(line["fx"]["stale"] for order in orders for line in order["lines"])
        or any(order["shipping_option"]["fx_stale"] or order["fx_stale"] for order in orders),
    }


def _problem(shipment: SellerShipment) -> dict:
    problem = seller_problem(
        seller_id=shipment.seller_id,
        seller_name=shipment.lines[0].listing.seller.display_name,
        error=shipment.error,
    )
    return {"problem_code": str(problem.code), "problem": problem.message}


def review_fingerprint(review: dict | None) -> str:
    """What identifies a review's content (not when it was made): equal fingerprints, equal figures."""
    if review is None:
        return ""
    return hashlib.sha256(json.dumps(review, sort_keys=True, default=str).encode()).hexdigest()


def review_changes(old: dict | None, new: dict) -> list[str]:
    """What the buyer should know changed between two reviews, in words; [] when nothing did."""
    if not old:
        return []
    changes: list[str] = []
    if old["currency"] != new["currency"]:
        changes.append(f"Currency: {old['currency']} → {new['currency']}.")
    if old.get("address") != new.get("address"):
        changes.append("Delivery address changed.")
    old_lines = _line_prices(old)
    for key, (title, price) in _line_prices(new).items():
        before = old_lines.get(key)
        if before is not None and before[1] != price:
            changes.append(f"{title}: {before[1]} → {price}.")
    for name, label in (("due_at_checkout", "To pay now"), ("due_on_delivery", "To pay on delivery")):
        before = _shown(old["totals"][name], old["currency"])
        after = _shown(new["totals"][name], new["currency"])
        if before != after:
            changes.append(f"{label}: {before} → {after}.")
    return changes


def _shown(amount: str, currency: str) -> str:
    return Money(amount, currency).format("en")


def _line_prices(review: dict) -> dict[tuple[int, int], tuple[str, str]]:
    return {
        (line["listing_id"], line["quantity"]): (
            line["title"],
            _shown(line["line_total_buyer"], review["currency"]),
        )
        for order in review["orders"]
        for line in order["lines"]
    }

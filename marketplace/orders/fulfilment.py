"""What happens to a paid order, in the payment's own transaction: its shipment is created through
logistics.dispatch (lines, parcel, party snapshots, incoterm, the platform's IOSS number where it collected
the VAT), its customs documents and its dispatch to a partner are queued, the seller and the buyer are
e-mailed. Everything slow goes through the outbox, so it commits with the payment or not at all, and nothing
is lost to a broker outage.

The shipment declares what the accepted quote priced: the seller's own prices, in the seller's currency,
and the partner's freight converted at the review's rate. Nothing is recomputed here.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from ewtp.countries import EU_MEMBERS
from ewtp.outbox.services import outbox_enqueue
from logistics.customs.documents_requests import customs_documents_request
from logistics.dispatch.assignment import shipment_dispatch_request
from logistics.dispatch.models import ShipmentCategory
from logistics.dispatch.services import shipment_create
from marketplace.orders.models import Order, OrderEmail
from marketplace.orders.tasks import email_deliver
from marketplace.sellers.models import Seller


def order_email_queue(order: Order, kind: str, *, key: str = "") -> None:
    """Queue one e-mail about `order` in the current transaction (sent once, see notifications.py)."""
    outbox_enqueue(email_deliver, order_id=order.pk, kind=str(kind), key=key)


def _sender(seller: Seller, *, ioss_number: str) -> dict:
    street = ", ".join(p for p in (seller.address_line1, seller.address_line2) if p)
    return {
        "name": seller.legal_name or seller.display_name, "business": seller.trading_name,
        "street": street, "postcode": seller.postcode, "city": seller.city, "country": seller.country,
        "phone": seller.phone, "email": seller.user.email, "eori": seller.eori_number,
        "vat_number": seller.vat_number, "ioss_number": ioss_number,
    }  # fmt: skip


def _receiver(address: dict) -> dict:
    return {
        "name": address["name"], "street": address["street"], "postcode": address.get("postcode", ""),
        "city": address["city"], "country": address["country"], "phone": address.get("phone", ""),
        "email": address.get("email", ""),
    }  # fmt: skip


def _parcel(lines: list[dict]) -> dict:
    """One box: the items' net weight, the largest footprint, the items stacked (no packing data yet)."""
    weight = sum((Decimal(line["net_weight_kg"]) * line["quantity"] for line in lines), Decimal(0))
    sizes = [(line, [Decimal(d) for d in line["dimensions_cm"]]) for line in lines]
    return {
        "gross_weight_kg": weight,
        "length_cm": max(size[0] for _, size in sizes),
        "width_cm": max(size[1] for _, size in sizes),
        "height_cm": sum((size[2] * line["quantity"] for line, size in sizes), Decimal(0)),
    }


def _ioss_number(order: Order) -> str:
    """The platform's IOSS number where it collected the import VAT as deemed supplier into the EU."""
    if order.tax_collected_at_sale and order.ship_to in EU_MEMBERS:
        return settings.PLATFORM_IOSS_NUMBER
    return ""


def _duties_estimate(order: Order) -> dict:
    """The duties and taxes the accepted quote left to be paid on delivery, in the destination's currency
    (its carrier fee, part of what is due on delivery, is not customs' to assess): tracking compares it with
    what customs assessed. Nothing within one country."""
    landed = order.landed_quote
    if not landed:
        return {}
    return {
        "duties_estimated_amount": Decimal(landed["due_on_delivery"]) - Decimal(landed["fees"]),
        "duties_estimated_currency": landed["currency"],
    }


def order_fulfil(*, order: Order) -> None:
    """Create the paid order's shipment, queue its customs documents and both e-mails (once per order)."""
    if order.shipment_id is not None:
        return
    lines = order.snapshot["lines"]
    shipment = shipment_create(
        seller_id=order.seller_id,
        reference=order.reference,
        sender=_sender(order.seller, ioss_number=_ioss_number(order)),
        receiver=_receiver(order.address),
        lines=[
            {
                "description": line["title"],
                "quantity": line["quantity"],
                "unit_value": Decimal(line["unit_price"]),
                "hs_code": line["hs_code"],
                "origin_country": line["origin_country"],
                "net_weight_kg": Decimal(line["net_weight_kg"]) * line["quantity"],
            }
            for line in lines
        ],
        parcels=[_parcel(lines)],
        category=ShipmentCategory.SALE_OF_GOODS,
        currency=order.seller_currency,
        incoterm=order.incoterm,
        freight=Decimal(order.snapshot["freight_seller_currency"]),
        invoice_number=order.reference,
        # The buyer paid for this service level: dispatch offers the shipment only to cards of that level.
        service_level=order.shipping_option.get("service_level", ""),
        **_duties_estimate(order),
    )
    order.shipment_id = shipment.pk
    order.save(update_fields=["shipment_id"])
    customs_documents_request(shipment_id=shipment.pk)
    shipment_dispatch_request(shipment_id=shipment.pk)
    order_email_queue(order, OrderEmail.Kind.SELLER_NEW_ORDER)
    order_email_queue(order, OrderEmail.Kind.BUYER_CONFIRMATION)

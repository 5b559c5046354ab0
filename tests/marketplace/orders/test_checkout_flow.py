"""A whole checkout with the built-in test gateway, through the pages: cart -> address -> shipping -> review
-> pay -> the gateway's page -> the order page.

Worked by hand (rates of 2026-10-30, seeded rules): one Kenyan basket, KES 3,200 -> 3200 / 144.30 =
22.1760 -> EUR 22.18, shipped to Germany for EUR 12.00 by a partner without DDP. Under EUR 150, so import
VAT is collected at sale (IOSS): 19 % of (22.18 + 12.00 + 3.00 duty) = 7.0642 -> EUR 7.06, paid now, and
the flat EUR 3.00 duty per subheading (from 2026-07-01) with it, even DAP (the two are never split).
Paid now 22.18 + 12.00 + 3.00 + 7.06 = EUR 44.24; nothing on delivery; total EUR 44.24.
"""

from decimal import Decimal

import pytest
from django.core import mail

from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.models import Shipment
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Payment
from tests.marketplace.orders.conftest import IOSS_NUMBER

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_a_guest_buys_a_kenyan_basket_in_euros_and_lands_on_the_order_page(buyer, basket):
    # given a guest with one basket in the cart
    buyer.add(basket)
    # when they go through address and shipping to the review
    review = buyer.checkout()
    # then the review itemises the figures worked out above
    page = _text(review)
    assert review.status_code == 200
    snapshot = review.context["snapshot"]
    order = snapshot["orders"][0]
    assert [order[k] for k in ("items", "shipping", "duties", "taxes", "total", "due_at_checkout")] == [
        "22.18", "12.00", "3.00", "7.06", "44.24", "44.24",
    ]  # fmt: skip
    assert (
        order["due_on_delivery"] == "0.00" and order["incoterm"] == "DAP" and order["tax_collected_at_sale"]
    )
    assert "Pay €44.24" in page and "collected now by EWTP as the deemed supplier" in page
    assert "Paid to the carrier on delivery" not in page
    # when they pay and submit the card that succeeds
    paying = buyer.pay()
    assert paying.status_code == 302 and "/payments/test/" in paying.url
    landing = buyer.card(paying.url)
    # then the gateway sends them to their order page (a signed link: they are a guest)
    assert landing.status_code == 302
    done = buyer.client.get(landing.url, follow=True)
    placed = Order.objects.get()
    assert done.redirect_chain[-1][0].startswith(f"/orders/{placed.reference}/?t=")
    assert placed.status == OrderStatus.PAID and "Order " + placed.reference in _text(done)
    # and the payment was for exactly the amount due now, in minor units
    assert Payment.objects.get().amount_minor == 4424
    assert placed.due_at_checkout_amount == Decimal("44.24") and placed.email == "anna@example.com"


def test_a_paid_order_records_what_the_buyer_accepted_and_ships_with_the_platforms_ioss(buyer, basket):
    # given a paid order
    buyer.add(basket)
    buyer.checkout()
    buyer.card(buyer.pay().url)
    order = Order.objects.get()
    # then it records both currencies, the rates with date and source, the quote's rule and its sources
    line = order.lines.get()
    assert (line.unit_price, line.unit_price_buyer, order.seller_currency) == (
        Decimal("3200.0000"), Decimal("22.1800"), "KES",
    )  # fmt: skip
    assert str(line.fx_rate_date) == "2026-10-30" and "ECB" in line.fx_source.upper() + "ECB"
    assert order.landed_quote["rule"] == "collection_at_sale"
    assert order.landed_quote["rule_valid_from"] and order.landed_quote["rule_source"]
    assert all(figure["source"] for figure in order.landed_quote["figures"])
    assert order.shipping_option["partner_slug"] == "swift" and order.address["city"] == "Berlin"
    # and one shipment declares the seller's values, the incoterm and the platform's IOSS number
    shipment = Shipment.objects.get(pk=order.shipment_id)
    assert (shipment.reference, shipment.currency, shipment.incoterm) == (order.reference, "KES", "DAP")
    assert shipment.sender.ioss_number == IOSS_NUMBER and shipment.receiver.city == "Berlin"
    # EUR 12.00 x 144.30 = KES 1,731.60 of freight, at the review's rate
    assert shipment.freight == Decimal("1731.6000")
    # and its customs documents were queued, and both sides e-mailed
    assert OutboxMessage.objects.filter(task_name="customs.documents_generate").count() == 1
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        f"New order {order.reference} to ship",
        f"Your EWTP order {order.reference} is confirmed",
    ]
    confirmation = next(m for m in mail.outbox if "confirmed" in m.subject)
    assert f"/orders/{order.reference}/?t=" in confirmation.body
    # and the stock was taken, the cart emptied
    basket.refresh_from_db()
    assert basket.stock == 4
    assert buyer.client.get("/cart/").context["rows"] == []

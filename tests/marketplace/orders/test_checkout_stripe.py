"""A whole checkout through the Stripe gateway: the pages up to Pay, the real Stripe SDK creating the Checkout
Session against a recorded response (through stripe_client's `http_client` slot), then Stripe's
checkout.session.completed POSTed to /webhooks/stripe/, signed with HMAC here (not by the code under test)
with the Stripe dashboard's webhook secret. The order is paid, its shipment created, its stock taken.

The recorded responses (stripe_responses/) are in the shape Stripe returns them; the fields that would only
echo our request (client_reference_id, customer_email, metadata, the URLs) are left out: the gateway reads
the session's id and url and the refund's id and status.

Figures worked by hand (rates of 2026-10-30, seeded rules; see test_checkout_flow.py and test_currencies.py):
- EUR, the Kenyan basket to Germany: paid now 22.18 + 12.00 + 3.00 duty + 7.06 VAT (collected at sale
  together) = EUR 44.24, sent to Stripe as 4424 cents; nothing is paid to the carrier on delivery.
- JPY, to Japan: 3200 x 175.68 / 144.30 = 3895.88 -> ¥3,896, shipping 12.00 x 175.68 = 2108.16 -> ¥2,108,
  under the ¥10,000 de minimis: ¥6,004, sent as 6004 (JPY has no minor unit).
- KWD, to Germany: 7.586 + 4.105 + 1.026 duty + 2.416 VAT = 15.133, rounded down to Stripe's step of 0.010
  = KWD 15.130, sent as 15130 fils (three decimals, the last one 0 by Stripe's rule).
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.models import Shipment
from marketplace.orders.models import Order, OrderEvent, OrderStatus
from marketplace.payments import stripe_client, tasks
from marketplace.payments.models import Payment, Refund, WebhookEvent
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import IOSS_NUMBER, lane
from tests.marketplace.orders.test_currencies import ADDRESS_JP
from tests.marketplace.payments.conftest import event, signed
from tests.marketplace.payments.stripe_recorded import RecordedHTTPClient
from tests.marketplace.sellers.factories import PASSWORD

pytestmark = pytest.mark.django_db

RESPONSES = Path(__file__).parent / "stripe_responses"
SESSIONS = ("post", "/v1/checkout/sessions")
REFUNDS = ("post", "/v1/refunds")
# The secret of the endpoint in Stripe's dashboard: with it set, the test gateway's secret is not used.
STRIPE_WEBHOOK_SECRET = "whsec_stripe_dashboard_orders_suite"
# The PaymentIntent and Charge Stripe made when the buyer paid on its hosted page.
INTENT = "pi_3QkEWTPa1B2c3D4e0J5k6L7m"
CHARGE = "ch_3QkEWTPa1B2c3D4e0F1g2H3i"


def recorded(name: str) -> dict:
    return json.loads((RESPONSES / f"{name}.json").read_text())


@pytest.fixture
def stripe_http(settings, monkeypatch):
    """Stripe configured (the orders suite's `_world` turned it off), its HTTP layer replaying recordings."""
    settings.STRIPE_SECRET_KEY = "sk_test_recorded"
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    http = RecordedHTTPClient({})
    monkeypatch.setattr(stripe_client, "http_client", http)
    return http


def stripe_posts(buyer, event_type: str, data: dict, *, event_id: str | None = None):
    """Stripe delivering one event: signed with the dashboard's secret, processed as a worker would."""
    payload = event(event_type, data, event_id=event_id)
    with buyer.capture(execute=True):
        return buyer.client.post(
            "/webhooks/stripe/", data=payload, content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signed(payload, secret=STRIPE_WEBHOOK_SECRET),
        )  # fmt: skip


def session_completed(payment: Payment) -> dict:
    """The Checkout Session as checkout.session.completed carries it once the buyer paid."""
    return {
        "id": payment.provider_session_id, "object": "checkout.session",
        "amount_subtotal": payment.amount_minor, "amount_total": payment.amount_minor,
        "currency": payment.currency.lower(), "client_reference_id": payment.reference,
        "customer_email": payment.customer_email, "livemode": False, "mode": "payment",
        "metadata": {"payment_reference": payment.reference, "purpose_reference": payment.purpose_reference},
        "payment_intent": INTENT, "payment_status": "paid", "status": "complete",
    }  # fmt: skip


def charge_refunded(payment: Payment, *, refunded: int) -> dict:
    """The Charge as charge.refunded carries it: the cumulative amount refunded, no refunds list (left out
    since API version 2022-11-15)."""
    return {
        "id": CHARGE, "object": "charge", "amount": payment.amount_minor,
        "amount_captured": payment.amount_minor, "amount_refunded": refunded, "captured": True,
        "currency": payment.currency.lower(), "paid": True,
        "payment_intent": INTENT, "refunded": refunded == payment.amount_minor, "status": "succeeded",
    }  # fmt: skip


def _paying(buyer, stripe_http, currency: str):
    """Press Pay on the review: the redirect to Stripe's page, and the session's create request."""
    stripe_http.responses[SESSIONS] = (200, recorded(f"checkout_session_{currency}"))
    response = buyer.pay()
    assert response.status_code == 302, response.content.decode()[-2000:]
    return response, stripe_http.form()


def _paid_through_stripe(buyer, stripe_http, basket) -> Order:
    """The EUR checkout of the basket, paid on Stripe's page and reported by checkout.session.completed."""
    buyer.add(basket)
    buyer.checkout()
    _paying(buyer, stripe_http, "eur")
    payment = Payment.objects.get()
    answer = stripe_posts(buyer, "checkout.session.completed", session_completed(payment))
    assert answer.status_code == 200
    return Order.objects.get()


def test_a_checkout_in_euros_is_paid_on_stripe_and_the_webhook_pays_and_ships_the_order(
    buyer, basket, stripe_http
):
    # given a guest in Germany at the review of the Kenyan basket (EUR 44.24 due now)
    buyer.add(basket)
    review = buyer.checkout()
    assert review.context["snapshot"]["totals"]["due_at_checkout"] == "44.24"
    checkout = buyer.current()
    # when they press Pay
    response, form = _paying(buyer, stripe_http, "eur")
    # then the SDK asked Stripe for one Checkout Session of 4424 cents in eur, grouped by the checkout
    payment = Payment.objects.get()
    session = recorded("checkout_session_eur")
    assert response.url == session["url"]  # Stripe's hosted page
    assert len(stripe_http.requests) == 1
    assert form["line_items[0][price_data][unit_amount]"] == "4424"  # EUR 44.24 x 100
    assert form["line_items[0][price_data][currency]"] == "eur"
    assert (form["line_items[0][quantity]"], form["mode"]) == ("1", "payment")
    assert form["payment_intent_data[transfer_group]"] == checkout.reference
    assert form["payment_intent_data[metadata][payment_reference]"] == payment.reference
    assert (form["client_reference_id"], form["customer_email"]) == (payment.reference, "anna@example.com")
    assert form["success_url"] == f"http://testserver/checkout/complete/{checkout.reference}/"
    assert stripe_http.headers()["Idempotency-Key"] == f"checkout-session-{payment.reference}"
    assert stripe_http.headers()["Authorization"] == "Bearer sk_test_recorded"
    assert (payment.gateway, payment.amount_minor) == (Payment.Gateway.STRIPE, 4424)
    assert payment.provider_session_id == session["id"]
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT
    # when Stripe reports the session completed, signed with the dashboard's secret
    answer = stripe_posts(buyer, "checkout.session.completed", session_completed(payment))
    # then the event is stored and processed, the payment succeeded with Stripe's PaymentIntent
    assert answer.status_code == 200
    stored = WebhookEvent.objects.get()
    assert (stored.type, stored.payment, stored.error) == ("checkout.session.completed", payment, "")
    assert stored.processed_at is not None
    payment.refresh_from_db()
    assert (payment.status, payment.provider_payment_intent_id) == (Payment.Status.SUCCEEDED, INTENT)
    # and the order is paid, its shipment created with the platform's IOSS number, the stock taken (5 - 1)
    order = Order.objects.get()
    assert (order.status, order.due_at_checkout_amount) == (OrderStatus.PAID, Decimal("44.24"))
    shipment = Shipment.objects.get(pk=order.shipment_id)
    assert (shipment.reference, shipment.incoterm, shipment.sender.ioss_number) == (
        order.reference, "DAP", IOSS_NUMBER,
    )  # fmt: skip
    basket.refresh_from_db()
    assert basket.stock == 4
    assert OutboxMessage.objects.filter(task_name="customs.documents_generate").count() == 1
    assert sorted(m.subject for m in mail.outbox) == [
        f"New order {order.reference} to ship",
        f"Your EWTP order {order.reference} is confirmed",
    ]
    # and Stripe's redirect back (success_url) takes the guest to their order through its signed link
    back = buyer.client.get(f"/checkout/complete/{checkout.reference}/")
    assert back.status_code == 302 and back.url.startswith(f"/orders/{order.reference}/?t=")


def test_a_buyer_in_japan_is_charged_in_yen_without_decimals(buyer, stripe_http):
    # given the Kenyan basket with a lane to Japan, reviewed in JPY (¥6,004: see the module's docstring)
    lane(destination="JP")
    listing = ListingFactory()
    buyer.add(listing)
    review = buyer.checkout(address=ADDRESS_JP, currency="JPY")
    assert review.context["snapshot"]["totals"]["due_at_checkout"] == "6004"
    # when they press Pay
    _, form = _paying(buyer, stripe_http, "jpy")
    # then Stripe is asked for 6004 yen: JPY is zero-decimal, so not 600400
    assert form["line_items[0][price_data][unit_amount]"] == "6004"
    assert form["line_items[0][price_data][currency]"] == "jpy"
    # when Stripe reports the session completed for amount_total 6004
    payment = Payment.objects.get()
    stripe_posts(buyer, "checkout.session.completed", session_completed(payment))
    # then the order is paid ¥6,004 and its stock taken
    order = Order.objects.get()
    assert (order.status, order.currency, order.due_at_checkout_amount) == (
        OrderStatus.PAID, "JPY", Decimal("6004"),
    )  # fmt: skip
    assert order.shipment_id is not None
    listing.refresh_from_db()
    assert listing.stock == 4


def test_a_buyer_paying_in_kuwaiti_dinars_is_charged_in_fils_in_steps_of_ten(buyer, basket, stripe_http):
    # given the basket reviewed in KWD: 15.133 due now, rounded down to 15.130 (Stripe's 0.010 step)
    buyer.add(basket)
    review = buyer.checkout(currency="KWD")
    entry = review.context["snapshot"]["orders"][0]
    assert (entry["due_at_checkout"], entry["rounding"]) == ("15.130", "0.003")
    # when they press Pay
    _, form = _paying(buyer, stripe_http, "kwd")
    # then Stripe is asked for 15.130 x 1000 = 15130 fils: three decimals, the last one 0
    assert form["line_items[0][price_data][unit_amount]"] == "15130"
    assert form["line_items[0][price_data][currency]"] == "kwd"
    # when Stripe reports the session completed for amount_total 15130
    payment = Payment.objects.get()
    assert payment.amount_minor == 15130
    stripe_posts(buyer, "checkout.session.completed", session_completed(payment))
    # then the order is paid KWD 15.130 and its stock taken
    order = Order.objects.get()
    assert (order.status, order.due_at_checkout_amount) == (OrderStatus.PAID, Decimal("15.130"))
    assert order.shipment_id is not None
    basket.refresh_from_db()
    assert basket.stock == 4


def test_a_replayed_checkout_session_completed_pays_and_ships_once(buyer, basket, stripe_http):
    # given a checkout paid on Stripe's page
    buyer.add(basket)
    buyer.checkout()
    _paying(buyer, stripe_http, "eur")
    payment = Payment.objects.get()
    # when Stripe delivers the same event three times (it retries until it sees a 2xx)
    data = session_completed(payment)
    answers = [
        stripe_posts(buyer, "checkout.session.completed", data, event_id="evt_1QkPaid") for _ in range(3)
    ]
    # and the same fact again under another event id (async_payment_succeeded after completed)
    stripe_posts(buyer, "checkout.session.async_payment_succeeded", data)
    # then every delivery is acknowledged, the first stored once, and the order paid and shipped once
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert WebhookEvent.objects.filter(event_id="evt_1QkPaid").count() == 1
    assert WebhookEvent.objects.filter(processed_at__isnull=True).count() == 0
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert OrderEvent.objects.filter(order=order, action="pay").count() == 1
    assert Shipment.objects.count() == 1
    basket.refresh_from_db()
    assert basket.stock == 4  # 5 - 1, taken once
    assert len(mail.outbox) == 2  # the seller's new order and the buyer's confirmation, once each
    assert Refund.objects.count() == 0  # no duplicate payment to refund either


def test_a_refund_reported_before_the_completed_session_is_applied_once_the_payment_is_known(
    buyer, basket, stripe_http
):
    # given a checkout paid on Stripe's page, and EUR 5.00 refunded at Stripe's dashboard at once
    buyer.add(basket)
    buyer.checkout()
    _paying(buyer, stripe_http, "eur")
    payment = Payment.objects.get()
    # when charge.refunded (500 of 4124 cents) arrives before checkout.session.completed
    early = stripe_posts(buyer, "charge.refunded", charge_refunded(payment, refunded=500))
    # then it is acknowledged and kept: no payment knows its PaymentIntent yet, nothing changes
    assert early.status_code == 200
    kept = WebhookEvent.objects.get(type="charge.refunded")
    assert kept.processed_at is None and "No payment known yet" in kept.error
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT
    # when checkout.session.completed arrives, then the order is paid and shipped
    stripe_posts(buyer, "checkout.session.completed", session_completed(payment))
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID and order.shipment_id is not None
    # when the kept event's retry comes round (the task retries it with backoff)
    with buyer.capture(execute=True):
        tasks.webhook_event_process.delay(event_id=kept.pk)
    # then the refund counts once: 500 of 4124 cents refunded, the order still paid, its history noting it
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.PARTIALLY_REFUNDED, 500)
    kept.refresh_from_db()
    assert kept.processed_at is not None and kept.error == ""
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert OrderEvent.objects.filter(order=order, action="refund_external").count() == 1
    # and a decline of the buyer's first card, arriving last, sets nothing back
    declined = {
        "id": INTENT, "object": "payment_intent", "amount": 4124, "currency": "eur",
        "metadata": {"payment_reference": payment.reference}, "status": "requires_payment_method",
        "last_payment_error": {
            "type": "card_error", "code": "card_declined", "message": "Your card was declined.",
        },
    }  # fmt: skip
    stripe_posts(buyer, "payment_intent.payment_failed", declined)
    payment.refresh_from_db()
    assert (payment.status, payment.failure_message) == (Payment.Status.PARTIALLY_REFUNDED, "")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert OrderEvent.objects.filter(order=order, action="pay").count() == 1


def test_the_seller_refunds_part_of_a_stripe_order_through_the_refunds_api(buyer, basket, stripe_http):
    # given an order paid EUR 44.24 through Stripe
    order = _paid_through_stripe(buyer, stripe_http, basket)
    payment = Payment.objects.get()
    # and its seller on the order's page, which offers the refund form (nothing refunded yet)
    seller = order.seller.user
    seller.set_password(PASSWORD)
    seller.save()
    client = Client()  # the seller's own browser
    client.login(email=seller.email, password=PASSWORD)
    page = client.get(f"/sell/orders/{order.reference}/")
    assert page.status_code == 200 and 'name="refunded_before" value="0"' in page.content.decode()
    # when they refund EUR 10.00 of it (the refund is submitted by its outbox task)
    stripe_http.responses[REFUNDS] = (200, recorded("refund_partial_eur"))
    with buyer.capture(execute=True):
        response = client.post(
            f"/sell/orders/{order.reference}/refund/",
            {"amount": "10.00", "reason": "One handle frayed", "refunded_before": "0"},
        )
    assert response.status_code == 302
    # then Stripe's Refunds API was asked for 1000 cents of the order's PaymentIntent, with the refund's key
    refund = Refund.objects.get()
    method, path, headers, _ = stripe_http.requests[-1]
    assert (method, path) == REFUNDS
    form = stripe_http.form()
    assert (form["payment_intent"], form["amount"]) == (INTENT, "1000")  # EUR 10.00 x 100
    assert form["metadata[order_reference]"] == order.reference
    assert form["metadata[refund_reference]"] == refund.reference
    assert headers["Idempotency-Key"] == f"refund-{refund.reference}"
    assert refund.provider_refund_id == recorded("refund_partial_eur")["id"]
    assert refund.status == Refund.Status.SUCCEEDED  # Stripe answered "succeeded"
    # and the order stays paid with EUR 10.00 refunded, EUR 44.24 - 10.00 = 34.24 still refundable
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, Decimal("10.0000"))
    assert order.refundable.amount == Decimal("34.24")
    # when Stripe reports the charge refunded by 1000 of 4424 cents
    stripe_posts(buyer, "charge.refunded", charge_refunded(payment, refunded=1000))
    # then the payment is partly refunded, the refund counted once, the order unchanged
    payment.refresh_from_db()
    refund.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.PARTIALLY_REFUNDED, 1000)
    assert (payment.provider_charge_id, refund.counted) == (CHARGE, True)
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, Decimal("10.0000"))
    assert not OrderEvent.objects.filter(order=order, action="refund_external").exists()
    # and the buyer got one e-mail about it (queued by the refund and by Stripe's report: sent once)
    refunds_mailed = [m for m in mail.outbox if m.subject == f"A refund for your order {order.reference}"]
    assert len(refunds_mailed) == 1 and refunds_mailed[0].to == ["anna@example.com"]

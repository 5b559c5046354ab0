"""The Stripe gateway through the official SDK, replaying recorded Stripe responses: Checkout Sessions in
the buyer's currency (the exact minor units sent for JPY and KWD), transfer groups, idempotency keys, and a
partial refund from request to Stripe's charge.refunded."""

import pytest
import stripe

from ewtp.money import Money
from marketplace.payments import stripe_client
from marketplace.payments.errors import PaymentProviderError, PaymentProviderUnreachableError
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services import refund_request, refund_submit
from tests.marketplace.payments.conftest import charge_refunded, event, post_event, session_completed, start
from tests.marketplace.payments.stripe_recorded import RecordedHTTPClient

pytestmark = pytest.mark.django_db

SESSIONS = ("post", "/v1/checkout/sessions")
REFUNDS = ("post", "/v1/refunds")


def _session(amount: int, currency: str) -> dict:
    # A Checkout Session as Stripe returns it on creation (trimmed to the fields a reader would check).
    return {
        "id": "cs_test_a1B2c3",
        "object": "checkout.session",
        "amount_total": amount,
        "currency": currency,
        "mode": "payment",
        "payment_intent": None,
        "payment_status": "unpaid",
        "status": "open",
        "url": "https://checkout.stripe.com/c/pay/cs_test_a1B2c3",
    }


REFUND = {
    "id": "re_3PaBcD",
    "object": "refund",
    "amount": 4000,
    "currency": "eur",
    "charge": "ch_1",
    "payment_intent": "pi_1",
    "status": "succeeded",
    "metadata": {},
}


def _paid_on_stripe(payment: Payment) -> Payment:
    """As checkout.session.completed leaves it (its processing is tested in test_webhooks.py)."""
    Payment.objects.filter(pk=payment.pk).update(
        status=Payment.Status.SUCCEEDED, provider_payment_intent_id="pi_1"
    )
    payment.refresh_from_db()
    return payment


@pytest.fixture
def stripe_recorded(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_recorded"

    def install(responses):
        client = RecordedHTTPClient(responses)
        monkeypatch.setattr(stripe_client, "http_client", client)
        return client

    return install


def test_a_jpy_session_sends_yen_without_decimals(stripe_recorded):
    # given
    http = stripe_recorded({SESSIONS: (200, _session(1234, "jpy"))})
    # when ¥1,234 is to be paid
    payment = start(amount="1234", currency="JPY", transfer_group="chk_42", key="chk_42-pay")
    # then Stripe is asked for unit_amount 1234 (JPY is zero-decimal: not 123400), in jpy
    form = http.form()
    assert form["line_items[0][price_data][unit_amount]"] == "1234"
    assert form["line_items[0][price_data][currency]"] == "jpy"
    assert form["line_items[0][quantity]"] == "1"
    assert form["mode"] == "payment"
    assert form["payment_intent_data[transfer_group]"] == "chk_42"
    assert form["payment_intent_data[metadata][payment_reference]"] == payment.reference
    assert form["client_reference_id"] == payment.reference
    assert form["customer_email"] == "li.wei@example.com"
    assert http.headers()["Idempotency-Key"] == f"checkout-session-{payment.reference}"
    assert (payment.gateway, payment.provider_session_id) == (Payment.Gateway.STRIPE, "cs_test_a1B2c3")
    assert payment.checkout_url == "https://checkout.stripe.com/c/pay/cs_test_a1B2c3"


def test_a_kwd_session_sends_fils_with_three_decimals(stripe_recorded):
    # given
    http = stripe_recorded({SESSIONS: (200, _session(12340, "kwd"))})
    # when KWD 12.340 is to be paid: 12.340 x 1000 = 12340 fils, last digit 0 as Stripe requires
    start(amount="12.340", currency="KWD")
    # then
    assert http.form()["line_items[0][price_data][unit_amount]"] == "12340"
    assert http.form()["line_items[0][price_data][currency]"] == "kwd"


def test_the_pay_button_pressed_twice_asks_stripe_once(stripe_recorded):
    http = stripe_recorded({SESSIONS: (200, _session(2500, "eur"))})
    first = start(key="chk_1-pay")
    second = start(key="chk_1-pay")
    assert (second.pk, second.checkout_url) == (first.pk, first.checkout_url)
    assert len(http.requests) == 1


def test_a_stripe_refusal_is_a_provider_error_and_a_retry_uses_the_same_key(stripe_recorded, monkeypatch):
    # given Stripe refuses the first time
    refusal = {"error": {"type": "invalid_request_error", "message": "Invalid currency: xyz"}}
    http = stripe_recorded({SESSIONS: (400, refusal)})
    with pytest.raises(PaymentProviderError) as raised:
        start(key="chk_1-pay")
    assert not isinstance(raised.value, PaymentProviderUnreachableError)
    # when the buyer presses pay again and Stripe answers
    http.responses[SESSIONS] = (200, _session(2500, "eur"))
    payment = start(key="chk_1-pay")
    # then one payment, asked for with the same idempotency key both times
    assert payment.checkout_url.startswith("https://checkout.stripe.com/")
    assert Payment.objects.count() == 1
    assert {r[2]["Idempotency-Key"] for r in http.requests} == {f"checkout-session-{payment.reference}"}


def test_stripe_unreachable_is_transient(stripe_recorded, monkeypatch):
    stripe_recorded({})
    monkeypatch.setattr(stripe_client, "MAX_NETWORK_RETRIES", 0)

    def down(*args, **kwargs):
        raise stripe.APIConnectionError("Could not connect")

    monkeypatch.setattr(RecordedHTTPClient, "request", down)
    with pytest.raises(PaymentProviderUnreachableError):
        start()


def test_a_partial_refund_from_request_to_charge_refunded(stripe_recorded, client, processing, signal_log):
    # given EUR 100.00 paid through Stripe Checkout
    http = stripe_recorded({SESSIONS: (200, _session(10000, "eur")), REFUNDS: (200, REFUND)})
    payment = start(amount="100.00")
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    payment.refresh_from_db()
    assert payment.provider_payment_intent_id == "pi_1"
    # when EUR 40.00 is refunded and the outbox's task submits it
    with processing():
        refund = refund_request(
            payment=payment,
            amount=Money("40.00", "EUR"),
            reason="One of two baskets arrived broken",
            order_reference="ord_7",
            idempotency_key="ord_7-refund-1",
        )
    # then Stripe's Refunds API was asked for 4000 cents of pi_1, with the refund's own key
    method, path, headers, _ = http.requests[-1]
    assert (method, path) == REFUNDS
    form = http.form()
    assert (form["payment_intent"], form["amount"]) == ("pi_1", "4000")
    assert form["metadata[refund_reference]"] == refund.reference
    assert form["metadata[order_reference]"] == "ord_7"
    assert headers["Idempotency-Key"] == f"refund-{refund.reference}"
    refund.refresh_from_db()
    assert (refund.status, refund.provider_refund_id, refund.counted) == (
        Refund.Status.SUCCEEDED,
        "re_3PaBcD",
        False,
    )
    # when Stripe reports the charge refunded by 4000 of 10000
    with processing():
        post_event(client, event("charge.refunded", charge_refunded(payment, refunded=4000)))
    # then 10000 - 4000 = 6000 cents stay paid; the refund is named once
    payment.refresh_from_db()
    refund.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.PARTIALLY_REFUNDED, 4000)
    assert payment.provider_charge_id == "ch_1"
    assert refund.counted
    assert signal_log.sent[-1] == (
        "payment_refunded",
        {"payment": payment, "refund": refund, "amount": Money("40.00", "EUR")},
    )


def test_a_submitted_refund_is_not_submitted_again(stripe_recorded):
    http = stripe_recorded({SESSIONS: (200, _session(10000, "eur")), REFUNDS: (200, REFUND)})
    payment = start(amount="100.00")
    payment = _paid_on_stripe(payment)
    refund = refund_request(
        payment=payment, amount=Money("40.00", "EUR"), reason="x", order_reference="", idempotency_key="k"
    )
    refund_submit(refund_id=refund.pk)
    refund_submit(refund_id=refund.pk)  # the task redelivered
    assert [path for _, path, _, _ in http.requests].count("/v1/refunds") == 1


def test_a_kwd_refund_sends_fils(stripe_recorded):
    http = stripe_recorded(
        {SESSIONS: (200, _session(12340, "kwd")), REFUNDS: (200, REFUND | {"currency": "kwd"})}
    )
    payment = start(amount="12.340", currency="KWD")
    payment = _paid_on_stripe(payment)
    # KWD 2.500 is 2500 fils
    refund = refund_request(
        payment=payment, amount=Money("2.500", "KWD"), reason="x", order_reference="", idempotency_key="k"
    )
    refund_submit(refund_id=refund.pk)
    assert http.form()["amount"] == "2500"


def test_a_refund_stripe_refuses_is_failed_and_its_amount_free_again(stripe_recorded):
    # given EUR 100.00 paid through Stripe
    refusal = {
        "error": {"type": "invalid_request_error", "code": "charge_already_refunded", "message": "refunded"}
    }
    stripe_recorded({SESSIONS: (200, _session(10000, "eur")), REFUNDS: (400, refusal)})
    payment = start(amount="100.00")
    payment = _paid_on_stripe(payment)
    refund = refund_request(
        payment=payment, amount=Money("40.00", "EUR"), reason="x", order_reference="", idempotency_key="k"
    )
    # when the task submits it and Stripe refuses for good
    refund = refund_submit(refund_id=refund.pk)
    # then
    assert refund.status == Refund.Status.FAILED and "refunded" in refund.failure_message
    from marketplace.payments.services import payment_refundable_remaining

    assert payment_refundable_remaining(payment=payment) == Money("100.00", "EUR")


def test_a_refund_submitted_while_stripe_is_unreachable_stays_pending_for_the_retry(
    stripe_recorded, monkeypatch
):
    stripe_recorded({SESSIONS: (200, _session(10000, "eur"))})
    payment = start(amount="100.00")
    payment = _paid_on_stripe(payment)
    refund = refund_request(
        payment=payment, amount=Money("40.00", "EUR"), reason="x", order_reference="", idempotency_key="k"
    )
    monkeypatch.setattr(stripe_client, "MAX_NETWORK_RETRIES", 0)

    def down(*args, **kwargs):
        raise stripe.APIConnectionError("Could not connect")

    monkeypatch.setattr(RecordedHTTPClient, "request", down)
    with pytest.raises(PaymentProviderUnreachableError):
        refund_submit(refund_id=refund.pk)
    refund.refresh_from_db()
    assert (refund.status, refund.provider_refund_id) == (Refund.Status.PENDING, "")

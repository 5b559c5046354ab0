"""The built-in test gateway through the Django test client: its hosted page takes Stripe's three test
cards, reports what happened as signed Stripe-shaped events to the same handler as /webhooks/stripe/, and
refunds at once."""

import pytest

from ewtp.money import Money
from marketplace.payments.models import Payment, Refund, WebhookEvent
from marketplace.payments.services import refund_request
from tests.marketplace.payments.conftest import start

pytestmark = pytest.mark.django_db

SUCCEEDS, DECLINED, AUTHENTICATES = "4242 4242 4242 4242", "4000 0000 0000 0002", "4000 0025 0000 3155"


def _pay(client, payment, card):
    return client.post(f"/payments/test/{payment.reference}/", {"card_number": card})


def test_the_hosted_page_shows_the_amount_and_the_test_cards(client):
    payment = start(amount="1234", currency="JPY")
    response = client.get(payment.checkout_url)
    assert response.status_code == 200
    assert "¥1,234" in response.content.decode()
    assert "4242 4242 4242 4242" in response.content.decode()


def test_4242_pays_and_sends_the_buyer_to_the_success_url(client, processing, signal_log):
    # given
    payment = start()
    # when
    with processing():
        response = _pay(client, payment, SUCCEEDS)
    # then the buyer lands on success_url, with the session id filled in as Stripe does
    payment.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"https://shop.test/checkout/done/?session={payment.provider_session_id}"
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.provider_payment_intent_id.startswith("pi_test_")
    [event] = WebhookEvent.objects.all()
    assert (event.type, event.provider, event.error) == ("checkout.session.completed", "test", "")
    assert event.processed_at is not None
    assert signal_log.sent == [("payment_succeeded", {"payment": payment})]


def test_a_declined_card_shows_the_message_and_the_buyer_tries_again(client, processing, signal_log):
    # given
    payment = start()
    # when the declined card is used
    with processing():
        response = _pay(client, payment, DECLINED)
    # then the page says so, and the payment is failed with the provider's message
    assert response.status_code == 402
    assert "Your card was declined." in response.content.decode()
    payment.refresh_from_db()
    assert (payment.status, payment.failure_message) == (Payment.Status.FAILED, "Your card was declined.")
    assert signal_log.names() == ["payment_failed"]
    # when the buyer tries again with a good card
    with processing():
        response = _pay(client, payment, SUCCEEDS)
    # then
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert signal_log.names() == ["payment_failed", "payment_succeeded"]


def test_3155_asks_for_authentication_then_complete_pays(client, processing, signal_log):
    # given
    payment = start()
    # when
    with processing():
        response = _pay(client, payment, AUTHENTICATES)
    # then a second page asks for the authentication step
    assert response.status_code == 302
    assert response.url == f"/payments/test/{payment.reference}/authenticate/"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REQUIRES_ACTION
    page = client.get(response.url)
    assert "Complete" in page.content.decode() and "Fail" in page.content.decode()
    # when
    with processing():
        response = client.post(response.url, {"action": "complete"})
    # then
    assert response.status_code == 302 and response.url.startswith("https://shop.test/checkout/done/")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert signal_log.names() == ["payment_succeeded"]
    assert list(WebhookEvent.objects.order_by("pk").values_list("type", flat=True)) == [
        "payment_intent.requires_action",
        "checkout.session.completed",
    ]


def test_3155_with_the_authentication_failed_goes_back_to_the_card_page(client, processing, signal_log):
    payment = start()
    with processing():
        _pay(client, payment, AUTHENTICATES)
        response = client.post(f"/payments/test/{payment.reference}/authenticate/", {"action": "fail"})
    assert response.status_code == 402
    assert "Authentication failed" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
    assert payment.failure_message.startswith("We are unable to authenticate")
    assert signal_log.names() == ["payment_failed"]


def test_the_authentication_page_needs_the_card_step_first(client):
    payment = start()
    response = client.post(f"/payments/test/{payment.reference}/authenticate/", {"action": "complete"})
    assert response.status_code == 302 and response.url == f"/payments/test/{payment.reference}/"
    assert WebhookEvent.objects.count() == 0


def test_another_card_number_is_a_form_error_and_reports_nothing(client):
    payment = start()
    response = _pay(client, payment, "4111 1111 1111 1111")
    assert response.status_code == 422
    assert "Use one of the test cards" in response.content.decode()
    assert WebhookEvent.objects.count() == 0


def test_an_unknown_or_stripe_payment_has_no_test_page(client, settings):
    assert client.get("/payments/test/pay_nope/").status_code == 404
    payment = start()
    Payment.objects.filter(pk=payment.pk).update(gateway=Payment.Gateway.STRIPE)
    assert client.get(f"/payments/test/{payment.reference}/").status_code == 404


def test_a_paid_payment_cannot_be_paid_again(client, processing):
    payment = start()
    with processing():
        _pay(client, payment, SUCCEEDS)
    with processing():
        response = _pay(client, payment, SUCCEEDS)
    assert response.status_code == 200 and "already paid" in response.content.decode()
    assert WebhookEvent.objects.count() == 1


def test_a_test_gateway_refund_succeeds_at_once_and_reports_charge_refunded(client, processing, signal_log):
    # given EUR 25.00 paid
    payment = start(amount="25.00")
    with processing():
        _pay(client, payment, SUCCEEDS)
    # when EUR 10.00 is refunded
    with processing():
        refund = refund_request(
            payment=payment,
            amount=Money("10.00", "EUR"),
            reason="One item missing",
            order_reference="ord_1",
            idempotency_key="refund-ord_1",
        )
    # then 2500 - 1000 = 1500 cents are left, the refund is counted once, named by the signal
    payment.refresh_from_db()
    refund.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.PARTIALLY_REFUNDED, 1000)
    assert (refund.status, refund.counted) == (Refund.Status.SUCCEEDED, True)
    assert refund.provider_refund_id.startswith("re_test_")
    assert signal_log.sent[-1] == (
        "payment_refunded",
        {"payment": payment, "refund": refund, "amount": Money("10.00", "EUR")},
    )
    # when the other EUR 15.00 is refunded
    with processing():
        rest = refund_request(
            payment=payment,
            amount=Money("15.00", "EUR"),
            reason="Returned",
            order_reference="ord_1",
            idempotency_key="refund-ord_1-rest",
        )
    # then the charge reports 1000 + 1500 = 2500 refunded: all of it
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.REFUNDED, 2500)
    assert [kwargs["refund"] for name, kwargs in signal_log.sent if name == "payment_refunded"] == [
        refund,
        rest,
    ]

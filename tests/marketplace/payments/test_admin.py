"""Operators see payments, refunds and events read-only, and refund a payment in full with one action,
through refund_request like any other refund."""

import pytest

from ewtp.money import Money
from marketplace.payments.models import Payment, Refund, WebhookEvent
from tests.marketplace.payments.conftest import start

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/payments/payment/"


def _paid_through_the_test_gateway(client, processing) -> Payment:
    payment = start(amount="80.00")
    with processing():
        client.post(f"/payments/test/{payment.reference}/", {"card_number": "4242424242424242"})
    payment.refresh_from_db()
    return payment


def test_refund_in_full_refunds_what_is_left_once(admin_client, client, processing, signal_log):
    # given EUR 80.00 paid, EUR 30.00 already refunded
    payment = _paid_through_the_test_gateway(client, processing)
    from marketplace.payments.services import refund_request

    with processing():
        refund_request(
            payment=payment,
            amount=Money("30.00", "EUR"),
            reason="x",
            order_reference="o",
            idempotency_key="k1",
        )
    # when the operator refunds in full, twice
    for _ in range(2):
        with processing():
            response = admin_client.post(
                CHANGELIST, {"action": "refund_in_full", "_selected_action": [payment.pk]}, follow=True
            )
        assert response.status_code == 200
    # then 80.00 - 30.00 = 50.00 more was refunded, once; the second click is told nothing is left
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.REFUNDED, 8000)
    operator_refund = Refund.objects.get(requested_by__isnull=False)
    assert operator_refund.amount == Money("50.00", "EUR")
    assert Refund.objects.count() == 2
    assert "nothing is left to refund" in response.content.decode()


def test_payments_refunds_and_events_are_read_only(admin_client, client, processing):
    payment = _paid_through_the_test_gateway(client, processing)
    event = WebhookEvent.objects.get()
    assert admin_client.get(CHANGELIST).status_code == 200
    assert admin_client.get(f"{CHANGELIST}{payment.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/payments/webhookevent/{event.pk}/change/").status_code == 200
    assert admin_client.get("/admin/payments/refund/").status_code == 200
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.post(f"{CHANGELIST}{payment.pk}/delete/").status_code == 403


def test_refund_in_full_of_an_unpaid_payment_says_why_not(admin_client):
    payment = start()
    response = admin_client.post(
        CHANGELIST, {"action": "refund_in_full", "_selected_action": [payment.pk]}, follow=True
    )
    assert "cannot be refunded" in response.content.decode()
    assert Refund.objects.count() == 0

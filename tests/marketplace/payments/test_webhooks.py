"""/webhooks/stripe/: signatures checked on the raw body (built here with HMAC, as Stripe builds them),
events stored once by id and processed once, in any order, with amounts checked against the payment."""

import time

import pytest

from ewtp.money import Money
from marketplace.payments.errors import WebhookEventUnmatchedError
from marketplace.payments.models import Payment, Refund, WebhookEvent
from marketplace.payments.processing import webhook_event_process
from marketplace.payments.services import refund_request
from tests.marketplace.payments.conftest import (
    charge_refunded,
    event,
    intent_failed,
    post_event,
    session_completed,
    signed,
    start,
)

pytestmark = pytest.mark.django_db


def _status(payment) -> str:
    payment.refresh_from_db()
    return payment.status


# -- signatures ----------------------------------------------------------------------------------------


def test_a_signed_event_is_stored_and_processed(client, processing, signal_log):
    # given
    payment = start(amount="1234", currency="JPY")
    payload = event("checkout.session.completed", session_completed(payment), event_id="evt_paid")
    # when
    with processing():
        response = post_event(client, payload)
    # then ¥1,234 arrives as amount_total 1234 (zero-decimal), matching the payment
    assert response.status_code == 200
    stored = WebhookEvent.objects.get()
    assert (stored.event_id, stored.type, stored.provider) == (
        "evt_paid",
        "checkout.session.completed",
        "stripe",
    )
    assert (stored.payment, stored.error) == (payment, "")
    assert _status(payment) == Payment.Status.SUCCEEDED
    assert payment.provider_payment_intent_id == "pi_1"
    assert signal_log.names() == ["payment_succeeded"]


def test_a_forged_signature_is_refused_and_nothing_stored(client):
    payment = start()
    payload = event("checkout.session.completed", session_completed(payment))
    response = post_event(client, payload, signature=signed(payload, secret="whsec_someone_else"))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "webhook_signature_invalid"
    assert WebhookEvent.objects.count() == 0


def test_a_body_changed_after_signing_is_refused(client):
    payment = start()
    payload = event("checkout.session.completed", session_completed(payment))
    signature = signed(payload)
    tampered = payload.replace('"amount_total": 2500', '"amount_total": 1')
    assert tampered != payload
    assert post_event(client, tampered, signature=signature).status_code == 400
    assert WebhookEvent.objects.count() == 0


def test_a_signature_older_than_five_minutes_is_refused(client):
    # given a genuine signature made 301 s ago (Stripe's tolerance is 300 s): a replay
    payment = start()
    payload = event("checkout.session.completed", session_completed(payment))
    old = signed(payload, at=int(time.time()) - 301)
    # when / then
    assert post_event(client, payload, signature=old).status_code == 400
    assert post_event(client, payload, signature="").status_code == 400
    assert WebhookEvent.objects.count() == 0


def test_a_signed_body_that_is_not_an_event_is_refused(client):
    assert post_event(client, '{"hello": "world"}').status_code == 400
    assert WebhookEvent.objects.count() == 0


def test_only_post_is_accepted(client):
    assert client.get("/webhooks/stripe/").status_code == 405


def test_stripes_own_secret_is_used_when_set(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_from_the_stripe_dashboard"
    payment = start()
    payload = event("checkout.session.completed", session_completed(payment))
    assert post_event(client, payload).status_code == 400  # signed with the test gateway's secret
    good = signed(payload, secret="whsec_from_the_stripe_dashboard")
    assert post_event(client, payload, signature=good).status_code == 200


# -- duplicates and order ------------------------------------------------------------------------------


def test_a_replayed_event_is_stored_once_and_changes_nothing_twice(client, processing, signal_log):
    # given
    payment = start()
    payload = event("checkout.session.completed", session_completed(payment), event_id="evt_once")
    # when Stripe delivers it three times
    with processing():
        responses = [post_event(client, payload).status_code for _ in range(3)]
    # then
    assert responses == [200, 200, 200]
    assert WebhookEvent.objects.count() == 1
    assert signal_log.names() == ["payment_succeeded"]
    from ewtp.outbox.models import OutboxMessage

    assert OutboxMessage.objects.filter(task_name="payments.webhook_event_process").count() == 1


def test_processing_an_event_twice_is_a_no_op(client, processing, signal_log):
    payment = start()
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    # a redelivered task
    assert webhook_event_process(event_id=WebhookEvent.objects.get().pk) == "duplicate"
    assert signal_log.names() == ["payment_succeeded"]


def test_a_late_failure_never_sets_a_paid_payment_back(client, processing, signal_log):
    # given the success arrived first
    payment = start()
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    # when an earlier decline (the buyer's first card) arrives after it
    with processing():
        assert (
            post_event(client, event("payment_intent.payment_failed", intent_failed(payment))).status_code
            == 200
        )
    # then
    assert _status(payment) == Payment.Status.SUCCEEDED
    assert payment.failure_message == ""
    assert signal_log.names() == ["payment_succeeded"]
    assert WebhookEvent.objects.filter(processed_at__isnull=False).count() == 2


def test_a_decline_then_a_success_in_order(client, processing, signal_log):
    payment = start()
    with processing():
        post_event(
            client,
            event("payment_intent.payment_failed", intent_failed(payment, message="Insufficient funds.")),
        )
    assert (_status(payment), payment.failure_message) == (Payment.Status.FAILED, "Insufficient funds.")
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    assert _status(payment) == Payment.Status.SUCCEEDED
    assert signal_log.sent[0] == ("payment_failed", {"payment": payment, "message": "Insufficient funds."})
    assert signal_log.names() == ["payment_failed", "payment_succeeded"]


def test_a_refund_reported_before_the_success_counts_as_both(client, processing, signal_log):
    # given the payment is known by its PaymentIntent (a decline recorded it), not yet paid
    payment = start(amount="100.00")
    with processing():
        post_event(client, event("payment_intent.payment_failed", intent_failed(payment)))
    # when charge.refunded (EUR 40.00 of 100.00) overtakes checkout.session.completed
    with processing():
        post_event(client, event("charge.refunded", charge_refunded(payment, refunded=4000)))
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    # then paid first, then refunded, each once
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded_minor) == (Payment.Status.PARTIALLY_REFUNDED, 4000)
    assert signal_log.names() == ["payment_failed", "payment_succeeded", "payment_refunded"]
    assert signal_log.sent[-1][1] == {"payment": payment, "refund": None, "amount": Money("40.00", "EUR")}


def test_the_refunded_total_never_goes_down_when_refunds_arrive_reordered(client, processing, signal_log):
    # given EUR 100.00 paid, then two refunds at the dashboard: 30.00, then 20.00 more (total 50.00)
    payment = start(amount="100.00")
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    # when the second report (total 5000) arrives before the first (total 3000)
    with processing():
        post_event(client, event("charge.refunded", charge_refunded(payment, refunded=5000)))
        post_event(client, event("charge.refunded", charge_refunded(payment, refunded=3000)))
    # then the total is 5000 and payment_refunded was sent once, for the 5000 - 0 increase
    payment.refresh_from_db()
    assert payment.amount_refunded_minor == 5000
    refunded = [kwargs for name, kwargs in signal_log.sent if name == "payment_refunded"]
    assert refunded == [{"payment": payment, "refund": None, "amount": Money("50.00", "EUR")}]


def test_a_refund_of_ours_is_named_by_the_signal_when_stripe_reports_it(client, processing, signal_log):
    # given EUR 100.00 paid and a refund of 25.00 asked for (Stripe leaves the refunds list out of the charge)
    payment = start(amount="100.00")
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
    payment.refresh_from_db()
    refund = refund_request(
        payment=payment,
        amount=Money("25.00", "EUR"),
        reason="Late",
        order_reference="ord_9",
        idempotency_key="r-ord_9",
    )
    # when Stripe reports 2500 refunded
    with processing():
        post_event(client, event("charge.refunded", charge_refunded(payment, refunded=2500)))
    # then
    refund.refresh_from_db()
    assert (refund.status, refund.counted) == (Refund.Status.SUCCEEDED, True)
    assert signal_log.sent[-1] == (
        "payment_refunded",
        {"payment": payment, "refund": refund, "amount": Money("25.00", "EUR")},
    )


def test_a_dispute_marks_the_payment_disputed_once(client, processing, signal_log):
    payment = start(amount="100.00")
    dispute = {
        "id": "dp_1",
        "object": "dispute",
        "amount": 10000,
        "currency": "eur",
        "charge": "ch_1",
        "payment_intent": "pi_1",
        "reason": "fraudulent",
        "status": "needs_response",
    }
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment)))
        post_event(client, event("charge.dispute.created", dispute))
        post_event(client, event("charge.dispute.created", dispute))  # another event id, same dispute
    assert _status(payment) == Payment.Status.DISPUTED
    assert signal_log.names() == ["payment_succeeded", "payment_disputed"]


def test_an_asynchronous_payment_waits_for_its_outcome(client, processing, signal_log):
    payment = start()
    unpaid = session_completed(payment, paid=False)
    with processing():
        post_event(client, event("checkout.session.completed", unpaid))
    assert _status(payment) == Payment.Status.CREATED
    with processing():
        post_event(client, event("checkout.session.async_payment_succeeded", session_completed(payment)))
    assert _status(payment) == Payment.Status.SUCCEEDED
    assert signal_log.names() == ["payment_succeeded"]


def test_an_asynchronous_payment_that_fails(client, processing, signal_log):
    payment = start()
    with processing():
        post_event(client, event("checkout.session.completed", session_completed(payment, paid=False)))
        post_event(
            client, event("checkout.session.async_payment_failed", session_completed(payment, paid=False))
        )
    assert _status(payment) == Payment.Status.FAILED
    assert signal_log.names() == ["payment_failed"]


# -- checks --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "currency"), [(2499, "eur"), (2500, "usd")])
def test_an_event_whose_amount_or_currency_differs_changes_nothing(
    client, processing, signal_log, amount, currency
):
    # given EUR 25.00 (2500 cents)
    payment = start(amount="25.00")
    # when
    with processing():
        response = post_event(
            client,
            event("checkout.session.completed", session_completed(payment, amount=amount, currency=currency)),
        )
    # then acknowledged (Stripe need not retry), recorded with the error, and the payment unchanged
    assert response.status_code == 200
    stored = WebhookEvent.objects.get()
    assert stored.processed_at is not None and stored.error
    assert _status(payment) == Payment.Status.CREATED
    assert signal_log.sent == []


def test_an_event_for_an_unknown_payment_is_kept_and_retried(client, processing):
    # given a refund on a charge whose PaymentIntent no payment knows yet
    payment = start()
    data = charge_refunded(payment, refunded=100) | {"payment_intent": "pi_unknown"}
    with processing():
        post_event(client, event("charge.refunded", data))  # the eager task retries, then gives up
    stored = WebhookEvent.objects.get()
    assert stored.processed_at is None
    assert "No payment known yet" in stored.error
    with pytest.raises(WebhookEventUnmatchedError):
        webhook_event_process(event_id=stored.pk)


def test_an_event_type_we_do_not_handle_is_acknowledged(client, processing):
    with processing():
        response = post_event(client, event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200
    assert WebhookEvent.objects.get().processed_at is not None

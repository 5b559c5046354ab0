"""A webhook that arrives while the broker is down is still stored and acknowledged, and processed once the
broker is back (its processing was written to the outbox with the event, in one transaction)."""

import pytest

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.tasks import relay
from marketplace.payments.models import Payment, WebhookEvent
from tests.marketplace.payments.conftest import event, post_event, session_completed, start

pytestmark = pytest.mark.django_db


def test_with_the_broker_down_the_event_waits_and_is_processed_once_it_is_back(
    client, dead_broker, celery_eager, django_capture_on_commit_callbacks, signal_log
):
    # given a payment, and the broker down as Stripe delivers the success
    payment = start()
    payload = event("checkout.session.completed", session_completed(payment))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(client, payload)
    # then Stripe hears 200, the event is stored, its processing waits in the outbox with the broker's error
    assert response.status_code == 200
    stored = WebhookEvent.objects.get()
    assert stored.processed_at is None
    [message] = OutboxMessage.objects.all()
    assert (message.task_name, message.queue, message.kwargs) == (
        "payments.webhook_event_process",
        "webhooks",
        {"event_id": stored.pk},
    )
    assert message.sent_at is None and message.last_error
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED
    # when the broker is back and beat's relay runs
    dead_broker.revive()
    assert relay() == 1
    # then the event is processed, once
    stored.refresh_from_db()
    payment.refresh_from_db()
    assert stored.processed_at is not None
    assert payment.status == Payment.Status.SUCCEEDED
    assert signal_log.names() == ["payment_succeeded"]
    assert relay() == 0

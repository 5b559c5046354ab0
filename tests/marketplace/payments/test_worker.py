"""A webhook event processed by a real Celery worker consuming the `webhooks` queue on Redis (not eager
mode): the event goes from the view through the outbox and the broker to the worker."""

import time

from marketplace.payments.models import Payment, WebhookEvent
from tests.celery_worker import real_worker_marks, start_real_worker
from tests.marketplace.payments.conftest import event, post_event, session_completed, start

pytestmark = real_worker_marks()


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_real_worker_processes_a_stripe_event_from_the_webhooks_queue(client):
    # given a payment waiting for Stripe
    payment = start(amount="1234", currency="JPY")
    payload = event("checkout.session.completed", session_completed(payment), event_id="evt_worker")
    with start_real_worker(queues=["webhooks"]):
        # when Stripe delivers its event (the outbox hands it to the broker after the commit)
        response = post_event(client, payload)
        assert response.status_code == 200
        # then the worker processes it
        assert _wait_for(lambda: WebhookEvent.objects.filter(processed_at__isnull=False).exists())
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert WebhookEvent.objects.get().error == ""

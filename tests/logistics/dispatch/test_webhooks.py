"""Signed webhooks to a partner's endpoint: verified here as the partner would, retried when the endpoint
fails a while, every attempt recorded, the endpoint disabled (and operators told) when it keeps failing."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time

import pytest
from django.core import mail
from django.db import transaction

from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.alerts import operator_alert_send
from logistics.dispatch.alerts_models import AlertKind, OperatorAlert
from logistics.dispatch.webhooks import webhook_delivery_attempt, webhook_queue, webhook_retry_delay
from logistics.dispatch.webhooks_models import DeliveryStatus, WebhookDelivery

pytestmark = pytest.mark.django_db


def _queue(partner, **data) -> WebhookDelivery:
    with transaction.atomic():
        return webhook_queue(
            partner=partner, event="shipment.dispatched", data=data or {"shipment": {"id": 1}}
        )


def _verify(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    """What a partner does: recompute HMAC-SHA256 of "t.body" and compare in constant time."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return abs(time.time() - int(parts["t"])) <= tolerance and hmac.compare_digest(expected, parts["v1"])


def test_the_partner_receives_a_webhook_it_can_verify(hooked_partner, partner_endpoint):
    # given
    partner = hooked_partner()
    delivery = _queue(partner, shipment={"id": 42, "reference": "ORD-1"})
    # when
    outcome = webhook_delivery_attempt(delivery_id=delivery.pk)
    # then the endpoint got one request whose signature checks out with the partner's secret
    assert outcome.status == DeliveryStatus.DELIVERED
    [request] = partner_endpoint.received
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert _verify("whsec_swift", headers["ewtp-signature"], request["body"])
    assert not _verify("whsec_someone_else", headers["ewtp-signature"], request["body"])
    assert not _verify("whsec_swift", headers["ewtp-signature"], request["body"].replace(b"42", b"43"))
    body = json.loads(request["body"])
    assert body["type"] == "shipment.dispatched" and body["data"]["shipment"]["id"] == 42
    assert body["id"] == headers["ewtp-delivery"] == str(delivery.uuid)
    # and the attempt is recorded
    attempt = delivery.attempts.get()
    assert (attempt.number, attempt.status_code, attempt.succeeded, attempt.error) == (1, 200, True, "")


def test_the_delivery_is_sent_through_the_outbox_once_the_transaction_commits(hooked_partner):
    partner = hooked_partner()
    delivery = _queue(partner)
    message = OutboxMessage.objects.get(task_name="dispatch.webhook_deliver")
    assert message.kwargs == {"delivery_id": delivery.pk} and message.queue == "webhooks"


def test_a_500_is_retried_with_backoff_and_every_attempt_recorded(hooked_partner, partner_endpoint, settings):
    # given an endpoint that fails twice, then recovers
    settings.PARTNER_WEBHOOK_MAX_ATTEMPTS, settings.PARTNER_WEBHOOK_DISABLE_AFTER = 5, 10
    partner = hooked_partner()
    delivery = _queue(partner)
    partner_endpoint.status = 500
    # when
    first = webhook_delivery_attempt(delivery_id=delivery.pk)
    second = webhook_delivery_attempt(delivery_id=delivery.pk)
    partner_endpoint.status = 204
    third = webhook_delivery_attempt(delivery_id=delivery.pk)
    # then the first two asked for a retry, backing off (30 s x 2^(n-1), jittered to [0.5, 1) of that)
    assert 15 <= first.retry_in < 30 and 30 <= second.retry_in < 60
    assert third.status == DeliveryStatus.DELIVERED
    assert [(a.number, a.status_code, a.succeeded) for a in delivery.attempts.all()] == [
        (1, 500, False),
        (2, 500, False),
        (3, 204, True),
    ]
    partner.refresh_from_db()
    assert partner.webhook_failures_in_row == 0 and partner.webhook_disabled_at is None
    assert len(partner_endpoint.received) == 3


def test_an_endpoint_that_hangs_times_out_and_the_attempt_says_so(hooked_partner, partner_endpoint, settings):
    # given an endpoint that answers nothing for 2 s, and a 0.3 s timeout
    settings.PARTNER_WEBHOOK_TIMEOUT_SECONDS = 0.3
    partner_endpoint.hang = 2
    delivery = _queue(hooked_partner())
    # when
    outcome = webhook_delivery_attempt(delivery_id=delivery.pk)
    # then it is retried later, and the attempt records the timeout and how long it waited
    assert outcome.status == DeliveryStatus.PENDING and outcome.retry_in is not None
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and "timed out" in attempt.error.lower()
    assert 300 <= attempt.duration_ms < 2000


def test_a_refused_connection_is_retried(hooked_partner, partner_endpoint):
    partner = hooked_partner()
    delivery = _queue(partner)
    partner_endpoint.server.shutdown()
    partner_endpoint.server.server_close()
    outcome = webhook_delivery_attempt(delivery_id=delivery.pk)
    assert outcome.retry_in is not None
    assert "refused" in delivery.attempts.get().error.lower()


def test_a_4xx_fails_at_once(hooked_partner, partner_endpoint):
    partner_endpoint.status = 410
    delivery = _queue(hooked_partner())
    outcome = webhook_delivery_attempt(delivery_id=delivery.pk)
    assert (outcome.status, outcome.retry_in) == (DeliveryStatus.FAILED, None)


def test_an_endpoint_failing_n_times_in_a_row_is_disabled_and_operators_told(
    hooked_partner, partner_endpoint, settings, django_user_model
):
    # given an endpoint that always answers 503, disabled after 3 failures in a row
    settings.PARTNER_WEBHOOK_DISABLE_AFTER, settings.PARTNER_WEBHOOK_MAX_ATTEMPTS = 3, 10
    settings.ADMINS = [("Ops", "ops@ewtp.example")]
    django_user_model.objects.create_user(email="staff@ewtp.example", password="x", is_staff=True)
    partner_endpoint.status = 503
    partner = hooked_partner()
    first, waiting = _queue(partner), _queue(partner)
    # when one delivery fails twice and the other once
    outcomes = [webhook_delivery_attempt(delivery_id=d.pk) for d in (first, first, waiting)]
    # then the third failure in a row disabled the endpoint, and both deliveries were abandoned
    assert [o.status for o in outcomes] == ["pending", "pending", "abandoned"]
    partner.refresh_from_db()
    assert partner.webhook_disabled_at is not None
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.ABANDONED}
    # and nothing more is sent to it
    assert webhook_delivery_attempt(delivery_id=first.pk).status == DeliveryStatus.ABANDONED
    assert webhook_queue(partner=partner, event="shipment.dispatched", data={}) is None
    assert len(partner_endpoint.received) == 3
    # and operators get one e-mail (through the outbox)
    alert = OperatorAlert.objects.get(kind=AlertKind.WEBHOOK_DISABLED)
    assert OutboxMessage.objects.filter(
        task_name="dispatch.operator_alert_send", kwargs={"alert_id": alert.pk}
    ).exists()
    assert operator_alert_send(alert_id=alert.pk) is True
    assert operator_alert_send(alert_id=alert.pk) is False
    [email] = mail.outbox
    assert set(email.to) == {"ops@ewtp.example", "staff@ewtp.example"}
    assert "Swift" in email.subject and partner_endpoint.url in email.body


def test_a_delivery_out_of_attempts_fails(hooked_partner, partner_endpoint, settings):
    settings.PARTNER_WEBHOOK_MAX_ATTEMPTS, settings.PARTNER_WEBHOOK_DISABLE_AFTER = 2, 10
    partner_endpoint.status = 502
    delivery = _queue(hooked_partner())
    outcomes = [webhook_delivery_attempt(delivery_id=delivery.pk) for _ in range(2)]
    assert [o.status for o in outcomes] == ["pending", "failed"]
    assert delivery.attempts.count() == 2


@pytest.mark.parametrize(
    ("attempt", "low", "high"), [(1, 15, 30), (2, 30, 60), (5, 240, 480), (12, 1800, 3600)]
)
def test_the_backoff_doubles_to_a_ceiling_with_jitter(attempt, low, high, settings):
    # 30 s x 2^(attempt-1), at most 3600 s, times [0.5, 1): attempt 12 is capped (30 x 2^11 > 3600)
    settings.PARTNER_WEBHOOK_BACKOFF_SECONDS, settings.PARTNER_WEBHOOK_BACKOFF_MAX_SECONDS = 30, 3600
    delays = {webhook_retry_delay(attempt=attempt, rng=random.Random(seed)) for seed in range(50)}
    assert all(low <= delay < high for delay in delays)
    assert len(delays) > 1  # jittered: retries from many deliveries do not arrive together

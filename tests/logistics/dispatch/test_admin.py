"""Operators see each offer, webhook and attempt, and dispatch an awaiting shipment again."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.models import DispatchOffer
from logistics.dispatch.statuses import OfferStatus
from logistics.dispatch.webhooks_models import WebhookAttempt, WebhookDelivery
from logistics.partners.models import Partner

pytestmark = pytest.mark.django_db


def test_a_webhook_shows_its_attempts(admin_client, make_shipment):
    partner = Partner.objects.create(name="Swift", slug="swift")
    delivery = WebhookDelivery.objects.create(partner=partner, event="shipment.dispatched",
                                              url="https://swift.example/hook", body="{}")  # fmt: skip
    WebhookAttempt.objects.create(delivery=delivery, number=1, started_at=timezone.now(), duration_ms=10_000,
                                  error="TimeoutError: timed out")  # fmt: skip
    page = admin_client.get(f"/admin/dispatch/webhookdelivery/{delivery.pk}/change/").content.decode()
    assert "TimeoutError: timed out" in page and "10000" in page


def test_dispatch_again_queues_awaiting_shipments_only(admin_client, make_shipment):
    partner = Partner.objects.create(name="Swift", slug="swift")
    waiting = DispatchOffer.objects.create(
        shipment=make_shipment(), partner=partner, status=OfferStatus.REJECTED
    )
    shipment = make_shipment()
    shipment.status = "pre_transit"
    shipment.save()
    moving = DispatchOffer.objects.create(shipment=shipment, partner=partner, status=OfferStatus.ACCEPTED)
    admin_client.post("/admin/dispatch/dispatchoffer/",
                      {"action": "dispatch_again", "_selected_action": [waiting.pk, moving.pk]})  # fmt: skip
    queued = OutboxMessage.objects.filter(task_name="dispatch.shipment_assign")
    assert [m.kwargs for m in queued] == [{"shipment_id": waiting.shipment_id}]

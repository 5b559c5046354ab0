"""The dispatch tasks: named, on their queues, enqueued through the outbox, run by beat where they should."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction

from ewtp.celery import app
from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.assignment import shipment_dispatch_request
from logistics.dispatch.statuses import ShipmentStatus
from logistics.dispatch.tasks import shipment_assign
from logistics.partners.models import Partner, RateCard, WeightBand

pytestmark = pytest.mark.django_db


def test_a_dispatch_request_is_written_to_the_outbox_with_the_callers_transaction(make_shipment):
    shipment = make_shipment()
    with transaction.atomic():
        shipment_dispatch_request(shipment_id=shipment.pk)
    message = OutboxMessage.objects.get(task_name="dispatch.shipment_assign")
    assert (message.kwargs, message.queue) == ({"shipment_id": shipment.pk}, "default")


def test_the_assign_task_offers_the_shipment(make_shipment, celery_eager):
    partner = Partner.objects.create(name="Swift", slug="swift")
    card = RateCard.objects.create(partner=partner, origin_country="CN", destination_country="DE",
                                   service_level="standard", currency="USD", transit_days_min=3,
                                   transit_days_max=5)  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("5"), price=Decimal("9.00"))
    shipment = make_shipment()
    offer_id = shipment_assign.delay(shipment_id=shipment.pk).get()
    shipment.refresh_from_db()
    assert offer_id is not None and shipment.status == ShipmentStatus.OFFERED


@pytest.mark.parametrize(
    ("entry", "task", "queue"),
    [("dispatch-offers-expire", "dispatch.offers_expire", "default"),
     ("api-idempotency-keys-purge", "api.idempotency_keys_purge", "default")],
)  # fmt: skip
def test_beat_runs_registered_tasks(entry, task, queue):
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] == task
    assert app.tasks[task].queue == queue


def test_webhooks_go_on_their_own_queue():
    app.loader.import_default_modules()
    assert app.tasks["dispatch.webhook_deliver"].queue == "webhooks"
    assert app.tasks["dispatch.webhook_deliver"].acks_late is True


def test_from_the_request_to_the_partners_endpoint_through_outbox_and_tasks(
    make_shipment, hooked_partner, partner_endpoint, celery_eager, django_capture_on_commit_callbacks
):
    # given a partner listening on 127.0.0.1 with a card for the lane
    partner = hooked_partner()
    card = RateCard.objects.create(partner=partner, origin_country="CN", destination_country="DE",
                                   service_level="standard", currency="USD", transit_days_min=3,
                                   transit_days_max=5)  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("5"), price=Decimal("9.00"))
    shipment = make_shipment()
    # when payment's transaction asks for dispatch and commits (tasks run in-process here)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        shipment_dispatch_request(shipment_id=shipment.pk)
    # then the partner's endpoint heard of its new shipment
    [request] = partner_endpoint.received
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["ewtp-event"] == "shipment.dispatched"
    assert f'"id":{shipment.pk}' in request["body"].decode()
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()

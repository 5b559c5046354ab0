"""Ten retries of one acceptance racing with one Idempotency-Key, with real threads on PostgreSQL: the
acceptance runs once, every answer is the same, and nine of them are replays."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections

from logistics.dispatch.models import DispatchOffer
from logistics.dispatch.signals import shipment_status_changed
from logistics.dispatch.statuses import OfferStatus

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL): SQLite serialises every write"
    ),
]

RETRIES = 10


def test_racing_retries_with_one_key_run_the_request_once(api, partner, offered_to):
    shipment = offered_to(partner)
    path = f"/api/v1/shipments/{shipment.pk}/accept/"
    body = {"tracking_number": "SW-RACE-1", "service_level": "standard"}
    barrier = threading.Barrier(RETRIES)
    answers, accepted = [], []
    shipment_status_changed.connect(receiver := lambda **kw: accepted.append(kw["status"]), weak=False)

    def retry():
        try:
            barrier.wait()
            response = api.post(path, body, headers={"Idempotency-Key": "accept-race"})
            answers.append((response.status_code, response.content, response.get("Idempotent-Replayed")))
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=retry) for _ in range(RETRIES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        shipment_status_changed.disconnect(receiver)
    # then one ran (the shipment moved once), and every answer is its answer
    assert accepted == ["pre_transit"]
    assert {status for status, _, _ in answers} == {200} and len({content for _, content, _ in answers}) == 1
    assert sorted(replayed or "no" for _, _, replayed in answers) == ["no"] + ["true"] * (RETRIES - 1)
    assert DispatchOffer.objects.get(shipment=shipment).status == OfferStatus.ACCEPTED

"""POST /api/v1/tracking/events/ and /api/v1/shipments/{id}/events/: one event or a batch, the scope, another
partner's shipment as not found, every bad input as 422 naming the field, and Idempotency-Key."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client

from logistics.dispatch.models import Shipment
from logistics.dispatch.statuses import ShipmentStatus
from logistics.partners.keys import partner_api_key_create
from logistics.partners.models import Partner
from logistics.tracking.models import TrackingEvent
from tests.logistics.tracking.conftest import ACCEPTED_AT, event

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/tracking/events/"


@pytest.fixture(autouse=True)
def _no_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Swift Parcel", slug="swift")


@pytest.fixture
def other_partner(db):
    return Partner.objects.create(name="Other Post", slug="other")


def client_for(partner: Partner, scopes=("tracking:write",)):
    _, raw_key = partner_api_key_create(partner=partner, scopes=scopes)

    def post(path: str, body, **headers):
        return Client().post(path, json.dumps(body), content_type="application/json",
                             headers={"Authorization": f"Bearer {raw_key}", **headers})  # fmt: skip

    return post


@pytest.fixture
def post(partner):
    return client_for(partner)


@pytest.fixture
def accepted(make_shipment, partner):
    def make(owner=None, tracking_number=None):
        shipment = make_shipment()
        shipment.partner = owner or partner
        shipment.tracking_number = tracking_number or f"SW{shipment.pk:09d}KE"
        shipment.status, shipment.status_at = ShipmentStatus.PRE_TRANSIT, ACCEPTED_AT
        shipment.save(update_fields=["partner", "tracking_number", "status", "status_at"])
        return shipment

    return make


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


def test_one_event_is_accepted_for_applying(post, accepted):
    # given a shipment of the partner
    shipment = accepted()
    # when the partner posts one event for it
    response = post(EVENTS, event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk))
    # then it is accepted (202) and stored, to be applied by the tracking queue
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["received"], body["stored"], body["duplicates"], body["refused"]) == (1, 1, 0, [])
    assert TrackingEvent.objects.get().partner_event_id == "e1"
    # and the same event again is a duplicate, accepted and not stored twice
    again = post(EVENTS, event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk)).json()
    assert (again["stored"], again["duplicates"], again["batch_id"]) == (0, 1, None)


def test_a_batch_answers_each_event_it_could_not_store(post, accepted, other_partner):
    # given a shipment of the partner and one of another partner
    mine, theirs = accepted(), accepted(owner=other_partner)
    # when a batch names both, the other's by tracking number
    response = post(EVENTS, {"events": [
        event("e1", "in_transit", "11-02 09:00", tracking_number=mine.tracking_number),
        event("e2", "in_transit", "11-02 09:00", tracking_number=theirs.tracking_number),
    ]})  # fmt: skip
    # then the partner's own is stored, and the other is refused as not found (its existence not revealed)
    assert response.status_code == 202
    body = response.json()
    assert (body["received"], body["stored"]) == (2, 1)
    assert body["refused"] == [{
        "index": 1, "event_id": "e2", "code": "shipment_not_found",
        "message": f"No shipment with tracking number {theirs.tracking_number} among yours.",
    }]  # fmt: skip


def test_one_event_for_another_partners_shipment_is_404_like_a_made_up_one(post, accepted, other_partner):
    # given another partner's shipment
    theirs = accepted(owner=other_partner)
    # when the partner posts an event for it, and for an id that does not exist
    for shipment_id in (theirs.pk, theirs.pk + 1000):
        response = post(EVENTS, event("e1", "in_transit", "11-02 09:00", shipment_id=shipment_id))
        # then both are the same 404
        assert response.status_code == 404
        assert _error(response) == {
            "code": "shipment_not_found",
            "message": f"No shipment {shipment_id} among yours.",
            "fields": {"shipment_id": "Not found."},
        }
    assert not TrackingEvent.objects.exists()


def test_one_event_whose_tracking_number_matches_two_shipments_is_409(post, accepted):
    accepted(tracking_number="DUP1"), accepted(tracking_number="DUP1")
    response = post(EVENTS, event("e1", "in_transit", "11-02 09:00", tracking_number="DUP1"))
    assert response.status_code == 409
    assert _error(response)["code"] == "tracking_number_ambiguous"
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (event("e1", "lost_in_space", "11-02 09:00", shipment_id=1), {"status"}),
        (event("e1", "in_transit", "11-02 09:00", shipment_id=1) | {"occurred_at": "2026-11-02T09:00:00"},
         {"occurred_at"}),
        (event("e1", "in_transit", "11-02 09:00", shipment_id=1) | {"occurred_at": "2099-01-01T00:00:00Z"},
         {"occurred_at"}),
        ({"status": "in_transit", "shipment_id": 1}, {"event_id", "occurred_at"}),
        (event("e1", "customs_hold", "11-02 09:00", shipment_id=1), {"reason"}),
    ],
)  # fmt: skip
def test_one_bad_event_is_422_naming_its_fields(post, accepted, body, fields):
    # given a shipment (id 1 or not: the checks come first and reveal nothing)
    accepted()
    # when a bad event is posted on its own
    response = post(EVENTS, body)
    # then 422 names its fields by their own names
    assert response.status_code == 422
    error = _error(response)
    assert (error["code"], set(error["fields"])) == ("invalid_tracking_events", fields)


def test_a_bad_batch_is_422_naming_events_i_field_and_nothing_is_stored(post, accepted):
    shipment = accepted()
    response = post(EVENTS, {"events": [
        event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk),
        event("e2", "in_transit", "11-03 09:00", shipment_id=shipment.pk) | {"occurred_at": "2026-11-03"},
    ]})  # fmt: skip
    assert response.status_code == 422
    assert _error(response)["fields"] == {
        "events[1].occurred_at": "Needs a time zone (Z or an offset such as +01:00)."
    }
    assert not TrackingEvent.objects.exists()


def test_a_batch_over_1000_events_is_422(post, accepted):
    shipment = accepted()
    events = [event(f"e{i}", "in_transit", "11-02 09:00", shipment_id=shipment.pk) for i in range(1001)]
    response = post(EVENTS, {"events": events})
    assert response.status_code == 422
    assert _error(response)["fields"] == {"events": "At most 1000 events per batch, got 1001."}
    assert not TrackingEvent.objects.exists()


def test_a_batch_of_1000_events_is_accepted(post, accepted):
    shipments = [accepted() for _ in range(10)]
    events = [
        event(f"e{i}", "in_transit", "11-02 09:00", shipment_id=shipments[i % 10].pk) for i in range(1000)
    ]
    response = post(EVENTS, {"events": events})
    assert response.status_code == 202
    assert response.json()["stored"] == 1000


def test_malformed_json_is_400(partner):
    _, raw_key = partner_api_key_create(partner=partner, scopes=["tracking:write"])
    response = Client().post(EVENTS, "{not json", content_type="application/json",
                             headers={"Authorization": f"Bearer {raw_key}"})  # fmt: skip
    assert response.status_code == 400
    assert _error(response)["code"] == "malformed_request"


def test_a_key_without_tracking_write_is_403_and_no_key_is_401(partner, accepted):
    shipment = accepted()
    body = event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk)
    response = client_for(partner, scopes=("shipments:read",))(EVENTS, body)
    assert response.status_code == 403 and _error(response)["code"] == "scope_missing"
    response = Client().post(EVENTS, json.dumps(body), content_type="application/json")
    assert response.status_code == 401
    assert not TrackingEvent.objects.exists()


def test_events_posted_for_one_shipment_by_its_path(post, accepted):
    # given a shipment of the partner
    shipment = accepted()
    # when a batch is posted under its path, one event naming another shipment id
    response = post(f"/api/v1/shipments/{shipment.pk}/events/", {"events": [
        event("e1", "in_transit", "11-02 09:00"),
        event("e2", "out_for_delivery", "11-05 07:00", shipment_id=shipment.pk + 99),
    ]})  # fmt: skip
    # then both are the path's shipment's
    assert response.status_code == 202, response.content
    assert list(TrackingEvent.objects.values_list("shipment_id", flat=True)) == [shipment.pk, shipment.pk]


def test_events_for_another_partners_shipment_by_its_path_are_404(post, accepted, other_partner):
    theirs = accepted(owner=other_partner)
    for shipment_id in (theirs.pk, theirs.pk + 1000, 2**64):  # the last one no database id can even be
        response = post(f"/api/v1/shipments/{shipment_id}/events/", event("e1", "in_transit", "11-02 09:00"))
        assert response.status_code == 404
        assert _error(response) == {
            "code": "shipment_not_found",
            "message": f"No shipment {shipment_id} among yours.",
            "fields": {},
        }
    assert not TrackingEvent.objects.exists()


def test_the_same_idempotency_key_returns_the_first_answer_and_another_body_is_409(post, accepted):
    # given an event posted with an Idempotency-Key
    shipment = accepted()
    body = event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk)
    first = post(EVENTS, body, **{"Idempotency-Key": "k-1"})
    # when it is posted again with the same key, then the first answer comes back (stored 1, not a duplicate)
    again = post(EVENTS, body, **{"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json() == first.json() and again.json()["stored"] == 1
    # and another body under the same key is refused
    other = post(EVENTS, body | {"event_id": "e2"}, **{"Idempotency-Key": "k-1"})
    assert other.status_code == 409
    assert TrackingEvent.objects.count() == 1


def test_the_shipment_is_not_changed_until_the_tracking_queue_applies_the_batch(post, accepted):
    shipment = accepted()
    post(EVENTS, event("e1", "delivered", "11-05 14:00", shipment_id=shipment.pk))
    assert Shipment.objects.get(pk=shipment.pk).status == "pre_transit"

"""The shipments a partner sees, and its answer to an offer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from logistics.dispatch.models import DispatchOffer, Shipment
from logistics.dispatch.signals import shipment_status_changed
from logistics.dispatch.statuses import OfferStatus, ShipmentStatus
from tests.logistics.api.conftest import error_of

pytestmark = pytest.mark.django_db


def test_the_list_has_the_partners_shipments_only(api, partner, other_partner, offered_to, make_shipment):
    # given two shipments offered to the partner, one to another partner, one not dispatched
    mine = [offered_to(partner), offered_to(partner)]
    offered_to(other_partner)
    make_shipment(reference="NOT-DISPATCHED")
    # when
    response = api.get("/api/v1/shipments/")
    # then oldest change first
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [s.pk for s in mine]
    first = response.json()["results"][0]
    assert first["origin_country"] == "CN" and first["destination_country"] == "DE"
    assert first["status"] == "offered" and first["offer_expires_at"] is not None


def test_the_list_filters_by_status_and_updated_since(api, partner, offered_to):
    # given one shipment accepted long ago and one offered now
    old, new = offered_to(partner), offered_to(partner)
    Shipment.objects.filter(pk=old.pk).update(
        status=ShipmentStatus.PRE_TRANSIT, updated_at=timezone.now() - timedelta(days=2)
    )
    since = (timezone.now() - timedelta(days=1)).isoformat()
    # when / then
    by_status = api.get("/api/v1/shipments/", {"status": "pre_transit"}).json()["results"]
    assert [row["id"] for row in by_status] == [old.pk]
    recent = api.get("/api/v1/shipments/", {"updated_since": since}).json()["results"]
    assert [row["id"] for row in recent] == [new.pk]


@pytest.mark.parametrize(
    ("query", "field"), [({"status": "lost"}, "status"), ({"updated_since": "soon"}, "updated_since")]
)
def test_a_bad_filter_is_422_naming_it(api, partner, query, field):
    response = api.get("/api/v1/shipments/", query)
    assert response.status_code == 422
    assert set(error_of(response)["fields"]) == {field}


def test_the_list_is_paginated_by_cursor(api, partner, offered_to):
    # given 5 shipments and pages of 2
    ids = [offered_to(partner).pk for _ in range(5)]
    seen, url, pages = [], "/api/v1/shipments/?page_size=2", 0
    # when the partner follows `next` to the end
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
        assert "page=" not in (url or "") and (url is None or "cursor=" in url)
    # then every shipment came once, in 3 pages (2 + 2 + 1)
    assert seen == ids and pages == 3


def test_the_detail_has_parties_parcels_lines_and_duties(api, partner, offered_to):
    # given a DAP shipment with an estimate of what is due on delivery
    shipment = offered_to(partner, incoterm="DAP")
    Shipment.objects.filter(pk=shipment.pk).update(duties_estimated_amount=Decimal("19.40"),
                                                   duties_estimated_currency="EUR")  # fmt: skip
    # when
    body = api.get(f"/api/v1/shipments/{shipment.pk}/").json()
    # then
    assert body["sender"]["city"] == "Hangzhou" and body["receiver"]["eori"] == "DE987654321000000"
    assert body["lines"] == [
        {"position": 1, "description": "Silk scarf, hand-rolled edges", "quantity": 2, "unit": "pcs",
         "unit_value": "50.0000", "hs_code": "621410", "origin_country": "CN", "net_weight_kg": "0.180"}
    ]  # fmt: skip
    assert body["parcels"][0]["gross_weight_kg"] == "0.450"
    assert body["incoterm"] == "DAP"
    assert body["duties"] == {
        "incoterm": "DAP", "paid": False, "due_on_delivery": {"amount": "19.4000", "currency": "EUR"}
    }  # fmt: skip


def test_a_ddp_shipment_says_its_duties_are_paid(api, partner, offered_to):
    shipment = offered_to(partner, incoterm="DDP")
    duties = api.get(f"/api/v1/shipments/{shipment.pk}/").json()["duties"]
    assert duties == {"incoterm": "DDP", "paid": True, "due_on_delivery": None}


def test_accepting_moves_the_shipment_to_pre_transit_and_tells_orders(api, partner, offered_to):
    shipment = offered_to(partner)
    heard = []
    shipment_status_changed.connect(receiver := lambda **kw: heard.append((kw["previous"], kw["status"])))
    try:
        # when
        response = api.post(f"/api/v1/shipments/{shipment.pk}/accept/",
                            {"tracking_number": "SW123456789DE", "service_level": "express"})  # fmt: skip
    finally:
        shipment_status_changed.disconnect(receiver)
    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["tracking_number"], body["service_level"]) == (
        "pre_transit",
        "SW123456789DE",
        "express",
    )
    assert DispatchOffer.objects.get(shipment=shipment).status == OfferStatus.ACCEPTED
    assert heard == [("offered", "pre_transit")]


def test_accepting_again_with_the_same_values_is_harmless_and_with_others_409(api, partner, offered_to):
    shipment = offered_to(partner)
    answer = {"tracking_number": "SW1", "service_level": "standard"}
    assert api.post(f"/api/v1/shipments/{shipment.pk}/accept/", answer).status_code == 200
    assert api.post(f"/api/v1/shipments/{shipment.pk}/accept/", answer).status_code == 200
    response = api.post(f"/api/v1/shipments/{shipment.pk}/accept/", answer | {"tracking_number": "SW2"})
    assert response.status_code == 409
    assert error_of(response)["code"] == "offer_not_open"


def test_rejecting_frees_the_shipment_and_queues_the_next_dispatch(api, partner, offered_to):
    shipment = offered_to(partner)
    # when
    response = api.post(f"/api/v1/shipments/{shipment.pk}/reject/", {"reason": "No capacity this week"})
    # then the shipment is no longer the partner's and waits for the next partner
    assert response.status_code == 200 and response.json() == {"id": shipment.pk, "answer": "rejected"}
    shipment.refresh_from_db()
    assert (shipment.status, shipment.partner_id) == (ShipmentStatus.AWAITING_PARTNER, None)
    offer = DispatchOffer.objects.get(shipment=shipment)
    assert (offer.status, offer.reason) == (OfferStatus.REJECTED, "No capacity this week")
    assert OutboxMessage.objects.filter(
        task_name="dispatch.shipment_assign", kwargs={"shipment_id": shipment.pk}
    ).exists()
    assert api.get(f"/api/v1/shipments/{shipment.pk}/").status_code == 404


def test_a_rejection_without_a_reason_is_422(api, partner, offered_to):
    shipment = offered_to(partner)
    response = api.post(f"/api/v1/shipments/{shipment.pk}/reject/", {"reason": ""})
    assert response.status_code == 422 and "reason" in error_of(response)["fields"]


ID_ENDPOINTS = [
    ("get", "/api/v1/shipments/{id}/", None),
    ("post", "/api/v1/shipments/{id}/accept/", {"tracking_number": "X1", "service_level": "standard"}),
    ("post", "/api/v1/shipments/{id}/reject/", {"reason": "not mine"}),
    ("get", "/api/v1/shipments/{id}/documents/", None),
    ("get", "/api/v1/shipments/{id}/documents/1/pdf/", None),
    ("get", "/api/v1/shipments/{id}/documents/1/json/", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ID_ENDPOINTS)
def test_another_partners_shipment_is_404_like_one_that_does_not_exist(
    api, other_partner, offered_to, method, path, body
):
    # given a shipment offered to another partner
    theirs = offered_to(other_partner)
    # when the partner asks for it, and for an id nobody has
    response = getattr(api, method)(path.format(id=theirs.pk), body)
    missing = getattr(api, method)(path.format(id=theirs.pk + 1000), body)
    # then both are the same 404, and nothing changed
    assert response.status_code == missing.status_code == 404
    assert error_of(response) == error_of(missing)
    theirs.refresh_from_db()
    assert (theirs.status, theirs.partner_id) == (ShipmentStatus.OFFERED, other_partner.pk)

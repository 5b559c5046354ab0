"""Idempotency-Key on POST and PUT: a retry gets the first answer, another body with the same key a 409."""

from __future__ import annotations

import pytest

from ewtp.api.models import IdempotencyKey
from logistics.dispatch.models import DispatchOffer
from logistics.dispatch.statuses import OfferStatus
from tests.logistics.api.conftest import error_of

pytestmark = pytest.mark.django_db

ACCEPT = {"tracking_number": "SW-1", "service_level": "standard"}


def test_the_same_key_and_body_replays_the_first_response(api, partner, offered_to):
    shipment = offered_to(partner)
    path = f"/api/v1/shipments/{shipment.pk}/reject/"
    # when the partner sends the same rejection twice with one key (the first answer was lost, say)
    first = api.post(path, {"reason": "Full"}, headers={"Idempotency-Key": "reject-1"})
    again = api.post(path, {"reason": "Full"}, headers={"Idempotency-Key": "reject-1"})
    # then the second gets the first's answer, marked as a replay, and nothing ran twice
    # (run again, the rejection would be a 404: the shipment is no longer the partner's)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert DispatchOffer.objects.get(shipment=shipment).status == OfferStatus.REJECTED


def test_key_order_and_spacing_in_the_body_do_not_make_another_request(api, partner, offered_to):
    shipment = offered_to(partner)
    path = f"/api/v1/shipments/{shipment.pk}/accept/"
    first = api.post(
        path, '{"tracking_number": "SW-1", "service_level": "standard"}', headers={"Idempotency-Key": "k"}
    )
    again = api.post(
        path, '{"service_level":"standard","tracking_number":"SW-1"}', headers={"Idempotency-Key": "k"}
    )
    assert first.status_code == again.status_code == 200 and again["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_body_is_409(api, partner, offered_to):
    shipment = offered_to(partner)
    path = f"/api/v1/shipments/{shipment.pk}/accept/"
    assert api.post(path, ACCEPT, headers={"Idempotency-Key": "accept-1"}).status_code == 200
    # when
    response = api.post(path, ACCEPT | {"tracking_number": "SW-2"}, headers={"Idempotency-Key": "accept-1"})
    # then
    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_key_reused"
    shipment.refresh_from_db()
    assert shipment.tracking_number == "SW-1"


def test_the_same_key_on_another_path_is_409(api, partner, offered_to):
    first, second = offered_to(partner), offered_to(partner)
    api.post(f"/api/v1/shipments/{first.pk}/accept/", ACCEPT, headers={"Idempotency-Key": "k"})
    response = api.post(f"/api/v1/shipments/{second.pk}/accept/", ACCEPT, headers={"Idempotency-Key": "k"})
    assert response.status_code == 409


def test_keys_belong_to_their_partner(api_for, partner, other_partner, offered_to):
    # given both partners use the key "1" for their own shipments
    mine, theirs = offered_to(partner), offered_to(other_partner)
    ours, others = api_for(partner), api_for(other_partner)
    # when
    a = ours.post(f"/api/v1/shipments/{mine.pk}/accept/", ACCEPT, headers={"Idempotency-Key": "1"})
    b = others.post(f"/api/v1/shipments/{theirs.pk}/accept/", ACCEPT, headers={"Idempotency-Key": "1"})
    # then neither is the other's replay
    assert a.status_code == b.status_code == 200 and "Idempotent-Replayed" not in b
    assert IdempotencyKey.objects.filter(key="1").count() == 2


def test_a_replayed_put_returns_the_first_rate_cards(api, partner):
    cards = {"rate_cards": [{"origin_country": "CN", "destination_country": "DE", "service_level": "standard",
                             "currency": "USD", "transit_days_min": 5, "transit_days_max": 9,
                             "bands": [{"max_weight_kg": "1", "price": "10.00"}]}]}  # fmt: skip
    first = api.put("/api/v1/rate-cards/", cards, headers={"Idempotency-Key": "rates-2026-11"})
    again = api.put("/api/v1/rate-cards/", cards, headers={"Idempotency-Key": "rates-2026-11"})
    assert first.status_code == 200 and again.json() == first.json()
    assert partner.rate_cards.count() == 1


def test_answers_a_retry_may_change_are_not_kept(api_for, partner, offered_to):
    # given a key without the write scope: 403
    shipment = offered_to(partner)
    reader = api_for(partner, scopes=["shipments:read"])
    path = f"/api/v1/shipments/{shipment.pk}/accept/"
    assert reader.post(path, ACCEPT, headers={"Idempotency-Key": "k"}).status_code == 403
    # when the partner retries with a key that has it, and the same Idempotency-Key
    writer = api_for(partner)
    response = writer.post(path, ACCEPT, headers={"Idempotency-Key": "k"})
    # then the request runs (the 403 was not remembered)
    assert response.status_code == 200 and "Idempotent-Replayed" not in response


def test_an_idempotency_key_over_255_characters_is_400(api, partner, offered_to):
    shipment = offered_to(partner)
    response = api.post(
        f"/api/v1/shipments/{shipment.pk}/accept/", ACCEPT, headers={"Idempotency-Key": "k" * 256}
    )
    assert response.status_code == 400 and error_of(response)["code"] == "idempotency_key_invalid"


def test_a_get_ignores_the_key(api, partner):
    api.get("/api/v1/shipments/", headers={"Idempotency-Key": "k"})
    assert not IdempotencyKey.objects.exists()

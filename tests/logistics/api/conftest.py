"""Partners with keys, and shipments dispatched to them, for the partner API's tests."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from django.test import Client

from logistics.dispatch.models import DispatchOffer
from logistics.dispatch.statuses import ShipmentStatus
from logistics.partners.keys import partner_api_key_create
from logistics.partners.keys_models import ApiScope
from logistics.partners.models import Partner

ALL_SCOPES = tuple(ApiScope.values)


@pytest.fixture(autouse=True)
def _empty_throttle_counters(db):
    """Rate counters live in the shared cache (the database's here): each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Swift Parcels", slug="swift", countries=["DE", "FR"])


@pytest.fixture
def other_partner(db):
    return Partner.objects.create(name="Other Freight", slug="other", countries=["DE"])


class PartnerClient(Client):
    """Django's test client speaking JSON with a bearer key."""

    def __init__(self, raw_key: str | None):
        super().__init__()
        self.raw_key = raw_key

    def _headers(self, headers: dict | None) -> dict:
        headers = dict(headers or {})
        if self.raw_key is not None:
            headers.setdefault("Authorization", f"Bearer {self.raw_key}")
        return headers

    def get(self, path, data=None, headers=None, **extra):
        return super().get(path, data, headers=self._headers(headers), **extra)

    def post(self, path, data=None, headers=None, **extra):
        extra.setdefault("content_type", "application/json")
        return super().post(path, data, headers=self._headers(headers), **extra)

    def put(self, path, data=None, headers=None, **extra):
        extra.setdefault("content_type", "application/json")
        return super().put(path, data, headers=self._headers(headers), **extra)


@pytest.fixture
def api_for():
    """A client for `partner` holding a new key with `scopes` (all of them unless told)."""

    def build(partner: Partner, scopes=ALL_SCOPES) -> PartnerClient:
        _, raw_key = partner_api_key_create(partner=partner, scopes=scopes)
        return PartnerClient(raw_key)

    return build


@pytest.fixture
def api(api_for, partner):
    return api_for(partner)


@pytest.fixture
def offered_to(make_shipment):
    """A shipment offered to `partner` (status offered, one open offer), made without running dispatch."""
    references = (f"API-{n:04d}" for n in itertools.count(1))

    def offer(partner: Partner, **overrides):
        shipment = make_shipment(reference=next(references), **overrides)
        DispatchOffer.objects.create(shipment=shipment, partner=partner, transit_days_max=9)
        shipment.partner, shipment.status = partner, ShipmentStatus.OFFERED
        shipment.save(update_fields=["partner", "status", "updated_at"])
        return shipment

    return offer


def error_of(response) -> dict:
    """The one error shape; fails the test when the body has another."""
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]

"""The OpenAPI document and Swagger UI, and schemathesis against the live API: every operation, bounded
examples, no 5xx, and each response (errors included) as the schema describes it."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from logistics.partners.keys import partner_api_key_create
from logistics.partners.keys_models import ApiScope
from logistics.partners.models import Partner

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


@pytest.mark.django_db
def test_the_schema_is_openapi_3_with_every_endpoint_and_the_bearer_scheme(client):
    body = client.get("/api/v1/schema/?format=json").json()
    assert body["openapi"].startswith("3.")
    assert {
        "/api/v1/shipments/",
        "/api/v1/shipments/{shipment_id}/",
        "/api/v1/shipments/{shipment_id}/accept/",
        "/api/v1/shipments/{shipment_id}/reject/",
        "/api/v1/shipments/{shipment_id}/documents/",
        "/api/v1/rate-cards/",
    } <= set(body["paths"])
    assert body["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Authorization: Bearer <key>",
    }
    accept = body["paths"]["/api/v1/shipments/{shipment_id}/accept/"]["post"]
    assert {"401", "403", "404", "409", "413", "422", "429"} <= set(accept["responses"])
    assert "Idempotency-Key" in [p["name"] for p in accept["parameters"]]


@pytest.mark.django_db
def test_swagger_ui_is_served_from_local_files_with_no_cdn(client):
    response = client.get("/api/v1/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    assert (
        client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
    )


@pytest.fixture
def connection_kept():
    """schemathesis calls the WSGI app itself, whose request signals would close the test's connection (and
    its transaction) on PostgreSQL: keep it open, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def partner_key(db, offered_to, connection_kept):
    partner = Partner.objects.create(name="Fuzz Freight", slug="fuzz", countries=["DE"])
    offered_to(partner)
    _, raw_key = partner_api_key_create(partner=partner, scopes=ApiScope.values)
    return raw_key


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_answers_as_its_schema_says(case, partner_key):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {partner_key}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )

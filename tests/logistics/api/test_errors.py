"""Every error the partner API answers comes in one shape, with the status its kind promises."""

from __future__ import annotations

import pytest

from logistics.partners.keys import partner_api_key_revoke
from logistics.partners.keys_models import ApiScope, PartnerApiKey
from tests.logistics.api.conftest import PartnerClient, error_of

pytestmark = pytest.mark.django_db

LIST = "/api/v1/shipments/"


def test_no_key_is_401_not_authenticated_with_the_bearer_challenge(partner):
    # when
    response = PartnerClient(None).get(LIST)
    # then
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer ewtp_00000000_not-a-real-secret", "Bearer nonsense", "Bearer ", "Basic dXNlcjpwYXNz"],
)
def test_a_bad_key_is_401(api, header):
    # given a real key exists, but the request carries another
    response = api.get(LIST, headers={"Authorization": header})
    # then
    assert response.status_code == 401
    assert error_of(response)["code"] in {"authentication_failed", "not_authenticated"}


def test_a_key_with_a_real_prefix_and_a_wrong_secret_is_401(api):
    # given the right prefix with another secret
    kind, prefix, _ = api.raw_key.split("_", 2)
    response = api.get(LIST, headers={"Authorization": f"Bearer {kind}_{prefix}_{'x' * 43}"})
    # then
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_a_revoked_key_is_401_and_its_last_use_was_recorded(api, partner):
    # given a key that worked once
    assert api.get(LIST).status_code == 200
    key = PartnerApiKey.objects.get(partner=partner)
    assert key.last_used_at is not None
    # when it is revoked
    partner_api_key_revoke(key=key)
    response = api.get(LIST)
    # then
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_an_inactive_partners_key_is_401(api, partner):
    partner.is_active = False
    partner.save()
    assert api.get(LIST).status_code == 401


def test_a_missing_scope_is_403_naming_it(api_for, partner):
    # given a key for tracking only
    api = api_for(partner, scopes=[ApiScope.TRACKING_WRITE])
    # when it lists shipments
    response = api.get(LIST)
    # then
    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "scope_missing" and "shipments:read" in error["message"]


def test_over_the_rate_is_429_with_retry_after(api, settings):
    # given a rate of 3 requests an hour (a window no test run straddles by chance)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"client": "3/hour"}}
    # when the partner sends 4
    statuses = [api.get(LIST).status_code for _ in range(4)]
    response = api.get(LIST)
    # then the 4th and 5th are refused until the hour's window ends
    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert error_of(response)["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 3600


def test_the_rate_is_per_partner_not_per_key(api_for, partner, other_partner, settings):
    # given two keys of one partner, and one of another partner, at 2 requests an hour
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"client": "2/hour"}}
    first, second, other = api_for(partner), api_for(partner), api_for(other_partner)
    # when the partner spends its 2 with the first key
    assert [first.get(LIST).status_code for _ in range(2)] == [200, 200]
    # then its second key is over the rate too, and the other partner is not
    assert second.get(LIST).status_code == 429
    assert other.get(LIST).status_code == 200


def test_an_oversized_body_is_413_in_the_error_shape_unread(api, offered_to, partner, settings):
    # given a body declared 1 MB + 1 byte (never read, so a short one proves it)
    shipment = offered_to(partner)
    response = api.generic(
        "POST",
        f"/api/v1/shipments/{shipment.pk}/reject/",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(settings.API_MAX_REQUEST_BYTES + 1),
        headers={"Authorization": f"Bearer {api.raw_key}"},
    )
    # then
    assert response.status_code == 413
    assert error_of(response)["code"] == "request_too_large"


def test_malformed_json_is_400(api, offered_to, partner):
    shipment = offered_to(partner)
    response = api.post(f"/api/v1/shipments/{shipment.pk}/reject/", '{"reason": "no capacity"')
    assert response.status_code == 400
    assert error_of(response)["code"] == "malformed_request"


def test_invalid_fields_are_422_naming_each(api, offered_to, partner):
    shipment = offered_to(partner)
    # when the acceptance has no tracking number and an unknown service level
    response = api.post(f"/api/v1/shipments/{shipment.pk}/accept/", {"service_level": "teleport"})
    # then
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"tracking_number", "service_level"}


def test_a_body_that_is_not_json_is_415(api, offered_to, partner):
    shipment = offered_to(partner)
    response = api.post(f"/api/v1/shipments/{shipment.pk}/reject/", "reason=x", content_type="text/plain")
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_a_wrong_method_is_405(api):
    response = api.post(LIST, {})
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"

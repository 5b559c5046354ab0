"""The API's error shape for DRF's own errors: nested validation errors become flat field names."""

from __future__ import annotations

from rest_framework import exceptions

from ewtp.api.errors import ApiErrorCode, IdempotencyKeyReusedError
from ewtp.api.handler import api_exception_handler, flatten_fields


def test_nested_errors_are_flattened_to_one_message_per_field():
    # given DRF's detail for a body with two bad lines (a list serializer keys items by index)
    detail = {
        "reason": ["This field is required."],
        "lines": {0: {"hs_code": ["Not six digits."]}, 2: {"quantity": ["Must be 1 or more.", "Too big."]}},
        "parcels": [{}, {"kind": ["Unknown."]}],
        "non_field_errors": ["Say why."],
    }
    # then
    assert flatten_fields(detail) == {
        "reason": "This field is required.",
        "lines[0].hs_code": "Not six digits.",
        "lines[2].quantity": "Must be 1 or more. Too big.",
        "parcels[1].kind": "Unknown.",
        "non_field_errors": "Say why.",
    }


def test_a_validation_error_is_422_invalid_with_its_fields():
    response = api_exception_handler(exceptions.ValidationError({"reason": ["Required."]}), {})
    assert response.status_code == 422
    assert response.data == {
        "error": {
            "code": "invalid",
            "message": "Check the fields named in `fields`.",
            "fields": {"reason": "Required."},
        }
    }


def test_throttled_is_429_with_retry_after_in_seconds_rounded_up():
    response = api_exception_handler(exceptions.Throttled(wait=12.2), {})
    assert response.status_code == 429 and response["Retry-After"] == "13"
    assert response.data["error"]["code"] == ApiErrorCode.THROTTLED
    assert "13 seconds" in response.data["error"]["message"]


def test_an_application_error_keeps_its_class_status_and_code():
    error = IdempotencyKeyReusedError("Used before.", details={"Idempotency-Key": "Another body."})
    response = api_exception_handler(error, {})
    assert response.status_code == 409
    assert response.data == {
        "error": {"code": "idempotency_key_reused", "message": "Used before.",
                  "fields": {"Idempotency-Key": "Another body."}}
    }  # fmt: skip


def test_a_code_given_where_the_error_was_raised_wins():
    response = api_exception_handler(exceptions.PermissionDenied("No scope.", code="scope_missing"), {})
    assert (response.status_code, response.data["error"]["code"]) == (403, "scope_missing")


def test_an_unexpected_exception_is_left_to_django_as_a_500():
    assert api_exception_handler(ZeroDivisionError(), {}) is None

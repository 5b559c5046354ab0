"""The API's exception handler: every error, ours or DRF's, in the one shape of ewtp/http_errors.py,

    {"error": {"code": "...", "message": "...", "fields": {"lines[0].hs_code": "..."}}}

ApplicationError keeps its class's status. DRF's errors: no key 401 not_authenticated, bad key 401
authentication_failed (with WWW-Authenticate), 403 permission_denied or scope_missing, 404 not_found, 405,
406, 415, malformed JSON 400 malformed_request, validation 422 invalid with every field named, 429 throttled
with Retry-After. Anything else is a bug: None lets Django answer 500 and log it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ewtp.api.errors import ApiErrorCode
from ewtp.errors import ApplicationError
from ewtp.http_errors import application_error_body

# DRF's exceptions whose code we name ourselves (the rest keep their default_code).
_CODES: dict[type[exceptions.APIException], str] = {
    exceptions.NotAuthenticated: ApiErrorCode.NOT_AUTHENTICATED,
    exceptions.AuthenticationFailed: ApiErrorCode.AUTHENTICATION_FAILED,
    exceptions.NotFound: ApiErrorCode.NOT_FOUND,
    exceptions.MethodNotAllowed: ApiErrorCode.METHOD_NOT_ALLOWED,
    exceptions.NotAcceptable: ApiErrorCode.NOT_ACCEPTABLE,
    exceptions.UnsupportedMediaType: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
    exceptions.ParseError: ApiErrorCode.MALFORMED_REQUEST,
    exceptions.Throttled: ApiErrorCode.THROTTLED,
}
_MESSAGES = {
    exceptions.NotFound: "Not found.",
    exceptions.ValidationError: "Check the fields named in `fields`.",
}


def flatten_fields(detail: Any, prefix: str = "") -> dict[str, str]:
    """DRF's nested error detail as flat names: `lines[0].hs_code`, `non_field_errors`; one message each."""
    if isinstance(detail, dict):
        flat: dict[str, str] = {}
        for name, value in detail.items():
            if isinstance(name, int):  # DRF keys a nested list's errors by the item's index
                flat |= flatten_fields(value, f"{prefix}[{name}]")
            else:
                flat |= flatten_fields(value, f"{prefix}.{name}" if prefix else str(name))
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": " ".join(str(item) for item in detail)}
        flat = {}
        for index, item in enumerate(detail):
            if item:  # a list serializer leaves {} for the items without errors
                flat |= flatten_fields(item, f"{prefix}[{index}]")
        return flat
    return {prefix or "non_field_errors": str(detail)}


def _error(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": str(code), "message": message, "fields": fields or {}}}


def _code(exc: exceptions.APIException) -> str:
    detail_code = exc.get_codes() if isinstance(exc.detail, str) else None
    # A code given where the exception was raised (scope_missing) wins over the class's.
    if isinstance(detail_code, str) and detail_code != exc.default_code:
        return detail_code
    for cls in type(exc).__mro__:
        if cls in _CODES:
            return _CODES[cls]
    return str(exc.default_code)


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: the one error shape for every error the API answers."""
    if isinstance(exc, ApplicationError):
        return Response(application_error_body(exc), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    # DRF's own handler sets the headers (WWW-Authenticate, Retry-After) and rolls back the atomic block.
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _error(ApiErrorCode.INVALID, _MESSAGES[exceptions.ValidationError],
                               flatten_fields(exc.detail))  # fmt: skip
        response.status_code = 422
        return response
    message = _MESSAGES.get(type(exc)) or (str(exc.detail) if isinstance(exc.detail, str) else str(exc))
    if isinstance(exc, exceptions.Throttled):
        message = f"Too many requests: try again in {exc.wait} seconds."
    response.data = _error(_code(exc), message)
    return response

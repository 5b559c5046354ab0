"""What the API plumbing itself refuses, as typed errors the exception handler turns into the one shape.

DRF's own exceptions (authentication, permission, throttling, parsing, validation) keep their classes; the
handler (ewtp/api/handler.py) gives each of them one of these codes.
"""

from enum import StrEnum

from ewtp.errors import ApplicationError, BadRequestError, ConflictError


class ApiErrorCode(StrEnum):
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    SCOPE_MISSING = "scope_missing"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    MALFORMED_REQUEST = "malformed_request"
    INVALID = "invalid"
    THROTTLED = "throttled"
    REQUEST_TOO_LARGE = "request_too_large"
    IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use"


class IdempotencyKeyInvalidError(BadRequestError):
    """An Idempotency-Key header that is empty or longer than the column holds."""

    code = ApiErrorCode.IDEMPOTENCY_KEY_INVALID


class IdempotencyKeyReusedError(ConflictError):
    """The key was used before for another request (another body, path or method): never guessed which."""

    code = ApiErrorCode.IDEMPOTENCY_KEY_REUSED


class RequestTooLargeError(ApplicationError):
    """A body declared larger than API_MAX_REQUEST_BYTES, refused unread (by ewtp.request_limits)."""

    code = ApiErrorCode.REQUEST_TOO_LARGE
    status = 413


class ContentLengthInvalidError(BadRequestError):
    code = ApiErrorCode.MALFORMED_REQUEST

"""The one application error type; every domain error derives from it.

Views, the API exception handler, management commands and tasks turn it into a message for a person:
`message` says what went wrong, `details` names the field (or row, or currency) that caused it. Each app keeps
its errors in its own `errors.py`: typed subclasses, with their codes as a StrEnum, so callers catch a class
and never read a message or the keys of `details` to tell errors apart.

The HTTP status is the error's kind, fixed by its class (ewtp.http_errors maps it onto a response):
- InvalidError (422): values that break a rule; `details` maps each field to what is wrong with it;
- BadRequestError (400): a request that cannot be understood at all;
- NotFoundError (404): what was asked for does not exist (or is not the asker's);
- ConflictError (409): the request contradicts the current state (an illegal transition, a duplicate).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ApplicationError(Exception):
    code: str = "error"
    status: int = 422

    def __init__(self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": self.message, "details": self.details}


class InvalidError(ApplicationError):
    status = 422


class BadRequestError(ApplicationError):
    status = 400


class NotFoundError(ApplicationError):
    status = 404


class ConflictError(ApplicationError):
    status = 409


class KernelErrorCode(StrEnum):
    CURRENCY_UNKNOWN = "unknown_currency"
    CURRENCY_WITHOUT_MINOR_UNIT = "currency_without_minor_unit"
    CURRENCY_MISMATCH = "currency_mismatch"
    COUNTRY_INVALID = "invalid_country"

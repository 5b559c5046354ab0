"""The one application error type; every domain error derives from it.

Views, the API exception handler, management commands and tasks turn it into a message for a person:
`message` says what went wrong, `details` names the field (or row, or currency) that caused it.
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}

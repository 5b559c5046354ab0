"""One mapping from ApplicationError to HTTP, for pages that answer JSON and for the partner API's DRF
exception handler: the error's class gives the status (400/404/409/422), and the body is always

    {"error": {"code": "listing_values_invalid", "message": "Check the price.", "fields": {"price": "..."}}}
"""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

from ewtp.errors import ApplicationError


def application_error_body(error: ApplicationError) -> dict[str, Any]:
    fields = {str(name): str(message) for name, message in error.details.items()}
    return {"error": {"code": str(error.code), "message": str(error.message), "fields": fields}}


def application_error_response(error: ApplicationError) -> JsonResponse:
    return JsonResponse(application_error_body(error), status=error.status)

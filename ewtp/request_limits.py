"""A ceiling on the size of every request body, checked before Django reads any of it.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams file uploads of any size to disk before a
form can refuse them. The largest thing anyone sends is a listing photo (8 MB); a body declared larger than
MAX_REQUEST_BYTES is answered 413 at once, unread. API bodies (JSON under API_PATH_PREFIX) have their own,
smaller ceiling, API_MAX_REQUEST_BYTES, and are answered in the API's error shape.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from ewtp.api.errors import ContentLengthInvalidError, RequestTooLargeError
from ewtp.http_errors import application_error_response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path.startswith(settings.API_PATH_PREFIX)
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            if is_api:
                return application_error_response(ContentLengthInvalidError("Invalid Content-Length."))
            return HttpResponse(_("Invalid Content-Length."), status=400, content_type="text/plain")
        if is_api and declared > settings.API_MAX_REQUEST_BYTES:
            limit = settings.API_MAX_REQUEST_BYTES
            return application_error_response(
                RequestTooLargeError(
                    f"The request body is larger than {limit} bytes.",
                    details={"body": f"At most {limit} bytes."},
                )
            )
        if declared > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                _("The request is larger than %(mb)d MB.") % {"mb": settings.MAX_REQUEST_BYTES // 2**20},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

"""A ceiling on the size of every request body, checked before Django reads any of it.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams file uploads of any size to disk before a
form can refuse them. The largest thing anyone sends is a listing photo (8 MB); a body declared larger than
MAX_REQUEST_BYTES is answered 413 at once, unread.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Invalid Content-Length."), status=400, content_type="text/plain")
        if declared > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                _("The request is larger than %(mb)d MB.") % {"mb": settings.MAX_REQUEST_BYTES // 2**20},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

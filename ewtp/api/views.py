"""What the API answers for a path it does not have: the one error shape, not Django's HTML page."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from ewtp.api.errors import ApiErrorCode


# Exempt like every API view (keys, not cookies): else a POST to an unknown path would get CSRF's HTML 403.
@csrf_exempt
def api_not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    body = {"error": {"code": ApiErrorCode.NOT_FOUND.value, "message": "Not found.", "fields": {}}}
    return JsonResponse(body, status=404)

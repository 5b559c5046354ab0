"""The API's own documents: OpenAPI 3 and Swagger UI from local files (drf-spectacular-sidecar, no CDN).
Each API version includes them (logistics/api/urls.py for /api/v1/)."""

from django.urls import URLPattern, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

# Public, like any API reference: they describe the API and reveal no one's data.
_OPEN = {"authentication_classes": [], "permission_classes": [AllowAny], "throttle_classes": []}


def api_docs_urlpatterns(*, namespace: str) -> list[URLPattern]:
    """`schema/` and `docs/` for the API version mounted under `namespace`."""
    return [
        path("schema/", SpectacularAPIView.as_view(**_OPEN), name="schema"),
        path("docs/", SpectacularSwaggerView.as_view(url_name=f"{namespace}:schema", **_OPEN), name="docs"),
    ]

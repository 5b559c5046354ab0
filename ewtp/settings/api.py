"""Settings of the partner REST API (ewtp/api: plumbing; logistics/api: endpoints). Read by base.py."""

from environ import Env

env = Env()

API_PATH_PREFIX = "/api/"
# Who a bearer key belongs to: (raw_key) -> ewtp.api.clients.ApiClient | None.
API_KEY_AUTHENTICATOR = "logistics.partners.keys.partner_api_key_authenticate"
API_IDEMPOTENCY_KEEP_HOURS = env.int("API_IDEMPOTENCY_KEEP_HOURS", default=24)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["ewtp.api.authentication.BearerKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["ewtp.api.permissions.HasApiClient", "ewtp.api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["ewtp.api.throttling.ClientRateThrottle"],
    # Per partner, counted in the shared cache ("600/min", "20/s", ...).
    "DEFAULT_THROTTLE_RATES": {"client": env.str("API_CLIENT_RATE", default="600/min")},
    "DEFAULT_PAGINATION_CLASS": "ewtp.api.pagination.ApiCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ewtp.api.handler.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EWTP partner API",
    "DESCRIPTION": "For logistics partners: dispatched shipments, customs documents, tracking, rate cards.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ewtp.api.schema.api_errors_postprocess",
    ],
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        # The statuses a tracking event may carry: a subset of a shipment's (which adds dispatch's own).
        "TrackingStatusEnum": "logistics.api.tracking_views.TRACKING_STATUS_CHOICES",
        # A shipment's status (dispatch's own, then tracking's), as the shipments list filters it.
        "ShipmentStatusEnum": "logistics.dispatch.statuses.ShipmentStatus",
    },
}

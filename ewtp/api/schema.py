"""OpenAPI for the API (drf-spectacular): the bearer scheme, and the one error shape documented on every
operation, so a client (and schemathesis) knows each status an endpoint may answer and what it carries."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string", "example": "invalid"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "What is wrong with each field, by name (`lines[0].hs_code`).",
                },
            },
        }
    },
}
# Every operation may answer these; POST and PUT also 409 (idempotency) and 413 (body too large).
COMMON_ERRORS = {
    "400": "Malformed request (JSON that does not parse, a bad header).",
    "401": "No API key, or not a valid one.",
    "403": "The key lacks the scope this operation needs.",
    "404": "Not found, or not yours.",
    "422": "Values that break a rule; `fields` names each.",
    "429": "Over the rate: wait the seconds in Retry-After.",
}
WRITE_ERRORS = {
    "409": "Conflicts with the current state, or an Idempotency-Key used for another request.",
    "413": "The body is larger than the API accepts.",
}
IDEMPOTENCY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 255},
    "description": "Retry safely: the same key with the same body returns the first response; with "
    "another body, 409.",
}


class ErrorSerializer(serializers.Serializer):
    """For views that name the error shape themselves (`extend_schema(responses={404: ErrorSerializer})`)."""

    class _Detail(serializers.Serializer):
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField(child=serializers.CharField())

    error = _Detail()


class BearerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "ewtp.api.authentication.BearerKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer <key>"}


def api_errors_postprocess(result, generator, request, public):
    """SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]: the error responses and the idempotency header."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            errors = dict(COMMON_ERRORS)
            if method in {"post", "put"}:
                errors |= WRITE_ERRORS
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "Idempotency-Key" for p in parameters):
                    parameters.append(IDEMPOTENCY_HEADER)
            responses = operation.setdefault("responses", {})
            for status, description in errors.items():
                responses.setdefault(
                    status,
                    {"description": description, "content": {"application/json": {"schema": reference}}},
                )
            responses["429"].setdefault(
                "headers", {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}
            )
    return result

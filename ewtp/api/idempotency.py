"""`Idempotency-Key` on every POST and PUT under the API prefix: the first response is stored and replayed.

A middleware rather than a view mixin, so no API view can forget it. For a request with a key and a valid
bearer key it opens one transaction around the view and inserts (client, key) first:

- the same key with the same request (method, path, body as canonical JSON) replays the stored response,
  marked `Idempotent-Replayed: true`; a retry racing the first waits on the unique index, then replays;
- the same key with another request is 409 idempotency_key_reused;
- a response that must not be replayed (5xx, 401, 403, 429: the retry may succeed) rolls the transaction
  back, the key with it, so the client's retry runs again.

Keys are kept API_IDEMPOTENCY_KEEP_HOURS (the `api.idempotency_keys_purge` beat task deletes older ones).
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ewtp.api.clients import api_client_from_request
from ewtp.api.errors import IdempotencyKeyInvalidError, IdempotencyKeyReusedError
from ewtp.api.models import IdempotencyKey
from ewtp.errors import ApplicationError
from ewtp.http_errors import application_error_response

IDEMPOTENT_METHODS = frozenset({"POST", "PUT"})
# Answers a retry may change: a server error, a key not valid (yet), a scope granted since, a rate reset.
NOT_REPLAYED = frozenset({401, 403, 429})
KEY_MAX_LENGTH = 255


def request_fingerprint(*, method: str, path: str, body: bytes) -> str:
    """SHA-256 of the request: a JSON body counts by its content (key order and spacing do not matter)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    return hashlib.sha256(b"\n".join([method.encode(), path.encode(), canonical])).hexdigest()


def _replay(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(record.body), status=record.status_code, content_type=record.content_type)
    if record.location:
        response["Location"] = record.location
    response["Idempotent-Replayed"] = "true"
    return response


def idempotency_keys_purge(*, older_than_hours: int | None = None) -> int:
    """Delete keys older than API_IDEMPOTENCY_KEEP_HOURS; returns how many."""
    hours = settings.API_IDEMPOTENCY_KEEP_HOURS if older_than_hours is None else older_than_hours
    deleted, _ = IdempotencyKey.objects.filter(
        created_at__lt=timezone.now() - timedelta(hours=hours)
    ).delete()
    return deleted


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get("Idempotency-Key")
        if (
            key is None
            or request.method not in IDEMPOTENT_METHODS
            or not request.path.startswith(settings.API_PATH_PREFIX)
        ):
            return self.get_response(request)
        client = api_client_from_request(request)
        if client is None:
            return self.get_response(request)  # the view answers 401; nothing to remember
        try:
            return self._once(request, client_identity=client.identity, key=key.strip())
        except ApplicationError as error:
            return application_error_response(error)

    def _once(self, request: HttpRequest, *, client_identity: str, key: str) -> HttpResponse:
        if not key or len(key) > KEY_MAX_LENGTH:
            raise IdempotencyKeyInvalidError(
                f"Idempotency-Key must be 1 to {KEY_MAX_LENGTH} characters.",
                details={"Idempotency-Key": f"1 to {KEY_MAX_LENGTH} characters."},
            )
        fingerprint = request_fingerprint(method=request.method, path=request.path, body=request.body)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.create(
                        client=client_identity, key=key, fingerprint=fingerprint, method=request.method,
                        path=request.path[:300], status_code=0, content_type="", body=b"",
                    )  # fmt: skip
            except IntegrityError:
                earlier = IdempotencyKey.objects.get(client=client_identity, key=key)
                if earlier.fingerprint != fingerprint:
                    raise IdempotencyKeyReusedError(
                        "This Idempotency-Key was used for another request; use a new key for a new request.",
                        details={"Idempotency-Key": "Used before with another method, path or body."},
                    ) from None
                return _replay(earlier)
            response = self.get_response(request)
            if response.status_code >= 500 or response.status_code in NOT_REPLAYED or response.streaming:
                transaction.set_rollback(True)
                return response
            record.status_code = response.status_code
            record.content_type = response.get("Content-Type", "")[:100]
            record.body = response.content
            record.location = response.get("Location", "")[:300]
            record.save(update_fields=["status_code", "content_type", "body", "location"])
            return response

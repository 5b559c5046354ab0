"""Who calls the API: an `ApiClient`, resolved from the bearer key by the function settings name.

The kernel does not know where keys are kept (logistics.partners keeps partners' keys), so
`settings.API_KEY_AUTHENTICATOR` names the function, `(raw_key: str) -> ApiClient | None`, the way
AUTH_USER_MODEL names a model. Authentication (DRF) and idempotency (middleware) both go through
`api_client_from_request`, which resolves a request's key once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

_RESOLVED = "_ewtp_api_client"


@dataclass(frozen=True)
class ApiClient:
    """An authenticated caller: a partner through one of its keys, with the key's scopes."""

    partner_id: int
    key_id: int
    scopes: frozenset[str]
    label: str = ""

    # DRF and Django read these on request.user.
    is_authenticated = True
    is_anonymous = False
    is_active = True

    @property
    def identity(self) -> str:
        """Whose counters and idempotency keys these are: the partner, whichever of its keys was used."""
        return f"partner:{self.partner_id}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def __str__(self):
        return self.label or self.identity


def bearer_key(request: HttpRequest) -> str | None:
    """The key in `Authorization: Bearer <key>`, or None when the header is absent or of another kind."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    kind, _, key = header.partition(" ")
    if kind.lower() != "bearer":
        return None
    return key.strip()


def api_client_from_request(request: HttpRequest) -> ApiClient | None:
    """The client the request's bearer key belongs to (None: no key, or not a valid one), resolved once."""
    if hasattr(request, _RESOLVED):
        return getattr(request, _RESOLVED)
    key = bearer_key(request)
    client = import_string(settings.API_KEY_AUTHENTICATOR)(key) if key else None
    setattr(request, _RESOLVED, client)
    return client

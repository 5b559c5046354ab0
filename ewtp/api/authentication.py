"""`Authorization: Bearer <key>` for DRF: no header is 401 not_authenticated, a bad key 401
authentication_failed (a revoked key is a bad key; nothing says whether it ever existed)."""

from __future__ import annotations

from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from ewtp.api.clients import ApiClient, api_client_from_request, bearer_key
from ewtp.api.errors import ApiErrorCode


class BearerKeyAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request) -> tuple[ApiClient, ApiClient] | None:
        django_request = request._request
        if bearer_key(django_request) is None:
            return None  # DRF then answers 401 not_authenticated when the view needs a client
        client = api_client_from_request(django_request)
        if client is None:
            raise AuthenticationFailed(
                "The API key is not valid (unknown or revoked).", code=ApiErrorCode.AUTHENTICATION_FAILED
            )
        return client, client

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) with WWW-Authenticate when no valid key is given.
        return f'{self.keyword} realm="api"'

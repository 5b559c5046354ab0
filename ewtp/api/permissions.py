"""Scopes: a view names the scope each method needs; a key without it is 403 scope_missing.

    class ShipmentAcceptView(ApiView):
        required_scopes = {"POST": "shipments:write"}

`required_scopes` maps an HTTP method (or "*" for every method) to one scope. A view that names none
needs only a valid key.
"""

from __future__ import annotations

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from ewtp.api.clients import ApiClient
from ewtp.api.errors import ApiErrorCode


def view_required_scope(view, method: str) -> str | None:
    scopes = getattr(view, "required_scopes", None) or {}
    if method == "HEAD":
        method = "GET"
    return scopes.get(method) or scopes.get("*")


class HasApiClient(BasePermission):
    """A valid key was given (checked first, so a missing key is 401 before any scope is looked at)."""

    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, ApiClient)


class HasScope(BasePermission):
    def has_permission(self, request, view) -> bool:
        scope = view_required_scope(view, request.method)
        if scope is None or request.user.has_scope(scope):
            return True
        raise PermissionDenied(f"This key lacks the scope {scope}.", code=ApiErrorCode.SCOPE_MISSING)

"""Cursor pagination for API lists: stable under inserts (no page drifts as shipments arrive), opaque
cursors in `next` and `previous`. A view sets `ordering` on its paginator or through `pagination_ordering`."""

from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        return getattr(view, "pagination_ordering", None) or super().get_ordering(request, queryset, view)

"""Reading and serving issued customs documents. Who may have a document is decided by the caller: the
seller area (marketplace) asks for a seller's own documents, the admin for any to operators."""

from __future__ import annotations

import logging

from django.db.models import QuerySet
from django.http import FileResponse, Http404

from logistics.customs.documents_models import CustomsDocument

logger = logging.getLogger(__name__)

CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json"}
FILE_FORMATS = tuple(CONTENT_TYPES)


def customs_documents_of_seller(*, seller_id: int) -> QuerySet[CustomsDocument]:
    """Every document issued for the seller's shipments, every version, newest first."""
    return (
        CustomsDocument.objects.filter(seller_id=seller_id)
        .select_related("shipment")
        .defer("content")
        .order_by("-issued_at", "-pk")
    )


def customs_document_response(*, document: CustomsDocument, file_format: str) -> FileResponse:
    """The document's stored PDF or JSON as a download no browser renders, sniffs or caches.

    Raises Http404 for a format other than FILE_FORMATS or a file that is not in storage.
    """
    if file_format not in CONTENT_TYPES:
        raise Http404
    stored = document.pdf if file_format == "pdf" else document.json
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        # An issued document whose file is gone is evidence lost: operators need to hear about it.
        logger.error("customs.document_file_missing", extra={"document": document.pk, "file": stored.name})
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{document.number}-v{document.version}.{file_format}",
        content_type=CONTENT_TYPES[file_format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

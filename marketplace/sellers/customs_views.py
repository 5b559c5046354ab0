"""The seller's customs documents under /sell/customs-documents/: the list, and each file as a download.

Logistics knows shipments by a plain seller id; the check that the requester is that seller is made here,
by asking logistics only for the documents of `request.seller`. Another seller's document is a 404, the same
answer as a document that does not exist.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from logistics.customs.documents_downloads import (
    FILE_FORMATS,
    customs_document_response,
    customs_documents_of_seller,
)
from marketplace.sellers.decorators import seller_required

DOCUMENTS_PER_PAGE = 50


@seller_required
@require_GET
def customs_document_list(request):
    page = Paginator(customs_documents_of_seller(seller_id=request.seller.pk), DOCUMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "sellers/customs_documents.html",
        {"seller": request.seller, "page": page, "file_formats": FILE_FORMATS},
    )


@seller_required
@require_GET
def customs_document_download(request, pk: int, file_format: str):
    document = get_object_or_404(customs_documents_of_seller(seller_id=request.seller.pk), pk=pk)
    return customs_document_response(document=document, file_format=file_format)

"""Verification documents: what is accepted (PDF, JPEG, PNG by content, at most 10 MB, no decompression
bombs) and how an upload is stored (private storage, under a random name)."""

from __future__ import annotations

import os
import uuid
import warnings

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from marketplace.sellers.errors import DocumentRejectedError, SellerProfileLockedError, SellersErrorCode
from marketplace.sellers.models import Seller, SellerDocument

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Magic bytes -> (content type, extension, Pillow format or None for PDFs).
SIGNATURES: tuple[tuple[bytes, str, str, str | None], ...] = (
    (b"%PDF-", "application/pdf", "pdf", None),
    (b"\xff\xd8\xff", "image/jpeg", "jpg", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png", "PNG"),
)
UPLOAD_STATUSES = (Seller.Status.DRAFT, Seller.Status.REJECTED)


def _refuse(message: str, code: SellersErrorCode) -> DocumentRejectedError:
    return DocumentRejectedError(message, code=code, details={"file": message})


def document_content_type(upload: UploadedFile) -> tuple[str, str]:
    """Check the upload and return (content type, extension). Decided by the bytes, never by the name or
    the browser's claim; images are opened with Pillow under Image.MAX_IMAGE_PIXELS."""
    if upload.size is None or upload.size > MAX_DOCUMENT_BYTES:
        raise _refuse(
            _("File: larger than 10 MB; upload a smaller scan or photo."), SellersErrorCode.DOCUMENT_TOO_LARGE
        )
    if upload.size == 0:
        raise _refuse(_("File: the file is empty."), SellersErrorCode.DOCUMENT_EMPTY)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    match = next((signature for signature in SIGNATURES if head.startswith(signature[0])), None)
    if match is None:
        raise _refuse(_("File: only PDF, JPEG and PNG files are accepted."), SellersErrorCode.DOCUMENT_TYPE)
    _magic, content_type, extension, image_format = match
    if image_format:
        _image_check(upload, image_format)
    return content_type, extension


def _image_check(upload: UploadedFile, expected_format: str) -> None:
    try:
        with warnings.catch_warnings():
            # Past MAX_IMAGE_PIXELS Pillow only warns; past twice that it raises. Refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != expected_format:
                    raise _refuse(
                        _("File: only PDF, JPEG and PNG files are accepted."), SellersErrorCode.DOCUMENT_TYPE
                    )
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            _("File: the image's dimensions are too large to be a document scan."),
            SellersErrorCode.DOCUMENT_BOMB,
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refuse(
            _("File: the image is damaged or unreadable."), SellersErrorCode.DOCUMENT_UNREADABLE
        ) from None
    finally:
        upload.seek(0)


@transaction.atomic
def seller_document_upload(*, seller: Seller, kind: str, upload: UploadedFile) -> SellerDocument:
    """Store a verification document privately. Draft and rejected sellers only: a submitted profile is
    under review, and a verified one was approved with the documents it has."""
    if seller.status not in UPLOAD_STATUSES:
        raise SellerProfileLockedError(
            _("Documents cannot be changed while your account is %(status)s.")
            % {"status": seller.get_status_display()},
        )
    if kind not in SellerDocument.Kind.values:
        message = _("Document type: choose one from the list.")
        raise DocumentRejectedError(message, code=SellersErrorCode.DOCUMENT_KIND, details={"kind": message})
    content_type, extension = document_content_type(upload)
    # A random stored name: the original may carry personal data or path tricks; it is kept only as text.
    original_name = os.path.basename(upload.name or "")[:255] or f"document.{extension}"
    document = SellerDocument(
        seller=seller,
        kind=kind,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
    )
    document.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    try:
        document.save()
    except Exception:
        # No row, no file: leave nothing orphaned on private storage.
        document.file.delete(save=False)
        raise
    return document

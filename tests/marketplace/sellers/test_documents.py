"""Verification documents: accepted by content, refused when oversized or hostile, served only to their
seller and operators."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from ewtp.errors import ApplicationError
from marketplace.sellers.documents import MAX_DOCUMENT_BYTES, seller_document_upload
from marketplace.sellers.models import Seller, SellerDocument
from tests.marketplace.sellers.conftest import image_bytes, png_with_dimensions
from tests.marketplace.sellers.factories import (
    MINIMAL_PDF,
    PASSWORD,
    SellerDocumentFactory,
    SellerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LICENCE = SellerDocument.Kind.BUSINESS_LICENCE


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("licence.pdf", MINIMAL_PDF, "application/pdf"),
        ("passport.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("scan", image_bytes("PNG"), "image/png"),  # no extension: the bytes decide
    ],
)
def test_pdf_jpeg_and_png_are_stored_privately(name, content, content_type):
    # given
    seller = SellerFactory()

    # when
    document = seller_document_upload(
        seller=seller, kind=LICENCE, upload=SimpleUploadedFile(name, content, "application/octet-stream")
    )

    # then
    assert (document.content_type, document.size, document.original_name) == (
        content_type,
        len(content),
        name,
    )
    # private storage: outside MEDIA_ROOT, so no public URL reaches it
    assert document.file.storage.location == str(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    assert name not in document.file.name  # stored under a random name
    assert document.file.read() == content


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"MZ\x90\x00 a windows executable", "document_type"),
        (b"<html><script>alert(1)</script></html>", "document_type"),
        (b"GIF89a\x01\x00\x01\x00", "document_type"),
        (b"\x89PNG\r\n\x1a\n but the rest is garbage", "document_unreadable"),
    ],
)
def test_other_content_is_refused_whatever_the_name(content, code):
    with pytest.raises(ApplicationError) as raised:
        seller_document_upload(
            seller=SellerFactory(),
            kind=LICENCE,
            upload=SimpleUploadedFile("licence.pdf", content, "application/pdf"),
        )
    assert raised.value.code == code
    assert "file" in raised.value.details
    assert not SellerDocument.objects.exists()


def test_a_file_over_10_mb_is_refused():
    content = MINIMAL_PDF + b"0" * MAX_DOCUMENT_BYTES
    with pytest.raises(ApplicationError) as raised:
        seller_document_upload(
            seller=SellerFactory(), kind=LICENCE, upload=SimpleUploadedFile("big.pdf", content)
        )
    assert raised.value.code == "document_too_large"


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (10_000, 10_000)])
def test_a_decompression_bomb_is_refused(width, height):
    """Past Image.MAX_IMAGE_PIXELS Pillow warns, past twice that it raises: both are refusals."""
    # given: tiny on disk, billions of pixels once decoded
    content = png_with_dimensions(width, height)
    assert len(content) < 100

    # when
    with pytest.raises(ApplicationError) as raised:
        seller_document_upload(
            seller=SellerFactory(), kind=LICENCE, upload=SimpleUploadedFile("id.png", content)
        )

    # then
    assert raised.value.code == "document_bomb"


@pytest.mark.parametrize("status", [Seller.Status.SUBMITTED, Seller.Status.VERIFIED, Seller.Status.SUSPENDED])
def test_documents_are_locked_once_submitted(status, pdf_upload):
    with pytest.raises(ApplicationError) as raised:
        seller_document_upload(seller=SellerFactory(status=status), kind=LICENCE, upload=pdf_upload)
    assert raised.value.code == "seller_profile_locked"


def test_the_seller_downloads_their_own_document_as_an_attachment(client):
    # given
    document = SellerDocumentFactory(original_name="licence.pdf")
    client.login(username=document.seller.user.email, password=PASSWORD)

    # when
    response = client.get(f"/sell/documents/{document.pk}/")

    # then
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="licence.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_another_seller_gets_a_404_for_a_document_that_exists(client):
    # given
    document = SellerDocumentFactory()
    other = SellerFactory()
    client.login(username=other.user.email, password=PASSWORD)

    # when
    response = client.get(f"/sell/documents/{document.pk}/")

    # then: the same answer as for a document that does not exist
    assert response.status_code == 404
    assert client.get("/sell/documents/999999/").status_code == 404


def test_a_buyer_gets_a_404_and_an_anonymous_visitor_the_log_in_page(client):
    document = SellerDocumentFactory()
    assert client.get(f"/sell/documents/{document.pk}/").status_code == 302
    client.login(username=UserFactory().email, password=PASSWORD)
    assert client.get(f"/sell/documents/{document.pk}/").status_code == 404


def test_staff_without_the_view_permission_get_a_404_and_superusers_the_file(client):
    document = SellerDocumentFactory()
    client.login(username=UserFactory(is_staff=True).email, password=PASSWORD)
    assert client.get(f"/sell/documents/{document.pk}/").status_code == 404
    client.login(username=UserFactory(is_staff=True, is_superuser=True).email, password=PASSWORD)
    assert client.get(f"/sell/documents/{document.pk}/").status_code == 200


def test_an_upload_through_the_page_shows_the_error_beside_the_file_field(seller_client):
    # given
    client, seller = seller_client

    # when
    response = client.post(
        "/sell/onboarding/documents/",
        {"kind": LICENCE, "file": SimpleUploadedFile("licence.pdf", b"MZ not a pdf")},
    )

    # then
    assert response.status_code == 200
    assert "only PDF, JPEG and PNG" in str(response.context["form"].errors["file"])
    assert not seller.documents.exists()

"""Fixtures for the seller tests: uploads built in memory, including hostile ones."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.marketplace.sellers.factories import MINIMAL_PDF, PASSWORD, SellerFactory


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_dimensions(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height but which is a few dozen bytes on disk."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b""))
        + _png_chunk(b"IEND", b"")
    )


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def pdf_upload():
    return SimpleUploadedFile("licence.pdf", MINIMAL_PDF, content_type="application/pdf")


@pytest.fixture
def seller_client(client):
    """A logged-in draft seller: (client, seller)."""
    seller = SellerFactory()
    client.login(username=seller.user.email, password=PASSWORD)
    return client, seller


@pytest.fixture(autouse=True)
def _seller_emails_run_eagerly(celery_eager):
    """Status e-mails are Celery tasks; these unit tests run them in-process."""

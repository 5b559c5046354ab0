"""Image bytes for upload tests: real small images, a non-image and a decompression bomb."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_upload(name="photo.png", size=(64, 48), color=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def bomb_upload() -> SimpleUploadedFile:
    """A 30,000 x 30,000 grey PNG (900 megapixels) that is only a few kilobytes on disk."""
    width = height = 30_000
    raw = zlib.compress(b"".join(b"\x00" + b"\x00" * width for _ in range(8)), 9)  # only 8 rows: enough

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", png, content_type="image/png")

"""Listing photos: checked by content (not by name), size-limited, safe against decompression bombs,
re-encoded (which drops EXIF location data) and thumbnailed with Pillow, in three renditions: the full photo,
the thumbnail, and a small one for phones (pages offer the last two in a srcset, the browser picks)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from marketplace.listings.errors import PhotoError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; beyond it is a bomb or a mistake
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
FULL_SIZE = (1600, 1600)
THUMBNAIL_SIZE = (480, 480)
SMALL_SIZE = (240, 240)  # a card on a 412 px phone is ~185 CSS px wide: this at 1x, the thumbnail at 2x


@dataclass(frozen=True)
class ProcessedPhoto:
    image: ContentFile
    thumbnail: ContentFile
    small: ContentFile


def _encode(image: Image.Image, size: tuple[int, int], name: str) -> ContentFile:
    copy = image.copy()
    copy.thumbnail(size)
    if copy.mode not in ("RGB", "L"):
        copy = copy.convert("RGB")
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)


def photo_process(*, upload, field: str = "photo") -> ProcessedPhoto:
    """Validate an uploaded photo and return a re-encoded JPEG and its thumbnail; raise PhotoError."""
    size = getattr(upload, "size", None)
    if size is None or size == 0:
        raise PhotoError(_("The photo is empty."), details={field: "empty"})
    if size > MAX_PHOTO_BYTES:
        raise PhotoError(
            _("The photo is larger than %(mb)s MB.") % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)},
            details={field: "too_large"},
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise PhotoError(_("Photos must be JPEG, PNG or WebP images."), details={field: "wrong_type"})
            width, height = probe.size
            if width * height > MAX_PHOTO_PIXELS:
                raise PhotoError(
                    _("The photo has %(width)sx%(height)s pixels; the limit is 40 megapixels.")
                    % {"width": width, "height": height},
                    details={field: "too_many_pixels"},
                )
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(
            _("The image is too large to open safely."), details={field: "too_many_pixels"}
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError(
            _("Photos must be JPEG, PNG or WebP images."), details={field: "wrong_type"}
        ) from None
    return ProcessedPhoto(
        image=_encode(image, FULL_SIZE, "photo.jpg"),
        thumbnail=_encode(image, THUMBNAIL_SIZE, "thumb.jpg"),
        small=_encode(image, SMALL_SIZE, "small.jpg"),
    )


def small_rendition(source) -> ContentFile:
    """The small rendition of a stored photo (an open file of one we re-encoded), for photos stored before
    there were small renditions."""
    with Image.open(source) as image:
        image.load()
        return _encode(image, SMALL_SIZE, "small.jpg")

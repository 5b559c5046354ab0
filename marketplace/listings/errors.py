"""The listing domain's errors. Forms and the CSV import put `details` ({field: message}) beside the field or
in the row's report; views show `message`."""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError


class ListingsErrorCode(StrEnum):
    LISTING_INVALID = "listing_invalid"
    VALUES_INVALID = "listing_values_invalid"
    IMPORT_FILE_INVALID = "listing_import_file_invalid"
    LISTINGS_GONE = "listings_gone"
    PHOTO_INVALID = "invalid_photo"


class ListingError(ApplicationError):
    """Any listing error: catch this to catch them all."""

    code = ListingsErrorCode.LISTING_INVALID


class ListingInvalidError(ListingError, InvalidError):
    """One or more values break a listing rule; `details` maps each field to what is wrong with it."""

    code = ListingsErrorCode.VALUES_INVALID


class ListingImportFileError(ListingError, InvalidError):
    """The uploaded file cannot be imported at all (too large, not UTF-8); `details` names `file`."""

    code = ListingsErrorCode.IMPORT_FILE_INVALID


class ListingsGoneError(ListingError, ConflictError):
    """Listings an import was about to update were deleted meanwhile."""

    code = ListingsErrorCode.LISTINGS_GONE


class PhotoError(ListingError, InvalidError):
    """The upload is not a photo we can take (empty, too large, not JPEG/PNG/WebP, a pixel bomb)."""

    code = ListingsErrorCode.PHOTO_INVALID

"""The listing domain's errors. Forms and the CSV import put `details` ({field: message}) beside the field or
in the row's report; views show `message`."""

from ewtp.errors import ApplicationError


class ListingError(ApplicationError):
    code = "listing_invalid"


class ListingInvalidError(ListingError):
    """One or more values break a listing rule; `details` maps each field to what is wrong with it."""

    code = "listing_values_invalid"


class ListingImportFileError(ListingError):
    """The uploaded file cannot be imported at all (too large, not UTF-8); `details` names `file`."""

    code = "listing_import_file_invalid"

"""What can go wrong with exchange rates, each a clear ApplicationError naming the culprit."""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError, NotFoundError


class FxErrorCode(StrEnum):
    FEED_INVALID = "fx_feed_invalid"
    RATE_CONFLICT = "fx_rate_conflict"
    RATE_NOT_FOUND = "fx_rate_not_found"
    SOURCE_UNREACHABLE = "fx_source_unreachable"


class FxFeedError(InvalidError):
    """The file or response is not a valid ECB rates feed (malformed, zero rate, unknown currency...)."""

    code = FxErrorCode.FEED_INVALID


class FxRateConflictError(ConflictError):
    """A (date, currency) already has a different rate: rates are facts and never silently overwritten."""

    code = FxErrorCode.RATE_CONFLICT


class FxRateNotFoundError(NotFoundError):
    code = FxErrorCode.RATE_NOT_FOUND


class FxSourceUnreachableError(ApplicationError):
    """The rate source could not be fetched; transient, so the refresh task retries it."""

    code = FxErrorCode.SOURCE_UNREACHABLE

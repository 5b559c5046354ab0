"""What can go wrong with exchange rates, each a clear ApplicationError naming the culprit."""

from ewtp.errors import ApplicationError


class FxFeedError(ApplicationError):
    """The file or response is not a valid ECB rates feed (malformed, zero rate, unknown currency...)."""

    code = "fx_feed_invalid"


class FxRateConflictError(ApplicationError):
    """A (date, currency) already has a different rate: rates are facts and never silently overwritten."""

    code = "fx_rate_conflict"


class FxRateNotFoundError(ApplicationError):
    code = "fx_rate_not_found"


class FxSourceUnreachableError(ApplicationError):
    """The rate source could not be fetched; transient, so the refresh task retries it."""

    code = "fx_source_unreachable"

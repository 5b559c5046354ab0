"""What payouts refuse or cannot do, each a typed ApplicationError with its code."""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError


class PayoutErrorCode(StrEnum):
    NOT_RETRYABLE = "payout_not_retryable"
    PROVIDER_UNREACHABLE = "payout_provider_unreachable"


class PayoutError(ApplicationError):
    """Any payout error: catch this to catch them all."""


class PayoutNotRetryableError(PayoutError, ConflictError):
    """Only a held payout can be tried again (a paid one is done, a failed one was given back)."""

    code = PayoutErrorCode.NOT_RETRYABLE


class PayoutProviderUnreachableError(PayoutError):
    """Stripe could not be reached or answered 429/5xx: the transfer task retries with backoff."""

    code = PayoutErrorCode.PROVIDER_UNREACHABLE
    status = 503

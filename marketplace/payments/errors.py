"""What can go wrong with a payment or a refund, each a typed ApplicationError naming the culprit.

Callers catch a class, never read a message: the checkout shows `message` (and the field in `details`) for
what the buyer or operator can fix, and logs the provider errors.
"""

from enum import StrEnum

from ewtp.errors import ApplicationError, BadRequestError, ConflictError, InvalidError, NotFoundError


class PaymentErrorCode(StrEnum):
    AMOUNT_INVALID = "payment_amount_invalid"
    IDEMPOTENCY_CONFLICT = "payment_idempotency_conflict"
    PAYMENT_NOT_FOUND = "payment_not_found"
    PAYMENT_EXPIRED = "payment_expired"
    NOT_REFUNDABLE = "payment_not_refundable"
    REFUND_EXCEEDS_REMAINING = "refund_exceeds_remaining"
    GATEWAY_UNAVAILABLE = "payment_gateway_unavailable"
    PROVIDER = "payment_provider_error"
    PROVIDER_UNREACHABLE = "payment_provider_unreachable"
    WEBHOOK_SIGNATURE = "webhook_signature_invalid"
    WEBHOOK_PAYLOAD = "webhook_payload_invalid"
    EVENT_UNMATCHED = "webhook_event_unmatched"
    EVENT_MISMATCH = "webhook_event_mismatch"


class PaymentAmountInvalidError(InvalidError):
    """An amount that cannot be charged or refunded as it is: not positive, not rounded to the currency's
    exponent, or not a whole number of what the provider takes (Stripe: three-decimal currencies in tens)."""

    code = PaymentErrorCode.AMOUNT_INVALID


class PaymentIdempotencyConflictError(ConflictError):
    """An idempotency key used again with different values (another amount, currency or purpose)."""

    code = PaymentErrorCode.IDEMPOTENCY_CONFLICT


class PaymentNotFoundError(NotFoundError):
    code = PaymentErrorCode.PAYMENT_NOT_FOUND


class PaymentExpiredError(ConflictError):
    """The hosted page of this payment expired; the checkout starts a new payment with a new key."""

    code = PaymentErrorCode.PAYMENT_EXPIRED


class PaymentNotRefundableError(ConflictError):
    """Only a payment that succeeded, and is not disputed, can be refunded."""

    code = PaymentErrorCode.NOT_REFUNDABLE


class RefundExceedsRemainingError(InvalidError):
    """More than what is left to refund (the amount paid, less what is refunded or being refunded)."""

    code = PaymentErrorCode.REFUND_EXCEEDS_REMAINING


class PaymentGatewayUnavailableError(ApplicationError):
    """No gateway is configured: no Stripe key, and the built-in test gateway has no secret (production)."""

    code = PaymentErrorCode.GATEWAY_UNAVAILABLE
    status = 503


class PaymentProviderError(ApplicationError):
    """The provider refused the request (a bad parameter, a refunded charge); retrying won't help."""

    code = PaymentErrorCode.PROVIDER
    status = 502


class PaymentProviderUnreachableError(PaymentProviderError):
    """The provider could not be reached or asked us to slow down; transient, so tasks retry it."""

    code = PaymentErrorCode.PROVIDER_UNREACHABLE
    status = 503


class WebhookSignatureError(BadRequestError):
    """A webhook whose Stripe-Signature is missing, forged or older than the tolerance (300 s)."""

    code = PaymentErrorCode.WEBHOOK_SIGNATURE


class WebhookPayloadError(BadRequestError):
    """A webhook body that is not a Stripe event (not JSON, no id or type)."""

    code = PaymentErrorCode.WEBHOOK_PAYLOAD


class WebhookEventUnmatchedError(ApplicationError):
    """The event names a payment we cannot find yet (its checkout.session.completed not processed);
    transient: the processing task retries it, so events may arrive in any order."""

    code = PaymentErrorCode.EVENT_UNMATCHED


class WebhookEventMismatchError(InvalidError):
    """The event's amount or currency contradicts the payment: recorded on the event, nothing changes."""

    code = PaymentErrorCode.EVENT_MISMATCH

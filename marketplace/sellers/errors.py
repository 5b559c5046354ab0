"""The seller domain's errors: onboarding, identifiers, documents, status decisions and payouts.

Each is a class with its code from SellersErrorCode; forms and views put `details` ({field: message})
beside the field and show `message`. Identifier and document problems share a class each, and say which
problem it was with their code (a member of the enum, never a free string).
"""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError


class SellersErrorCode(StrEnum):
    PROFILE_LOCKED = "seller_profile_locked"
    PROFILE_INVALID = "seller_profile_invalid"
    INCOMPLETE = "seller_incomplete"
    CURRENCY_INVALID = "currency_invalid"
    SUSPENDED = "seller_suspended"
    ILLEGAL_TRANSITION = "seller_illegal_transition"
    REASON_REQUIRED = "reason_required"
    PAYOUT_PROVIDER = "payout_provider_error"
    # identifiers
    VAT_COUNTRY_MISMATCH = "vat_country_mismatch"
    VAT_INVALID = "vat_invalid"
    EORI_REQUIRED = "eori_required"
    EORI_INVALID = "eori_invalid"
    EORI_COUNTRY_MISMATCH = "eori_country_mismatch"
    PHONE_REQUIRED = "phone_required"
    PHONE_INVALID = "phone_invalid"
    # documents
    DOCUMENT_KIND = "document_kind"
    DOCUMENT_EMPTY = "document_empty"
    DOCUMENT_TOO_LARGE = "document_too_large"
    DOCUMENT_TYPE = "document_type"
    DOCUMENT_UNREADABLE = "document_unreadable"
    DOCUMENT_BOMB = "document_bomb"


class SellerError(ApplicationError):
    """Any seller error: catch this to catch them all."""


class SellerProfileLockedError(SellerError, ConflictError):
    """The seller's status does not allow this change now (under review, suspended)."""

    code = SellersErrorCode.PROFILE_LOCKED


class SellerProfileInvalidError(SellerError, InvalidError):
    code = SellersErrorCode.PROFILE_INVALID


class SellerIncompleteError(SellerError, InvalidError):
    """Submitted before every onboarding step was done; `details` names each missing step."""

    code = SellersErrorCode.INCOMPLETE


class SellerCurrencyInvalidError(SellerError, InvalidError):
    code = SellersErrorCode.CURRENCY_INVALID


class SellerSuspendedError(SellerError, ConflictError):
    code = SellersErrorCode.SUSPENDED


class IllegalTransition(SellerError, ConflictError):
    code = SellersErrorCode.ILLEGAL_TRANSITION


class ReasonRequiredError(SellerError, InvalidError):
    code = SellersErrorCode.REASON_REQUIRED


class PayoutProviderError(SellerError):
    """Stripe could not be reached or refused; the seller tries again later."""

    code = SellersErrorCode.PAYOUT_PROVIDER


class IdentifierInvalidError(SellerError, InvalidError):
    """A VAT, EORI or phone number that is missing, malformed or of another country (see its code)."""


class DocumentRejectedError(SellerError, InvalidError):
    """A verification document we do not take (see its code)."""

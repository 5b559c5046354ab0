"""What can go wrong in customs: HS codes, landed-cost quotes, documents, SDR values and rule seeds.

Callers catch a class, never a code or a key of `details`. Missing reference data for a date (import rules,
a duty rate, an exchange rate, an SDR value) is a NotFoundError; values that break a rule are InvalidErrors.
The code strings are part of what API clients read, so they stay as they were when each error was one class.
"""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError, NotFoundError


class CustomsErrorCode(StrEnum):
    HS_CODE_INVALID = "invalid_hs_code"
    LANDED_COST_UNAVAILABLE = "landed_cost_unavailable"
    FX_RATE_MISSING = "fx_rate_missing"
    SDR_RATE_MISSING = "sdr_rate_missing"
    DOCUMENT_NOT_ISSUED = "document_not_issued"
    DOCUMENT_IMMUTABLE = "document_immutable"
    SEED_INVALID = "invalid_customs_seed"


class HsCodeError(InvalidError):
    """Not six digits, or not a subheading of the HS 2022 nomenclature."""

    code = CustomsErrorCode.HS_CODE_INVALID


# -- landed cost


class LandedCostError(ApplicationError):
    """No landed-cost quote: catch this for every reason, or a subclass for one."""

    code = CustomsErrorCode.LANDED_COST_UNAVAILABLE


class LandedCostInputError(LandedCostError, InvalidError):
    """A value given to the quote breaks a rule (no lines, a value or quantity below one, an incoterm...)."""


class LandedCostHsCodeError(LandedCostInputError):
    """A line's HS code is not 6 to 10 digits."""

    code = CustomsErrorCode.HS_CODE_INVALID


class NoImportRulesError(LandedCostError, NotFoundError):
    """No import rules in force for the destination on the quote date, or none covers the basket's value."""


class NoDutyRateError(LandedCostError, NotFoundError):
    """The destination's rules have no duty rate for a line's HS code (not even a default one)."""


class LandedCostRateMissingError(LandedCostError, NotFoundError):
    """No exchange rate on or before the quote date for a currency the quote has to convert."""

    code = CustomsErrorCode.FX_RATE_MISSING


# -- SDR values and documents


class SdrRateMissingError(NotFoundError):
    code = CustomsErrorCode.SDR_RATE_MISSING


class DocumentNotIssuedError(ApplicationError):
    """A document was asked for and none was issued: catch this for every reason, or a subclass for one."""

    code = CustomsErrorCode.DOCUMENT_NOT_ISSUED


class DocumentRequestInvalidError(DocumentNotIssuedError, InvalidError):
    """An unknown form, or a correction without a reason."""


class DocumentNothingToCorrectError(DocumentNotIssuedError, ConflictError):
    """A correction of a form that was never issued for the shipment: issue the documents first."""


class DocumentImmutableError(ConflictError):
    """Issued documents are evidence given to customs: a correction is a new version, never an edit."""

    code = CustomsErrorCode.DOCUMENT_IMMUTABLE


class CustomsSeedError(InvalidError):
    """A row or column of seeds/customs/*.csv that cannot be loaded; `details` names file, line and field."""

    code = CustomsErrorCode.SEED_INVALID

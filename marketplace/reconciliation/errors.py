"""What reconciliation refuses or cannot do, each a typed ApplicationError naming the culprit."""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError


class ReconciliationErrorCode(StrEnum):
    RECORD_INVALID = "reconciliation_record_invalid"
    PROVIDER_FAILED = "reconciliation_provider_failed"
    RUN_BUSY = "reconciliation_run_busy"
    CASE_RESOLVED = "reconciliation_case_resolved"
    NOTE_MISSING = "reconciliation_note_missing"


class ProviderRecordInvalidError(InvalidError):
    """A provider record without a field reconciliation needs (details name the record and the field)."""

    code = ReconciliationErrorCode.RECORD_INVALID


class ProviderReadError(ApplicationError):
    """The provider's API failed in the middle of a run: the run ends failed and the next one resumes."""

    code = ReconciliationErrorCode.PROVIDER_FAILED
    status = 502


class RunBusyError(ConflictError):
    """Another run holds the provider's cursor."""

    code = ReconciliationErrorCode.RUN_BUSY


class CaseAlreadyResolvedError(ConflictError):
    code = ReconciliationErrorCode.CASE_RESOLVED


class ResolutionNoteMissingError(InvalidError):
    code = ReconciliationErrorCode.NOTE_MISSING

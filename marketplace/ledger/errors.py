"""What the ledger refuses, each a typed ApplicationError naming the culprit."""

from enum import StrEnum

from ewtp.errors import ConflictError, InvalidError


class LedgerErrorCode(StrEnum):
    UNBALANCED = "ledger_unbalanced"
    EMPTY = "ledger_transaction_empty"
    LEG_INVALID = "ledger_leg_invalid"
    ALREADY_REVERSED = "ledger_already_reversed"
    EVENT_CONFLICT = "ledger_event_conflict"


class UnbalancedTransactionError(InvalidError):
    """Entries that do not sum to zero in every currency."""

    code = LedgerErrorCode.UNBALANCED


class EmptyTransactionError(InvalidError):
    code = LedgerErrorCode.EMPTY


class LegInvalidError(InvalidError):
    """A zero amount, or an amount not in its account's currency."""

    code = LedgerErrorCode.LEG_INVALID


class AlreadyReversedError(ConflictError):
    code = LedgerErrorCode.ALREADY_REVERSED


class EventConflictError(ConflictError):
    """An event key posted before with other entries: the same event cannot move other money."""

    code = LedgerErrorCode.EVENT_CONFLICT

"""Where provider records come from: one interface, two sources (Stripe's API, the test gateway's table).

A source lists a stream's records created in (created_after, created_until], newest first as Stripe lists
them, continuing after `starting_after` (the last record already committed), and yields them as RecordData.
What a source cannot parse raises ProviderRecordInvalidError naming the record and field; what the API
refuses or fails to answer raises ProviderReadError. A record in an unknown currency is parsed as it is (its
case is opened by matching).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from marketplace.reconciliation.errors import ProviderRecordInvalidError
from marketplace.reconciliation.models import Stream


@dataclass(slots=True)
class RecordData:
    """One provider record as reconciliation reads it (integers in the provider's units, signed)."""

    provider_id: str
    object: str
    type: str
    amount: int
    fee: int
    net: int
    currency: str
    created: int
    raw: dict | None  # as received; None where the record is a row of ours (built from the fields)
    exchange_rate: Decimal | None = None
    presentment_amount: int | None = None
    presentment_currency: str = ""
    source_id: str = ""
    source_type: str = ""
    charge_id: str = ""
    payment_intent_id: str = ""
    # The sum of the fee's breakdown, when the provider sends one (Stripe's fee_details).
    fee_details_total: int | None = None


class RecordSource(Protocol):
    provider: str

    def records(
        self, *, stream: str, created_after: int, created_until: int, starting_after: str, page_size: int
    ) -> Iterator[RecordData]:
        """The stream's records in the window, newest first, after `starting_after` when it is set."""


def streams_of(source: RecordSource) -> tuple[str, ...]:
    return getattr(source, "streams", (Stream.BALANCE_TRANSACTIONS,))


# -- parsing, shared by the sources --------------------------------------------------------------------


def field_int(raw: dict, name: str, record_id: str) -> int:
    value = raw.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProviderRecordInvalidError(
            f"Provider record {record_id}: {name} is {value!r}, not a whole number.",
            details={"record": record_id, name: repr(value)},
        )
    return value


def field_str(raw: dict, name: str, record_id: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value:
        raise ProviderRecordInvalidError(
            f"Provider record {record_id}: {name} is missing.", details={"record": record_id, name: "missing"}
        )
    return value


def rate_decimal(value: object, record_id: str) -> Decimal | None:
    """The rate exactly as it was written in the JSON: the SDK reads it as a float, whose shortest repr is
    the text Stripe sent (never used as a float)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ProviderRecordInvalidError(
            f"Provider record {record_id}: exchange_rate is {value!r}.",
            details={"record": record_id, "exchange_rate": repr(value)},
        )
    return Decimal(repr(value) if isinstance(value, float) else str(value))

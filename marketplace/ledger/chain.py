"""The journal's hash chain: each transaction's hash covers its content and the previous transaction's hash,
so changing, inserting or removing a transaction anywhere breaks every hash after it.

The content is canonical JSON: keys sorted, amounts as normalised decimal strings, entries sorted, times in
UTC ISO 8601 to the microsecond. It is what `ledger_verify` recomputes from the rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

GENESIS_HASH = "0" * 64


def _amount_text(amount: Decimal) -> str:
    # 10, 10.0 and 10.0000 are one amount: hash the value, not how the database padded it.
    text = format(amount.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def content_hash(
    *,
    previous_hash: str,
    sequence: int,
    event_key: str,
    kind: str,
    memo: str,
    effective_at: datetime,
    reverses_sequence: int | None,
    entries: Iterable[tuple[str, str, str, Decimal]],
) -> str:
    """`entries` as (account kind, party, currency, signed amount)."""
    content = {
        "previous": previous_hash,
        "sequence": sequence,
        "event_key": event_key,
        "kind": kind,
        "memo": memo,
        "effective_at": effective_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "reverses": reverses_sequence,
        "entries": sorted(
            [kind_, party, currency, _amount_text(amount)] for kind_, party, currency, amount in entries
        ),
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    event_key: str
    reason: str

    def __str__(self) -> str:
        return f"transaction #{self.sequence} ({self.event_key}): {self.reason}"


def chain_verify(*, batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the whole journal in sequence order; returns (transactions checked, the first break or None).

    A break is a hash that does not match the content, a `previous_hash` that is not the hash before it, a gap
    in the sequence, or a transaction whose entries do not balance per currency."""
    from marketplace.ledger.models import Entry, Transaction

    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    last_sequence = 0
    while True:
        batch = list(
            Transaction.objects.filter(sequence__gt=last_sequence)
            .select_related("reverses")
            .order_by("sequence")[:batch_size]
        )
        if not batch:
            return checked, None
        entries: dict[int, list[tuple[str, str, str, Decimal]]] = {t.id: [] for t in batch}
        for transaction_id, kind, party, currency, amount in Entry.objects.filter(
            transaction_id__in=entries
        ).values_list("transaction_id", "account__kind", "account__party", "currency", "amount"):
            entries[transaction_id].append((kind, party, currency, amount))
        for t in batch:
            problem = _transaction_problem(t, entries[t.id], expected_sequence, expected_previous)
            if problem:
                return checked, ChainBreak(t.sequence, t.event_key, problem)
            checked += 1
            expected_previous = t.hash
            expected_sequence = t.sequence + 1
        last_sequence = batch[-1].sequence


def _transaction_problem(t, entries, expected_sequence: int, expected_previous: str) -> str:
    if t.sequence != expected_sequence:
        return f"sequence {t.sequence} where {expected_sequence} was expected (a transaction is missing)"
    if t.previous_hash != expected_previous:
        return "its previous hash is not the hash of the transaction before it"
    if not entries:
        return "it has no entries"
    totals: dict[str, Decimal] = {}
    for _kind, _party, currency, amount in entries:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    unbalanced = sorted(currency for currency, total in totals.items() if total != 0)
    if unbalanced:
        return f"its entries do not balance in {', '.join(unbalanced)}"
    recomputed = content_hash(
        previous_hash=t.previous_hash,
        sequence=t.sequence,
        event_key=t.event_key,
        kind=t.kind,
        memo=t.memo,
        effective_at=t.effective_at,
        reverses_sequence=t.reverses.sequence if t.reverses_id else None,
        entries=entries,
    )
    if recomputed != t.hash:
        return "its content does not match its hash (it was changed after posting)"
    return ""

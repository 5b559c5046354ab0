"""Seller payouts at the provider: Stripe's `transfer` balance transactions matched to marketplace.payouts.

A transfer is found by its id (`Payout.provider_transfer_id`, set when the payout is paid) or, failing that,
by the `payout_reference` its metadata carries (a transfer made by a worker that died before it committed
the payout as paid). Then:
- no payout: missing_on_platform (money left the platform's balance for a seller the platform did not pay);
- a payout that is not paid (created, held, failed), or paid by another transfer: missing_on_platform;
- another currency: currency_differs; another amount: amount_differs;
- a paid payout that agrees: its two ledger postings (`payout:<ref>`, `payout-settled:<ref>`) are checked by
  marketplace.reconciliation.ledger_check.
Once a stream's window is complete, paid Stripe payouts the provider has no transfer for become
missing_at_provider cases (`payouts_missing_cases`). Recorded payouts (no payment provider) are at no
provider and are not reconciled against one; the test gateway records no transfers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, OuterRef

from ewtp.money import Money
from marketplace.payments.amounts import provider_minor_units
from marketplace.payouts.models import Payout
from marketplace.reconciliation.lookups import rows_by_ids
from marketplace.reconciliation.models import (
    CaseKind,
    Provider,
    ProviderRecord,
    ReconciliationCase,
    ReconciliationRun,
)
from marketplace.reconciliation.sources import RecordData

TRANSFER_TYPES = frozenset({"transfer"})
_COLUMNS = ("id", "reference", "amount", "currency", "status", "provider_transfer_id")


class PayoutRow(NamedTuple):
    id: int
    reference: str
    amount: Decimal
    currency: str
    status: str
    transfer_id: str

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)


def _payout_row(row: tuple) -> PayoutRow:
    # SQLite hands a raw decimal column back as a number: read it through its shortest text, never as a float.
    pk, reference, amount, currency, status, transfer_id = row
    return PayoutRow(pk, reference, Decimal(str(amount)), currency, status, transfer_id)


def is_transfer(data: RecordData) -> bool:
    return data.type in TRANSFER_TYPES or data.source_type == "transfer"


def transfer_payout_reference(data: RecordData) -> str:
    """The payout reference the transfer's metadata carries (the source expanded), or ""."""
    source = (data.raw or {}).get("source")
    metadata = source.get("metadata") if isinstance(source, dict) else None
    value = metadata.get("payout_reference") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) else ""


def payouts_of(records: Iterable[RecordData]) -> tuple[dict[str, PayoutRow], dict[str, PayoutRow]]:
    """The payouts of a page's transfers, by transfer id and by reference (two queries at most)."""
    transfers = [r for r in records if is_transfer(r)]
    if not transfers:
        return {}, {}
    table = Payout._meta.db_table
    ids = {r.source_id for r in transfers if r.source_id}
    rows = rows_by_ids(table=table, columns=_COLUMNS, key="provider_transfer_id", ids=ids)
    by_transfer = {payout.transfer_id: payout for payout in map(_payout_row, rows)}
    wanted = {transfer_payout_reference(r) for r in transfers if r.source_id not in by_transfer} - {""}
    rows = rows_by_ids(table=table, columns=_COLUMNS, key="reference", ids=wanted)
    return by_transfer, {payout.reference: payout for payout in map(_payout_row, rows)}


def transfer_gross(data: RecordData) -> Money:
    """What the transfer paid the seller (positive): the transfer's own amount when expanded, else the
    balance transaction's (a transfer leaves the platform's balance: negative there)."""
    if data.presentment_amount is not None and data.presentment_currency:
        units, currency = data.presentment_amount, data.presentment_currency
    else:
        units, currency = data.amount, data.currency
    return Money.from_minor_units(abs(provider_minor_units(units, currency)), currency)


def transfer_problem(data: RecordData, payout: PayoutRow | None) -> tuple[CaseKind, str] | None:
    """Why the transfer and the payout disagree, as (kind, description); None when they agree."""
    gross = transfer_gross(data)
    transfer = data.source_id or data.provider_id
    if payout is None:
        return (
            CaseKind.MISSING_ON_PLATFORM,
            f"The provider transferred {gross} ({transfer}); the platform has no payout for it.",
        )
    if payout.status != Payout.Status.PAID or payout.transfer_id != data.source_id:
        # Found by the reference in the transfer's metadata: not paid, paid by another transfer, or recorded
        # as paid with none (then the seller was paid twice).
        if payout.status != Payout.Status.PAID:
            state = payout.status
        elif payout.transfer_id:
            state = f"paid by {payout.transfer_id}"
        else:
            state = "paid without a transfer"
        return (
            CaseKind.MISSING_ON_PLATFORM,
            f"The provider transferred {gross} ({data.source_id}) for payout "
            f"{payout.reference}, which the platform has as {state}.",
        )
    if gross.currency != payout.currency:
        return (
            CaseKind.CURRENCY_DIFFERS,
            f"The provider has transfer {data.source_id} in {gross.currency}, the platform's payout "
            f"{payout.reference} is in {payout.currency}.",
        )
    if gross != payout.money:
        return (
            CaseKind.AMOUNT_DIFFERS,
            f"The provider transferred {gross} ({data.source_id}); the platform's "
            f"payout {payout.reference} is {payout.money.round()}.",
        )
    return None


def payouts_missing_cases(
    *, provider: str, cutoff: datetime, run: ReconciliationRun
) -> list[ReconciliationCase]:
    """Paid Stripe payouts, paid before `cutoff`, whose transfer the provider has not listed: a case each
    (once: a payout with a case open already gets none)."""
    if provider != Provider.STRIPE:
        return []
    listed = ProviderRecord.objects.filter(provider=provider, payout=OuterRef("pk"))
    opened = ReconciliationCase.objects.filter(
        provider=provider, kind=CaseKind.MISSING_AT_PROVIDER, payout=OuterRef("pk")
    )
    payouts = (
        Payout.objects.filter(method=Payout.Method.STRIPE, status=Payout.Status.PAID, paid_at__lte=cutoff)
        .exclude(provider_transfer_id="")
        .filter(~Exists(listed), ~Exists(opened))
        .only("id", "reference", "amount", "currency", "provider_transfer_id")
    )
    return [
        ReconciliationCase(
            provider=provider,
            kind=CaseKind.MISSING_AT_PROVIDER,
            subject=f"payout:{p.reference}",
            description=f"Payout {p.reference} was paid by transfer {p.provider_transfer_id}; the provider "
            "lists no such transfer.",
            platform_amount=str(p.money.round()),
            payout=p,
            run=run,
        )
        for p in payouts.iterator(chunk_size=2000)
    ]

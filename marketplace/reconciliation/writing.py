"""Writing a matched chunk in the page's database transaction: the ledger's postings (posting 7, one bulk
post_many), the provider records linked to what they matched, then the cases (unique: a rerun adds none)."""

from __future__ import annotations

from ewtp.money import Money
from marketplace.ledger.posting import post_many
from marketplace.reconciliation.matching import ChunkResult, Matched
from marketplace.reconciliation.models import ProviderRecord, ReconciliationCase, ReconciliationRun
from marketplace.reconciliation.provider_posting import provider_money, provider_txn_posting


def chunk_write(*, provider: str, result: ChunkResult, run: ReconciliationRun) -> list[ProviderRecord]:
    """Write `result`; returns the new records (with their ids). Must run inside a transaction."""
    planned = [m for m in result.matched if m.plan is not None]
    transactions = post_many([_posting(m) for m in planned]) if planned else []
    posted = {m.data.provider_id: t for m, t in zip(planned, transactions, strict=True)}
    records = [_record(provider, m, run, posted.get(m.data.provider_id)) for m in result.matched]
    ProviderRecord.objects.bulk_create(records)
    if any(r.pk is None for r in records):  # backends without RETURNING: read the ids back
        ids = dict(
            ProviderRecord.objects.filter(
                provider=provider, provider_id__in=[r.provider_id for r in records]
            ).values_list("provider_id", "id")
        )
        for record in records:
            record.pk = ids[record.provider_id]
    by_id = {r.provider_id: r.pk for r in records}
    for case in result.cases:
        if case.record_id is None:
            case.record_id = by_id.get(case.subject)
    return records


def cases_write(cases: list[ReconciliationCase], *, run: ReconciliationRun) -> int:
    """Insert the cases not opened before (provider, kind, subject); returns how many are new."""
    if not cases:
        return 0
    before = ReconciliationCase.objects.filter(run=run).count()
    ReconciliationCase.objects.bulk_create(cases, ignore_conflicts=True)
    return ReconciliationCase.objects.filter(run=run).count() - before


def _posting(matched: Matched):
    data, plan = matched.data, matched.plan
    return provider_txn_posting(
        provider_id=data.provider_id,
        gross=Money.from_minor_units(plan.gross_minor, plan.gross_currency),
        settled=provider_money(data.amount, data.currency),
        fee=provider_money(data.fee, data.currency),
        net=provider_money(data.net, data.currency),
        rate=data.exchange_rate,
        platform_account=plan.account,
        created=data.created,
        reference=plan.reference,
    )


def _record(provider: str, m: Matched, run: ReconciliationRun, transaction) -> ProviderRecord:
    d = m.data
    return ProviderRecord(
        provider=provider, provider_id=d.provider_id, object=d.object, type=d.type, amount=d.amount,
        fee=d.fee, net=d.net, currency=d.currency, exchange_rate=d.exchange_rate,
        presentment_amount=d.presentment_amount, presentment_currency=d.presentment_currency,
        source_id=d.source_id, source_type=d.source_type, charge_id=d.charge_id,
        payment_intent_id=d.payment_intent_id, created=d.created, raw=d.raw or _raw(d),
        payment_id=m.payment_id, refund_id=m.refund_id, payout_id=m.payout_id, transaction=transaction,
        run=run,
    )  # fmt: skip


def _raw(d) -> dict:
    """The fields of a record that came as a row (the test gateway's), as its raw JSON."""
    return {
        "id": d.provider_id, "type": d.type, "amount": d.amount, "fee": d.fee, "net": d.net,
        "currency": d.currency, "created": d.created, "source": d.source_id,
        "exchange_rate": None if d.exchange_rate is None else str(d.exchange_rate),
        "presentment_amount": d.presentment_amount, "presentment_currency": d.presentment_currency,
    }  # fmt: skip

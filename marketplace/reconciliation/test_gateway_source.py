"""The built-in test gateway's settlement records (marketplace.payments.settlement_models), read through the
same interface as Stripe's balance transactions: newest first, page by page, after a given record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from django.db.models import Q

from marketplace.payments.settlement_models import BuiltinGatewaySettlement
from marketplace.reconciliation.models import Provider
from marketplace.reconciliation.sources import RecordData


class TestGatewaySource:
    provider = Provider.TEST

    def records(
        self, *, stream: str, created_after: int, created_until: int, starting_after: str, page_size: int
    ) -> Iterator[RecordData]:
        rows = BuiltinGatewaySettlement.objects.filter(
            created__gt=datetime.fromtimestamp(created_after, UTC),
            created__lte=datetime.fromtimestamp(created_until, UTC),
        ).order_by("-created", "-id")
        if starting_after:
            last = BuiltinGatewaySettlement.objects.filter(provider_id=starting_after).first()
            if last is not None:
                rows = rows.filter(Q(created__lt=last.created) | Q(created=last.created, id__lt=last.id))
        while True:  # rows, not models: a page of 1,000 is read in one query and no model is built
            page = list(rows.values(*FIELDS)[:page_size])
            yield from (settlement_record(row) for row in page)
            if len(page) < page_size:
                return
            last = page[-1]
            rows = rows.filter(Q(created__lt=last["created"]) | Q(created=last["created"], id__lt=last["id"]))


FIELDS = (
    "id", "provider_id", "type", "amount", "fee", "net", "currency", "presentment_amount",
    "presentment_currency", "exchange_rate", "source_id", "charge_id", "payment_intent_id", "created",
)  # fmt: skip


def settlement_record(row: dict) -> RecordData:
    created = int(row["created"].timestamp())
    rate = row["exchange_rate"]
    raw = {
        "id": row["provider_id"], "type": row["type"], "amount": row["amount"], "fee": row["fee"],
        "net": row["net"], "currency": row["currency"], "source": row["source_id"], "created": created,
        "exchange_rate": None if rate is None else str(rate),
    }  # fmt: skip
    return RecordData(
        provider_id=row["provider_id"],
        object="settlement",
        type=row["type"],
        amount=row["amount"],
        fee=row["fee"],
        net=row["net"],
        currency=row["currency"],
        created=created,
        raw=raw,
        exchange_rate=rate,
        presentment_amount=row["presentment_amount"],
        presentment_currency=row["presentment_currency"],
        source_id=row["source_id"],
        source_type="refund" if row["type"] == BuiltinGatewaySettlement.Type.REFUND else "charge",
        charge_id=row["charge_id"],
        payment_intent_id=row["payment_intent_id"],
    )

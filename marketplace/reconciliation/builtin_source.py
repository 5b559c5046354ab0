"""The built-in test gateway's settlement records (marketplace.payments.settlement_models), read through the
same interface as Stripe's balance transactions: newest first, page by page, after a given record.

Within a window (created_after, created_until], which is closed (it ends before now), the records are read
in descending id, so `starting_after` is simply the last id read: one indexed query per page, its rows read
as tuples with `created` already in unix seconds (no model, no datetime built per row).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from django.db import connection

from marketplace.payments.settlement_models import BuiltinGatewaySettlement
from marketplace.reconciliation.models import Provider
from marketplace.reconciliation.sources import RecordData

COLUMNS = (
    "id", "provider_id", "type", "amount", "fee", "net", "currency", "presentment_amount",
    "presentment_currency", "exchange_rate", "source_id", "charge_id", "payment_intent_id",
)  # fmt: skip


class BuiltinGatewaySource:
    provider = Provider.TEST

    def records(
        self, *, stream: str, created_after: int, created_until: int, starting_after: str, page_size: int
    ) -> Iterator[RecordData]:
        table = BuiltinGatewaySettlement._meta.db_table
        epoch = (
            "CAST(EXTRACT(EPOCH FROM created) AS BIGINT)"
            if connection.vendor == "postgresql"
            else "CAST(strftime('%%s', created) AS INTEGER)"
        )
        sql = (
            f"SELECT {', '.join(COLUMNS)}, {epoch} FROM {table} "  # noqa: S608 (constants only)
            "WHERE created > %s AND created <= %s AND id < %s ORDER BY id DESC LIMIT %s"
        )
        adapt = connection.ops.adapt_datetimefield_value
        window = (
            adapt(datetime.fromtimestamp(created_after, UTC)),
            adapt(datetime.fromtimestamp(created_until, UTC)),
        )
        before = 2**62
        if starting_after:
            last = BuiltinGatewaySettlement.objects.filter(provider_id=starting_after).values_list(
                "id", flat=True
            )
            before = last.first() or before
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, (*window, before, page_size))
                page = cursor.fetchall()
            if not page:
                return
            before = page[-1][0]
            yield from (settlement_record(row) for row in page)
            if len(page) < page_size:
                return


def settlement_record(row: tuple) -> RecordData:
    """A row (COLUMNS, then created in unix seconds) as RecordData; its raw JSON is built when written."""
    (
        _,
        provider_id,
        type_,
        amount,
        fee,
        net,
        currency,
        p_amount,
        p_currency,
        rate,
        source,
        charge,
        intent,
        at,
    ) = row
    source_type = "refund" if type_ == BuiltinGatewaySettlement.Type.REFUND else "charge"
    return RecordData(
        provider_id, "settlement", type_, amount, fee, net, currency, at, None, rate, p_amount, p_currency,
        source, source_type, charge, intent,
    )  # fmt: skip

"""Stripe's balance transactions and payouts, through the SDK's auto-pagination.

Listed with `created[gt]`/`created[lte]` for the window and `starting_after` for the position in it (newest
first), `expand[]=data.source` so each transaction carries its charge, refund or dispute: the presentment
amount and currency (what the buyer paid in) beside the transaction's settlement amount, currency,
`exchange_rate` and `fee`. The SDK retries network errors and 429/5xx itself; what still fails is raised as
ProviderReadError.
"""

from __future__ import annotations

from collections.abc import Iterator

import stripe

from marketplace.payments.stripe_client import stripe_client
from marketplace.reconciliation.errors import ProviderReadError
from marketplace.reconciliation.models import Provider, Stream
from marketplace.reconciliation.sources import RecordData, field_int, field_str, rate_decimal


class StripeSource:
    provider = Provider.STRIPE
    streams = (Stream.BALANCE_TRANSACTIONS, Stream.PAYOUTS)

    def records(
        self, *, stream: str, created_after: int, created_until: int, starting_after: str, page_size: int
    ) -> Iterator[RecordData]:
        params: dict = {"limit": page_size, "created": {"gt": created_after, "lte": created_until}}
        if starting_after:
            params["starting_after"] = starting_after
        v1 = stripe_client().v1
        try:
            if stream == Stream.PAYOUTS:
                for payout in v1.payouts.list(params).auto_paging_iter():
                    yield payout_parse(payout.to_dict(for_json=True))
            else:
                params["expand"] = ["data.source"]
                for txn in v1.balance_transactions.list(params).auto_paging_iter():
                    yield balance_transaction_parse(txn.to_dict(for_json=True))
        except stripe.StripeError as exc:
            raise ProviderReadError(
                f"Stripe failed while listing {stream}: {exc.user_message or exc}",
                details={"stream": stream, "http_status": getattr(exc, "http_status", None)},
            ) from exc


def balance_transaction_parse(raw: dict) -> RecordData:
    """A balance transaction (its source expanded or not) as RecordData."""
    record_id = field_str(raw, "id", "?")
    source = raw.get("source")
    presentment_amount, presentment_currency = None, ""
    source_id, source_type, charge_id, intent_id = "", "", "", ""
    if isinstance(source, dict):
        source_id, source_type = str(source.get("id") or ""), str(source.get("object") or "")
        intent_id = str(source.get("payment_intent") or "")
        charge_id = source_id if source_type == "charge" else str(source.get("charge") or "")
        if isinstance(source.get("amount"), int) and isinstance(source.get("currency"), str):
            sign = -1 if field_int(raw, "amount", record_id) < 0 else 1
            presentment_amount = sign * abs(source["amount"])
            presentment_currency = source["currency"].upper()
    elif isinstance(source, str):
        source_id = source
        charge_id = source if source.startswith(("ch_", "py_")) else ""
    fee_details = raw.get("fee_details")
    fee_details_total = None
    if isinstance(fee_details, list) and fee_details:
        fee_details_total = sum(field_int(detail, "amount", record_id) for detail in fee_details)
    return RecordData(
        provider_id=record_id,
        object="balance_transaction",
        type=field_str(raw, "type", record_id),
        amount=field_int(raw, "amount", record_id),
        fee=field_int(raw, "fee", record_id),
        net=field_int(raw, "net", record_id),
        currency=field_str(raw, "currency", record_id).upper(),
        created=field_int(raw, "created", record_id),
        raw=raw,
        exchange_rate=rate_decimal(raw.get("exchange_rate"), record_id),
        presentment_amount=presentment_amount,
        presentment_currency=presentment_currency,
        source_id=source_id,
        source_type=source_type,
        charge_id=charge_id,
        payment_intent_id=intent_id,
        fee_details_total=fee_details_total,
    )


def payout_parse(raw: dict) -> RecordData:
    """A payout to the platform's bank account: recorded and totalled (it leaves the provider balance)."""
    record_id = field_str(raw, "id", "?")
    amount = field_int(raw, "amount", record_id)
    return RecordData(
        provider_id=record_id,
        object="payout",
        type=f"payout_{raw.get('status') or 'unknown'}",
        amount=-amount,  # money leaving the provider balance, signed as its balance transaction is
        fee=0,
        net=-amount,
        currency=field_str(raw, "currency", record_id).upper(),
        created=field_int(raw, "created", record_id),
        raw=raw,
        source_id=record_id,
        source_type="payout",
    )

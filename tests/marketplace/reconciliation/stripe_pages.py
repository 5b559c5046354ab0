"""Stripe's list endpoints replayed for the real SDK: the recorded objects are served as Stripe serves them
(newest first, `limit` per page, `starting_after`, `has_more`), through the payments suite's
RecordedHTTPClient, with failures to inject on a given page (an API error, a body cut short).

The objects are Stripe's balance transactions as the API returns them with `expand[]=data.source` (shapes
recorded from Stripe test mode, ids and amounts set per scenario).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from tests.marketplace.payments.stripe_recorded import RecordedHTTPClient

CREATED = 1_764_400_000  # 2025-11-29 07:06:40 UTC; every scenario's records are created at or after it


class PagedStripeHTTPClient(RecordedHTTPClient):
    """Serves `objects[path]` (newest first) page by page; `failures[(path, starting_after)]` is answered
    once with (status, raw body) instead."""

    def __init__(self, objects: dict[str, list[dict]], failures: dict | None = None):
        super().__init__({})
        self.objects = objects
        self.failures = dict(failures or {})
        self.served: dict[str, int] = {}  # where the last page served of each path ended

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        self.requests.append((method, parts.path, dict(headers or {}), parts.query))
        after = query.get("starting_after", "")
        if (parts.path, after) in self.failures:
            status, body = self.failures.pop((parts.path, after))
            return body, status, {"request-id": "req_failed"}
        items = self.objects.get(parts.path, [])
        start = 0
        if after:  # the last occurrence served (a duplicated id is served again, as the scenario has it)
            end = self.served.get(parts.path, len(items))
            start = max(i for i, item in enumerate(items[:end]) if item["id"] == after) + 1
        limit = int(query.get("limit", 10))
        page = items[start : start + limit]
        self.served[parts.path] = start + len(page)
        body = {"object": "list", "url": parts.path, "has_more": start + limit < len(items), "data": page}
        return json.dumps(body), 200, {"request-id": "req_test"}

    def queries(self, path: str) -> list[dict[str, str]]:
        """The query of each request to `path`, one value per key."""
        return [
            {key: values[0] for key, values in parse_qs(query).items()}
            for _, p, _, query in self.requests
            if p == path
        ]


STRIPE_ERROR = json.dumps(
    {"error": {"type": "api_error", "message": "An unknown error occurred.", "code": "unknown"}}
)


def charge_txn(
    txn_id: str,
    *,
    charge_id: str,
    intent_id: str,
    amount: int,
    currency: str,
    settled: int | None = None,
    settlement_currency: str | None = None,
    exchange_rate: float | None = None,
    fee: int = 0,
    fee_details: list[int] | None = None,
    net: int | None = None,
    created: int = CREATED,
) -> dict:
    """A `charge` balance transaction, its charge expanded: presentment `amount` `currency` on the charge,
    `settled` in `settlement_currency` on the transaction."""
    settled = amount if settled is None else settled
    settlement = (settlement_currency or currency).lower()
    details = [fee] if fee_details is None else fee_details
    return {
        "id": txn_id,
        "object": "balance_transaction",
        "amount": settled,
        "available_on": created + 2 * 86400,
        "created": created,
        "currency": settlement,
        "description": None,
        "exchange_rate": exchange_rate,
        "fee": fee,
        "fee_details": [
            {
                "amount": d,
                "application": None,
                "currency": settlement,
                "description": "Stripe processing fees",
                "type": "stripe_fee",
            }
            for d in details
            if d
        ],
        "net": settled - fee if net is None else net,
        "reporting_category": "charge",
        "source": {
            "id": charge_id,
            "object": "charge",
            "amount": amount,
            "amount_captured": amount,
            "amount_refunded": 0,
            "balance_transaction": txn_id,
            "captured": True,
            "currency": currency.lower(),
            "paid": True,
            "payment_intent": intent_id,
            "status": "succeeded",
        },
        "status": "pending",
        "type": "charge",
    }


def refund_txn(
    txn_id: str, *, refund_id: str, charge_id: str, intent_id: str, amount: int, currency: str,
    created: int = CREATED,
) -> dict:  # fmt: skip
    """A `refund` balance transaction (no fee is returned on a refund): amount and net negative."""
    return {
        "id": txn_id,
        "object": "balance_transaction",
        "amount": -amount,
        "available_on": created,
        "created": created,
        "currency": currency.lower(),
        "description": "REFUND FOR CHARGE",
        "exchange_rate": None,
        "fee": 0,
        "fee_details": [],
        "net": -amount,
        "reporting_category": "refund",
        "source": {
            "id": refund_id,
            "object": "refund",
            "amount": amount,
            "balance_transaction": txn_id,
            "charge": charge_id,
            "currency": currency.lower(),
            "payment_intent": intent_id,
            "status": "succeeded",
        },
        "status": "available",
        "type": "refund",
    }


def dispute_txn(
    txn_id: str, *, dispute_id: str, charge_id: str, intent_id: str, amount: int, currency: str, fee: int,
    created: int = CREATED,
) -> dict:  # fmt: skip
    """The `adjustment` Stripe posts when a dispute opens: the disputed amount taken back, and its fee."""
    return {
        "id": txn_id,
        "object": "balance_transaction",
        "amount": -amount,
        "available_on": created,
        "created": created,
        "currency": currency.lower(),
        "description": "Chargeback withdrawal for " + charge_id,
        "exchange_rate": None,
        "fee": fee,
        "fee_details": [
            {
                "amount": fee,
                "application": None,
                "currency": currency.lower(),
                "description": "Dispute fee",
                "type": "stripe_fee",
            }
        ],
        "net": -amount - fee,
        "reporting_category": "dispute",
        "source": {
            "id": dispute_id,
            "object": "dispute",
            "amount": amount,
            "charge": charge_id,
            "currency": currency.lower(),
            "payment_intent": intent_id,
            "reason": "fraudulent",
            "status": "needs_response",
        },
        "status": "available",
        "type": "adjustment",
    }


def payout(
    payout_id: str, *, amount: int, currency: str, status: str = "paid", created: int = CREATED
) -> dict:
    return {
        "id": payout_id,
        "object": "payout",
        "amount": amount,
        "arrival_date": created + 86400,
        "automatic": True,
        "balance_transaction": "txn_" + payout_id,
        "created": created,
        "currency": currency.lower(),
        "method": "standard",
        "status": status,
        "type": "bank_account",
    }


def transfer_txn(
    txn_id: str, *, transfer_id: str, amount: int, currency: str, payout_reference: str = "",
    destination: str = "acct_1Seller", created: int = CREATED,
) -> dict:  # fmt: skip
    """A Connect `transfer` balance transaction, its transfer expanded: the amount leaves the platform's
    balance (negative, no fee); the transfer carries the payout's reference in its metadata."""
    return {
        "id": txn_id,
        "object": "balance_transaction",
        "amount": -amount,
        "available_on": created,
        "created": created,
        "currency": currency.lower(),
        "description": None,
        "exchange_rate": None,
        "fee": 0,
        "fee_details": [],
        "net": -amount,
        "reporting_category": "transfer",
        "source": {
            "id": transfer_id,
            "object": "transfer",
            "amount": amount,
            "amount_reversed": 0,
            "balance_transaction": txn_id,
            "currency": currency.lower(),
            "destination": destination,
            "metadata": {"payout_reference": payout_reference} if payout_reference else {},
            "reversed": False,
            "transfer_group": "CHK-0001",
        },
        "status": "available",
        "type": "transfer",
    }

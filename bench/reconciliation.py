"""Reconciliation at 100,000: the test gateway's balance records matched against 100,000 payments, against
one SQL join over the same two tables in the same run.

Runs in a database of its own, made and dropped by Django's test machinery from the configured database
(`DATABASE_URL`; PostgreSQL for the figures that count): migrated, then given 100,000 payments that
succeeded on the built-in test gateway (EUR, USD, JPY and KES, amounts varied) and 100,000 settlement records
of the gateway, bulk-created. Every 100th record charges one minor unit more than its payment (an amount
difference), every 250th names a charge no payment has (missing on the platform, its payment then missing at
the provider), the rest match.

Measured:
- matching: what a run does per page of 1,000 records before writing: the source's page (one query), then
  `chunk_match` (three set-based queries: stored records, payments by charge or intent id, refunds) and the
  comparisons in memory; seconds and rows per second, best of REPEATS rounds, and peak memory (tracemalloc,
  in a separate untimed pass, so the tracing does not slow the timed one);
- baseline: one SQL join of the same two tables (records LEFT JOIN payments on the charge id, amount and
  currency compared in SQL), every row fetched into Python with what matching reads of it (the record's
  figures and ids, the payment's id, reference, amount, currency and status), best of the same rounds;
- for context, one whole run as the beat task runs it: records, cases and the ledger's posting 7 (one
  chained, balanced transaction per matched record) written page by page; its seconds and the process's
  peak RSS (ru_maxrss).

Targets: matching at >= 0.2x the join's rows per second, and its peak memory under 500 MB.
"""

from __future__ import annotations

import os
import resource
import time
import tracemalloc
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

from bench.timing import best_of_interleaved

ROWS = int(os.environ.get("BENCH_RECONCILIATION_ROWS", "100000"))  # smaller for a quick look
PAGE = 5_000  # records matched per chunk (one page of the test gateway's records)
REPEATS = 3
TARGET_RATIO = 0.2
TARGET_MEMORY_MB = 500
CURRENCIES = ("EUR", "USD", "JPY", "KES")
START = datetime(2026, 11, 1, tzinfo=UTC)


def _data() -> dict:
    """Bulk-create the payments and the gateway's records; returns the mismatches planted."""
    from marketplace.payments.models import BuiltinGatewaySettlement, Payment

    planted = {"amount_differs": 0, "missing_on_platform": 0}
    batch = 5_000
    for start in range(0, ROWS, batch):
        payments, records = [], []
        for n in range(start, min(start + batch, ROWS)):
            currency = CURRENCIES[n % len(CURRENCIES)]
            minor = 500 + (n * 37) % 99_500
            at = START + timedelta(seconds=n * 20)
            payments.append(
                Payment(
                    reference=f"pay_bench_{n:06d}", gateway="test", purpose_reference=f"chk_{n}",
                    amount_minor=minor, currency=currency, status="succeeded", succeeded_at=at,
                    provider_charge_id=f"ch_test_{n:06d}", provider_payment_intent_id=f"pi_test_{n:06d}",
                    idempotency_key=f"bench-{n}", success_url="https://bench.test/", cancel_url="https://bench.test/",
                )
            )  # fmt: skip
            charged, charge = minor, f"ch_test_{n:06d}"
            intent = f"pi_test_{n:06d}"
            if n % 250 == 0:
                charge, intent = f"ch_stranger_{n:06d}", f"pi_stranger_{n:06d}"
                planted["missing_on_platform"] += 1
            elif n % 100 == 0:
                charged += 1
                planted["amount_differs"] += 1
            fee = charged * 29 // 1000
            records.append(
                BuiltinGatewaySettlement(
                    provider_id=f"txn_test_{n:06d}", type="charge", amount=charged, fee=fee,
                    net=charged - fee, currency=currency, presentment_amount=charged,
                    presentment_currency=currency, source_id=charge, charge_id=charge,
                    payment_intent_id=intent, created=at,
                )
            )  # fmt: skip
        Payment.objects.bulk_create(payments)
        BuiltinGatewaySettlement.objects.bulk_create(records)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have, after a bulk load: the planner knows the tables
    return planted


def _window_end() -> int:
    return int((START + timedelta(seconds=ROWS * 20 + 60)).timestamp())


def _matching(run) -> dict:
    """Every record through the source and chunk_match, page by page, nothing written: the cases found."""
    from marketplace.reconciliation.builtin_source import BuiltinGatewaySource
    from marketplace.reconciliation.matching import chunk_match

    found: dict[str, int] = {}
    batch = []

    def match(records):
        result = chunk_match(provider="test", records=records, run=run)
        for case in result.cases:
            found[str(case.kind)] = found.get(str(case.kind), 0) + 1

    for record in BuiltinGatewaySource().records(
        stream="balance_transactions", created_after=0, created_until=_window_end(), starting_after="",
        page_size=PAGE,
    ):  # fmt: skip
        batch.append(record)
        if len(batch) == PAGE:
            match(batch)
            batch = []
    if batch:
        match(batch)
    return found


# The same information matching reads (each record's figures beside its payment's), compared in SQL.
JOIN = """
    SELECT s.provider_id, s.type, s.amount, s.fee, s.net, s.currency, s.presentment_amount,
           s.presentment_currency, s.exchange_rate, s.source_id, s.charge_id, s.payment_intent_id, s.created,
           p.id, p.reference, p.amount_minor, p.currency, p.status,
           CASE WHEN p.id IS NULL THEN 'missing_on_platform'
                WHEN p.currency <> s.presentment_currency THEN 'currency_differs'
                WHEN p.amount_minor <> s.presentment_amount THEN 'amount_differs'
                ELSE '' END
    FROM payments_builtingatewaysettlement s
    LEFT JOIN payments_payment p ON p.provider_charge_id = s.charge_id AND p.gateway = 'test'
"""


def _join() -> dict:
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(JOIN)
        for row in cursor:
            kind = row[-1]
            if kind:
                found[kind] = found.get(kind, 0) + 1
    return found


def _measure() -> dict:
    from marketplace.reconciliation.models import ReconciliationRun
    from marketplace.reconciliation.runs import reconciliation_run

    started = time.perf_counter()
    planted = _data()
    load_seconds = time.perf_counter() - started
    run = ReconciliationRun.objects.create(provider="test")
    matched, joined = {}, {}

    def matching():
        matched.update(_matching(run))

    def join():
        joined.update(_join())

    match_seconds, join_seconds = best_of_interleaved(matching, join, repeats=REPEATS)
    tracemalloc.start()
    _matching(run)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    settings.RECONCILIATION_PAGE_SIZE = PAGE
    started = time.perf_counter()
    whole = reconciliation_run(
        provider="test", now=datetime.fromtimestamp(_window_end(), UTC) + timedelta(hours=1)
    )
    whole_seconds = time.perf_counter() - started
    return {
        "planted": planted, "matched": matched, "joined": joined, "load_seconds": load_seconds,
        "match_seconds": match_seconds, "join_seconds": join_seconds, "match_peak_bytes": peak,
        "whole_seconds": whole_seconds, "whole_status": whole.status, "whole_records": whole.records_new,
        "whole_cases": whole.cases_opened, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }  # fmt: skip


def run() -> dict:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        result = _measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return _report(result)


def _report(r: dict) -> dict:
    vendor = connection.vendor
    match_rate, join_rate = ROWS / r["match_seconds"], ROWS / r["join_seconds"]
    ratio = match_rate / join_rate
    peak_mb = r["match_peak_bytes"] / 2**20
    agree = r["matched"] == r["joined"] == {k: v for k, v in r["planted"].items() if v}
    rows = [
        {
            "benchmark": "reconciliation",
            "measure": f"matching {ROWS:,} gateway records to {ROWS:,} payments, pages of {PAGE:,}, "
            f"set-based ({vendor}); {r['match_seconds']:.2f} s, cases found {r['matched']} "
            f"(planted {r['planted']})",
            "value": f"{match_rate:,.0f} rows/s",
            "baseline": f"{join_rate:,.0f} rows/s one SQL join, {r['join_seconds']:.2f} s, "
            f"found {r['joined']}",
            "ratio": f"{ratio:.2f}x the join",
            "target": f">= {TARGET_RATIO}x the join, the same cases",
            "meets_target": ratio >= TARGET_RATIO and agree,
        },
        {
            "benchmark": "reconciliation",
            "measure": "peak memory of matching (tracemalloc, Python allocations)",
            "value": f"{peak_mb:.1f} MB",
            "baseline": f"process peak RSS {r['maxrss_kb'] / 1024:.0f} MB (whole benchmark, with loading)",
            "ratio": "-",
            "target": f"< {TARGET_MEMORY_MB} MB",
            "meets_target": peak_mb < TARGET_MEMORY_MB,
        },
        {
            "benchmark": "reconciliation",
            "measure": f"one whole run as the beat runs it: {r['whole_records']:,} records, "
            f"{r['whole_cases']:,} cases and the ledger's posting 7 written page by page",
            "value": f"{ROWS / r['whole_seconds']:,.0f} rows/s "
            f"({r['whole_seconds']:.1f} s, {r['whole_status']})",
            "baseline": f"{join_rate:,.0f} rows/s one SQL join",
            "ratio": f"{ROWS / r['whole_seconds'] / join_rate:.3f}x the join",
            "target": "- (context)",
            "meets_target": None,
        },
    ]
    return {
        "database": vendor, "rows": rows, "records": ROWS, "page": PAGE, "planted": r["planted"],
        "matching_cases": r["matched"], "join_cases": r["joined"], "load_seconds": r["load_seconds"],
        "matching_seconds": r["match_seconds"], "join_seconds": r["join_seconds"],
        "matching_peak_mb": peak_mb, "whole_run_seconds": r["whole_seconds"],
        "process_maxrss_mb": r["maxrss_kb"] / 1024,
    }  # fmt: skip

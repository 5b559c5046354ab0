"""Landed-cost quotes for a three-line basket, against converting one amount (both with the database).

Runs on the dev settings' database inside a transaction that is rolled back: it imports the ECB rates of
2026-10-30 and the customs rules from seeds/, then measures, best of REPEATS interleaved rounds of N calls:
baseline `fx_convert(money=..., to=..., on=...)` (one rate-table query and one conversion) and
`landed_cost_quote(...)` for three lines in USD to Germany (rules: three queries; rates: one). Target: a
quote costs at most 20x one conversion, and the number of queries does not grow with the lines.
"""

import zipfile
from datetime import date
from pathlib import Path

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.timing import best_of_interleaved
from ewtp.fx.conversion import fx_convert
from ewtp.fx.services import fx_rates_import
from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote
from logistics.customs.rules_seeds import customs_rules_load

N = 200
REPEATS = 5
TARGET_RATIO = 20.0
DAY = date(2026, 10, 30)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class _Rollback(Exception):
    pass


def _measure() -> dict:
    with zipfile.ZipFile(SEEDS / "fx" / "eurofxref-hist.zip") as archive:
        lines = archive.read("eurofxref-hist.csv").decode().splitlines(keepends=True)
    fx_rates_import(data=(lines[0] + lines[1]).encode(), origin="bench")
    customs_rules_load(directory=SEEDS / "customs")
    basket = [
        LandedCostLine(hs_code=code, origin_country="CN", unit_value=Money(value, "USD"), quantity=quantity)
        for code, value, quantity in (("610910", "12.50", 2), ("420222", "39.90", 1), ("090210", "8.25", 3))
    ]
    shipping = Money("9.90", "USD")

    def quote(lines=basket):
        return landed_cost_quote(destination="DE", lines=lines, shipping=shipping, incoterm="DDP", on=DAY)

    def baseline():
        for _ in range(N):
            fx_convert(money=Money("19.99", "USD"), to="EUR", on=DAY)

    def measured():
        for _ in range(N):
            quote()

    base, ours = best_of_interleaved(baseline, measured, repeats=REPEATS)
    with CaptureQueriesContext(connection) as three:
        quote()
    with CaptureQueriesContext(connection) as thirty:
        quote(basket * 10)
    return {"base": base, "ours": ours, "queries_3": len(three), "queries_30": len(thirty)}


def run() -> dict:
    result: dict = {}
    try:
        with transaction.atomic():
            result = _measure()
            raise _Rollback
    except _Rollback:
        pass
    ratio = result["ours"] / result["base"]
    flat = result["queries_3"] == result["queries_30"]
    return {
        "n": N,
        "baseline_seconds": result["base"],
        "measured_seconds": result["ours"],
        "queries_per_quote_3_lines": result["queries_3"],
        "queries_per_quote_30_lines": result["queries_30"],
        "rows": [
            {
                "benchmark": "landed_cost",
                "measure": "landed-cost quotes, 3-line basket (DB, rules + rates)",
                "value": f"{N / result['ours']:,.0f}/s",
                "baseline": f"{N / result['base']:,.0f}/s fx_convert of one amount",
                "ratio": f"{ratio:.2f}x the time",
                "target": f"<= {TARGET_RATIO:.0f}x",
                "meets_target": ratio <= TARGET_RATIO,
            },
            {
                "benchmark": "landed_cost",
                "measure": "queries per quote, 3 lines vs 30 lines",
                "value": f"{result['queries_3']} vs {result['queries_30']}",
                "baseline": "-",
                "ratio": "-",
                "target": "no query per line",
                "meets_target": flat,
            },
        ],
    }

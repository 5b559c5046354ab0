"""Converting 100,000 amounts between random currency pairs, against plain Decimal arithmetic.

Both sides take the same 100,000 (amount, from, to) triples and the ECB rates of 2026-10-30 from seeds/.
Baseline: `amount * rate[to] / rate[from]` with bare Decimals (no rounding, no currency, no record).
Measured: `RateTable.convert(Money, to)`, which also rounds to the target's exponent and returns the rate,
its date, its source and staleness. Target: at most 5x the baseline. Best of seven interleaved runs each.
"""

import random
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.timing import best_of_interleaved
from ewtp.fx.conversion import Rate, RateTable
from ewtp.fx.ecb import parse_ecb_rates
from ewtp.money import Money

N = 100_000
REPEATS = 7
TARGET_RATIO = 5.0


def run() -> dict:
    seeds = Path(__file__).resolve().parent.parent / "seeds" / "fx" / "eurofxref-hist.zip"
    with zipfile.ZipFile(seeds) as archive:
        newest = parse_ecb_rates(archive.read("eurofxref-hist.csv"))[-1]
    rates = {c: Rate(c, r, newest.day, "ECB") for c, r in newest.rates.items()}
    plain = {"EUR": Decimal(1)} | dict(newest.rates)
    currencies = sorted(plain)
    rng = random.Random(20261030)
    triples = [
        (Decimal(rng.randint(1, 10_000_000)).scaleb(-2), rng.choice(currencies), rng.choice(currencies))
        for _ in range(N)
    ]
    monies = [(Money(amount, source), target) for amount, source, target in triples]
    table = RateTable(rates, on=date(2026, 10, 30), stale_after_days=5)

    def baseline():
        for amount, source, target in triples:
            amount * plain[target] / plain[source]

    def measured():
        convert = table.convert
        for money, target in monies:
            convert(money, target)

    base, ours = best_of_interleaved(baseline, measured, repeats=REPEATS)
    ratio = ours / base
    return {
        "n": N,
        "baseline_seconds": base,
        "measured_seconds": ours,
        "rows": [
            {
                "benchmark": "fx_conversion",
                "measure": f"{N:,} conversions (rounded, with rate record)",
                "value": f"{N / ours:,.0f}/s",
                "baseline": f"{N / base:,.0f}/s plain Decimal",
                "ratio": f"{ratio:.2f}x the time",
                "target": f"<= {TARGET_RATIO:.0f}x",
                "meets_target": ratio <= TARGET_RATIO,
            }
        ],
    }

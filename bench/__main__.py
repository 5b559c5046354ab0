"""Run the benchmarks, write their JSON, print a Markdown table (also saved as bench/results/README.md)."""

import importlib
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

# One module per benchmark, each with run() -> {"rows": [...], ...}; add new ones here.
BENCHMARKS = [
    "fx_conversion",
    "landed_cost",
    "customs_documents",
    "catalogue",
    "csv_import",
    "checkout",
    "tracking",
    "reconciliation",
    "lcp",
]

RESULTS = Path(__file__).parent / "results"


def main(names: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ewtp.settings.dev")
    import django

    django.setup()
    RESULTS.mkdir(exist_ok=True)
    rows, failed = [], False
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        result = module.run()
        result |= {
            "benchmark": name,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": platform.machine(),
        }
        (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
        rows.extend(result["rows"])
        failed |= any(row["meets_target"] is False for row in result["rows"])
    print(_table(rows))
    # The saved table covers every benchmark's latest result, also those not run this time.
    saved = []
    for name in BENCHMARKS:
        path = RESULTS / f"{name}.json"
        if path.exists():
            result = json.loads(path.read_text())
            saved.extend(row | {"measured_at": result.get("measured_at", "")} for row in result["rows"])
    (RESULTS / "README.md").write_text(
        "# Benchmark results (latest `make bench` of each)\n\n" + _table(saved, dated=True) + "\n"
    )
    return 1 if failed else 0


def _table(rows: list[dict], dated: bool = False) -> str:
    table = [
        "| benchmark | measure | value | baseline | ratio | target | met |"
        + (" measured |" if dated else ""),
        "|---|---|---|---|---|---|---|" + ("---|" if dated else ""),
    ]
    for row in rows:
        table.append(
            f"| {row['benchmark']} | {row['measure']} | {row['value']} | {row['baseline']} | "
            f"{row['ratio']} | {row['target']} | {_met(row['meets_target'])} |"
            + (f" {row['measured_at']} |" if dated else "")
        )
    return "\n".join(table)


def _met(meets_target: bool | None) -> str:
    # None: a row that measures for context (a ceiling, a breakdown) and has no target of its own.
    return "-" if meets_target is None else "yes" if meets_target else "NO"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

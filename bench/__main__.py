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
        failed |= not all(row["meets_target"] for row in result["rows"])
    table = [
        "| benchmark | measure | value | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        table.append(
            f"| {row['benchmark']} | {row['measure']} | {row['value']} | {row['baseline']} | "
            f"{row['ratio']} | {row['target']} | {'yes' if row['meets_target'] else 'NO'} |"
        )
    text = "\n".join(table)
    print(text)
    (RESULTS / "README.md").write_text("# Benchmark results (latest `make bench`)\n\n" + text + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Mutation testing (`make mutation`): run mutmut module by module, then print the score of each.

    python -m bench.mutation_report --run            # every module in [tool.mutmut] only_mutate, from scratch
    python -m bench.mutation_report --run ewtp.money  # one module again, the others' results kept
    python -m bench.mutation_report                  # the table of what mutants/ holds, nothing run

mutmut copies the packages into mutants/ and runs each mutant against the tests that reached the function it
changed (the tests are [tool.mutmut] pytest_add_cli_args_test_selection in pyproject.toml). Score = mutants
killed (a test failed, or the mutant timed out) / all mutants of the module; "no tests" and "survived" count
against it. The table is printed and written to bench/results/mutation.json; surviving mutants that no
behaviour can tell apart from the original are explained in bench/results/mutation.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
RESULTS = ROOT / "bench" / "results" / "mutation.json"
TARGET = 0.85
# Two CPU cores are shared with other work: one mutant at a time.
MAX_CHILDREN = 1
DETECTED = {"killed", "timeout", "caught by type check"}


def modules_configured() -> dict[str, str]:
    """{dotted module: path} of the files [tool.mutmut] mutates, in the order pyproject.toml lists them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    return {path.removesuffix(".py").replace("/", "."): path for path in config["only_mutate"]}


def mutmut_run(module: str) -> tuple[int, float]:
    """Run mutmut over one module's mutants; its output goes to mutants/logs/<module>.log."""
    logs = MUTANTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{module}.log"
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(MAX_CHILDREN), f"{module}.*"]
    started = time.monotonic()
    with log.open("w") as out:
        returncode = subprocess.call(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    if returncode != 0:
        tail = log.read_text(errors="replace").replace("\r", "\n").splitlines()[-30:]
        print(f"mutmut failed on {module} (exit {returncode}); the end of {log}:", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)
    return returncode, seconds


def module_result(module: str, path: str) -> dict:
    """Counts by mutmut's own status names, read from the module's meta file under mutants/."""
    from mutmut.stats import status_by_exit_code

    meta = MUTANTS / f"{path}.meta"
    if not meta.exists():
        return {"module": module, "path": path, "total": 0, "run": False}
    exit_codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    by_status: dict[str, list[str]] = {}
    for name, code in sorted(exit_codes.items(), key=lambda item: _natural(item[0])):
        by_status.setdefault(status_by_exit_code[code], []).append(name)
    total = len(exit_codes)
    killed = sum(len(names) for status, names in by_status.items() if status in DETECTED)
    return {
        "module": module,
        "path": path,
        "run": "not checked" not in by_status,
        "total": total,
        "killed": killed,
        "counts": {status: len(names) for status, names in sorted(by_status.items())},
        "score": round(killed / total, 4) if total else None,
        "meets_target": bool(total) and killed / total >= TARGET and "not checked" not in by_status,
        "not_killed": [
            {"mutant": name, "status": status}
            for status, names in by_status.items()
            if status not in DETECTED
            for name in names
        ],
    }


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def table(results: list[dict]) -> str:
    lines = [
        "| module | killed / total | score | survived | no tests | timeout | met (>= 85 %) | seconds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if not r["total"] or set(r["counts"]) == {"not checked"}:
            lines.append(f"| `{r['module']}` | - | - | - | - | - | not run | - |")
            continue
        counts = r["counts"]
        lines.append(
            f"| `{r['module']}` | {r['killed']} / {r['total']} | {r['score']:.1%} "
            f"| {counts.get('survived', 0)} | {counts.get('no tests', 0)} | {counts.get('timeout', 0)} "
            f"| {'yes' if r['meets_target'] else 'NO'} | {r.get('seconds') or '-'} |"
        )
    killed = sum(r.get("killed", 0) for r in results)
    total = sum(r["total"] for r in results)
    if total:
        seconds = sum(r.get("seconds") or 0 for r in results)
        lines.append(f"| all | {killed} / {total} | {killed / total:.1%} | | | | | {round(seconds)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="store_true", help="run mutmut first (else only report)")
    parser.add_argument("modules", nargs="*", help="dotted modules (default: all of [tool.mutmut])")
    args = parser.parse_args(argv)
    configured = modules_configured()
    unknown = [m for m in args.modules if m not in configured]
    if unknown:
        parser.error(f"not in [tool.mutmut] only_mutate: {', '.join(unknown)}")
    chosen = args.modules or list(configured)

    previous = {}
    if RESULTS.exists():
        previous = {r["module"]: r for r in json.loads(RESULTS.read_text()).get("modules", [])}
    seconds: dict[str, float] = {m: r.get("seconds") for m, r in previous.items() if r.get("seconds")}
    failed = False
    if args.run:
        if not args.modules and MUTANTS.exists():
            shutil.rmtree(MUTANTS)  # a full run starts clean: no stale test stats, no stale results
        # mutmut's cached map of which tests reach which function misses functions renamed since it was made
        # (their mutants then count as "no tests"): collect it again, once, before the first module.
        (MUTANTS / "mutmut-stats.json").unlink(missing_ok=True)
        for module in chosen:
            print(f"mutmut: {module} ...", file=sys.stderr, flush=True)
            returncode, took = mutmut_run(module)
            seconds[module] = round(took)
            failed |= returncode != 0

    results = []
    for module, path in configured.items():
        result = module_result(module, path) | {"seconds": seconds.get(module)}
        results.append(result)
    print(table(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "mutmut": version("mutmut"),
                "python": platform.python_version(),
                "target": TARGET,
                "max_children": MAX_CHILDREN,
                "modules": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    below = [r["module"] for r in results if r["module"] in chosen and not r.get("meets_target")]
    if below:
        print(f"below {TARGET:.0%} (or not run): {', '.join(below)}", file=sys.stderr)
    return 1 if failed or below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

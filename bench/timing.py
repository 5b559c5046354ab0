"""Timing shared by the benchmarks: each side run in turn, best time kept, so drift hits both alike."""

import time
from collections.abc import Callable


def best_of_interleaved(*functions: Callable[[], object], repeats: int) -> list[float]:
    """Best wall time of each function over `repeats` rounds, the functions run one after the other."""
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for i, function in enumerate(functions):
            started = time.perf_counter()
            function()
            best[i] = min(best[i], time.perf_counter() - started)
    return best

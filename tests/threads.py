"""Running work on several threads released at the same moment, each on its own database connection: the
races the PostgreSQL tests provoke (row locks, unique constraints, the ledger's chain head)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def at_once(jobs: list[Callable[[], object]], *, timeout: float = 120) -> list[object]:
    """Run every job on its own thread, all started together; what each returned or raised, in the order
    they finished."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except BaseException as exc:  # collected for the test to assert on
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results

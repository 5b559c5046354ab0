"""A real Celery worker process for test_worker.py, consuming the `tracking` queue from Redis:

    python -m tests.logistics.tracking.worker_process --record FILE [--die-at N]

What each shipment's transaction applied for good is appended to FILE once it commits: the ids of the
events ("applied 12 13") and each status change announced ("changed 4 pre_transit in_transit"). With
--die-at N the process SIGKILLs itself when the N-th status change is announced: inside the transaction
that applies a shipment, after its row was updated and its events marked applied, before the commit.
PostgreSQL rolls that transaction back; the message stays unacknowledged in Redis, where the next worker
finds it (a short visibility timeout, so within seconds).
"""

from __future__ import annotations

import argparse
import os
import signal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ewtp.settings.test")

import django

django.setup()

from django.db import transaction  # noqa: E402

from ewtp.celery import app  # noqa: E402
from logistics.dispatch.signals import shipment_status_changed  # noqa: E402
from logistics.tracking import applying  # noqa: E402

# Unacknowledged messages go back on the queue 2 s after delivery, looked for every second.
VISIBILITY = {"visibility_timeout": 2, "unacked_restore_interval": 1, "unacked_restore_throttle": 1}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", required=True)
    parser.add_argument("--die-at", type=int, default=0)
    arguments = parser.parse_args()
    announced = 0

    def on_change(sender, *, shipment, previous, status, **kwargs):
        nonlocal announced
        announced += 1
        if announced == arguments.die_at:
            os.kill(os.getpid(), signal.SIGKILL)  # mid-transaction: nothing of this shipment commits
        line = f"changed {shipment.pk} {previous} {status}\n"
        transaction.on_commit(lambda: _append(arguments.record, line))

    apply = applying.shipment_events_apply

    def recorded_apply(*, shipment_id):
        applied = apply(shipment_id=shipment_id)  # its own transaction, committed when it returns
        if applied:
            _append(arguments.record, "applied " + " ".join(map(str, applied)) + "\n")
        return applied

    applying.shipment_events_apply = recorded_apply
    shipment_status_changed.connect(on_change, weak=False)
    app.conf.broker_transport_options = VISIBILITY
    app.worker_main(
        ["worker", "--pool=solo", "--queues=tracking", "--loglevel=WARNING", "--without-heartbeat",
         "--without-mingle", "--without-gossip", "--concurrency=1"]
    )  # fmt: skip


def _append(path: str, line: str) -> None:
    with open(path, "a") as record:
        record.write(line)
        record.flush()
        os.fsync(record.fileno())


if __name__ == "__main__":
    main()

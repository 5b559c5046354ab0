"""A real worker on Redis, killed in the middle of applying a batch: every event is applied exactly once.

The batch goes through the outbox to Redis like any other. A first worker process applies it shipment by
shipment and is SIGKILLed inside the transaction of the fourth shipment (its row updated, its events marked,
not committed). A second worker process picks the unacknowledged message up again and finishes the batch.
Each worker records what its committed transactions applied: together they must be every event exactly
once and each shipment's two status changes exactly once, every shipment where its last event put it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from ewtp.celery import app
from logistics.dispatch.models import Shipment
from logistics.tracking.ingest import tracking_events_ingest
from logistics.tracking.models import TrackingBatch, TrackingEvent
from tests.celery_worker import real_worker_marks
from tests.logistics.tracking.conftest import event

pytestmark = [*real_worker_marks()]

ROOT = Path(__file__).resolve().parents[3]
SHIPMENTS = 6


def _worker(record: Path, *, die_at: int = 0) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace("@", f":{db['PASSWORD']}@", 1)
    env = os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "ewtp.settings.test"}
    command = [sys.executable, "-m", "tests.logistics.tracking.worker_process", "--record", str(record)]
    if die_at:
        command += ["--die-at", str(die_at)]
    log = open(record.with_suffix(f".{die_at}.log"), "w")  # noqa: SIM115 - the process outlives this call
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_batch_leaves_every_event_applied_exactly_once(partner, accepted, tmp_path):
    # given six shipments and one batch of two events each (in transit, then out for delivery), sent to
    # Redis through the outbox when the batch commits
    app.control.purge()
    shipments = [accepted() for _ in range(SHIPMENTS)]
    events = []
    for shipment in shipments:
        events += [
            event(f"{shipment.pk}-a", "in_transit", "11-02 09:00", shipment_id=shipment.pk),
            event(f"{shipment.pk}-b", "out_for_delivery", "11-05 07:00", shipment_id=shipment.pk),
        ]
    report = tracking_events_ingest(partner=partner, events=events)
    assert report.stored == 2 * SHIPMENTS
    record = tmp_path / "applied.txt"
    record.touch()

    # when a worker takes it and is killed at the 7th status change: the first of the fourth shipment
    first = _worker(record, die_at=7)
    assert first.wait(timeout=90) == -signal.SIGKILL
    # then three shipments are applied for good, and nothing of the fourth
    done = sorted(Shipment.objects.filter(status="out_for_delivery").values_list("pk", flat=True))
    assert done == [s.pk for s in shipments[:3]]
    assert TrackingEvent.objects.filter(applied_at__isnull=False).count() == 6
    assert Shipment.objects.get(pk=shipments[3].pk).status == "pre_transit"
    assert TrackingBatch.objects.get().applied_at is None

    # when a second worker starts, then it takes the unacknowledged message again and finishes the batch
    second = _worker(record)
    try:
        _wait(
            lambda: TrackingBatch.objects.get().applied_at is not None, timeout=90, what="the batch to finish"
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    # then every event is applied, every shipment is out for delivery
    assert not TrackingEvent.objects.filter(applied_at__isnull=True).exists()
    assert set(
        Shipment.objects.filter(pk__in=[s.pk for s in shipments]).values_list("status", flat=True)
    ) == {"out_for_delivery"}
    # and the two workers' committed work adds up to every event exactly once: three shipments' six by the
    # first, the other six by the second
    lines = record.read_text().splitlines()
    applied = [int(pk) for line in lines if line.startswith("applied ") for pk in line.split()[1:]]
    assert sorted(applied) == sorted(TrackingEvent.objects.values_list("pk", flat=True))
    assert len(applied) == len(set(applied)) == 2 * SHIPMENTS
    # and each shipment's two status changes were announced exactly once
    changes = [line.removeprefix("changed ") for line in lines if line.startswith("changed ")]
    expected = []
    for shipment in shipments:
        expected += [f"{shipment.pk} pre_transit in_transit", f"{shipment.pk} in_transit out_for_delivery"]
    assert sorted(changes) == sorted(expected)

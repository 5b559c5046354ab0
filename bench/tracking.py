"""Tracking events ingested per second through the batch endpoint (POST /api/v1/tracking/events/, 1,000
events a request, a bearer key), in-process and through gunicorn on loopback, against a raw bulk insert of
the same rows into the same table (tracking_trackingevent) in the same run.

Runs in a database of its own, made and dropped by Django's test machinery from the configured database
(`DATABASE_URL`; PostgreSQL for the figures that count): migrated, then given one partner with a
`tracking:write` key and SHIPMENTS shipments accepted by it. Every request carries new event ids (half the
events name their shipment by id, half by tracking number), so each one stores 1,000 rows: the measure is
the whole write path (JSON parsing, checks, one lookup of the shipments, one of the event ids, the batch,
its events, the outbox message), not the cheaper path of duplicates. Applying (the `tracking` queue) is
not part of it; the outbox hands its message to an in-memory broker.

Measured:
- in-process: the Django test client posting REQUESTS batches, best of REPEATS rounds, interleaved with
  the baseline: the same number of rows, built beforehand as tuples, inserted by one multi-row INSERT per
  1,000 through the database cursor, and committed;
- through gunicorn (GUNICORN_WORKERS sync workers, production settings) on 127.0.0.1: CLIENTS threads
  posting batches for LOAD_SECONDS, events stored per second (checked in the table afterwards);
- queries for a batch of 1 event and of 1,000: equal counts mean no query per event.

Target: in-process at least 0.3x the raw insert's rows per second; equal query counts. The gunicorn figure
is reported against the same baseline, without a target (two processes and the client share the machine).
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

from bench.processes import gunicorn_serving, port_free
from bench.timing import best_of_interleaved

PORT = port_free()
BATCH = 1_000
SHIPMENTS = 200
REQUESTS = 5
REPEATS = int(os.environ.get("BENCH_ROUNDS", "3"))
GUNICORN_WORKERS = 2
CLIENTS = 4
LOAD_SECONDS = float(os.environ.get("BENCH_TRACKING_SECONDS", "10"))
TARGET_RATIO = 0.3
OCCURRED_AT = "2026-11-02T09:00:00+00:00"
EVENTS_PATH = "/api/v1/tracking/events/"
TABLE = "tracking_trackingevent"
COLUMNS = ("batch_id", "shipment_id", "partner_id", "partner_event_id", "status", "reason", "location",
           "occurred_at", "received_at", "estimated_delivery", "duties_assessed_amount",
           "duties_assessed_currency", "raw", "applied_at")  # fmt: skip
LINE = {"description": "Silk scarf", "quantity": 1, "unit_value": Decimal("50.00"), "hs_code": "621410",
        "origin_country": "CN", "net_weight_kg": Decimal("0.2")}  # fmt: skip
PARCEL = {"gross_weight_kg": Decimal("0.4"), "length_cm": 30, "width_cm": 20, "height_cm": 5}


def _world() -> dict:
    from logistics.dispatch.models import Shipment
    from logistics.dispatch.services import shipment_create
    from logistics.partners.keys import partner_api_key_create
    from logistics.partners.models import Partner

    partner = Partner.objects.create(name="Bench Parcel", slug="bench-parcel")
    _, raw_key = partner_api_key_create(partner=partner, scopes=["tracking:write"])
    party = {"name": "Wang Fang", "street": "18 Wensan Road", "city": "Hangzhou", "country": "CN",
             "postcode": "310012"}  # fmt: skip
    receiver = {"name": "Anna Becker", "street": "Torstrasse 12", "city": "Berlin", "country": "DE",
                "postcode": "10119"}  # fmt: skip
    shipments = []
    for n in range(SHIPMENTS):
        shipment = shipment_create(
            seller_id=1, reference=f"BENCH-{n:05d}", sender=party, receiver=receiver,
            category="sale_of_goods", currency="EUR", lines=[LINE], parcels=[PARCEL],
        )  # fmt: skip
        shipments.append(shipment.pk)
    Shipment.objects.filter(pk__in=shipments).update(
        partner=partner, status="pre_transit", status_at=datetime(2026, 11, 1, tzinfo=UTC)
    )
    for pk in shipments:
        Shipment.objects.filter(pk=pk).update(tracking_number=f"BT{pk:09d}")
    return {"partner": partner, "key": raw_key, "shipments": shipments}


def _events(world: dict, prefix: str, size: int = BATCH) -> list[dict]:
    shipments = world["shipments"]
    events = []
    for i in range(size):
        pk = shipments[i % len(shipments)]
        reference = {"shipment_id": pk} if i % 2 else {"tracking_number": f"BT{pk:09d}"}
        events.append({"event_id": f"{prefix}-{i}", "status": "in_transit", "occurred_at": OCCURRED_AT,
                       "location": "Frankfurt DE", **reference})  # fmt: skip
    return events


class Rounds:
    """Fresh event ids for every batch of every round, for both sides alike."""

    def __init__(self):
        self.count = 0

    def next(self, side: str) -> str:
        self.count += 1
        return f"{side}{self.count}"


def _ingest_round(world: dict, rounds: Rounds, client: Client):
    """REQUESTS batch requests, their bodies built beforehand (the client's work is not timed)."""
    bodies = [json.dumps({"events": _events(world, rounds.next("api"))}) for _ in range(REQUESTS)]
    headers = {"Authorization": f"Bearer {world['key']}"}

    def post():
        for body in bodies:
            response = client.post(EVENTS_PATH, body, content_type="application/json", headers=headers)
            assert response.status_code == 202 and response.json()["stored"] == BATCH, response.content[:300]

    return post


def _raw_rows(world: dict, rounds: Rounds) -> list[list[tuple]]:
    """REQUESTS x 1,000 rows as ingest stores them (new event ids), as tuples ready for the database."""
    from logistics.tracking.models import TrackingBatch

    batch = TrackingBatch.objects.create(
        partner=world["partner"], source="push", received_at=datetime.now(UTC), events_stored=0, duplicates=0
    )
    now = datetime.now(UTC)
    occurred = datetime.fromisoformat(OCCURRED_AT)
    chunks = []
    for _ in range(REQUESTS):
        rows = []
        for event in _events(world, rounds.next("raw")):
            pk = event.get("shipment_id") or int(event["tracking_number"][2:])
            rows.append((batch.pk, pk, world["partner"].pk, event["event_id"], "in_transit", "",
                         "Frankfurt DE", occurred, now, None, None, "", json.dumps(event), None))  # fmt: skip
        chunks.append(rows)
    return chunks


def _insert_round(world: dict, rounds: Rounds):
    """The rows inserted by one multi-row INSERT per 1,000 through the cursor (autocommit)."""
    chunks = _raw_rows(world, rounds)
    row_sql = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"

    def insert():
        with connection.cursor() as cursor:
            for rows in chunks:
                values = ", ".join([row_sql] * len(rows))
                cursor.execute(f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES {values}", _flat(rows))  # noqa: S608

    return insert


def _copy_round(world: dict, rounds: Rounds):
    """The rows written by COPY FROM STDIN, one COPY per 1,000 (PostgreSQL's fastest way in)."""
    chunks = _raw_rows(world, rounds)

    def copy():
        with connection.cursor() as cursor:
            for rows in chunks:
                with cursor.cursor.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copying:
                    for row in rows:
                        copying.write_row(row)

    return copy


def _flat(rows: list[tuple]) -> list:
    return [value for row in rows for value in row]


def _queries(world: dict, client: Client) -> dict:
    headers = {"Authorization": f"Bearer {world['key']}"}
    counts = {}
    for size in (1, BATCH):
        body = json.dumps({"events": _events(world, f"q{size}", size)})
        with CaptureQueriesContext(connection) as queries:
            response = client.post(EVENTS_PATH, body, content_type="application/json", headers=headers)
        assert response.status_code == 202, response.content[:300]
        counts[size] = len(queries.captured_queries)
    return counts


def _measure_in_process(world: dict) -> dict:
    from ewtp.celery import app

    # The outbox's message goes nowhere a worker would apply it, and no result is stored.
    app.conf.update(broker_url="memory://", result_backend="cache+memory://")
    client = Client()
    rounds = Rounds()
    _ingest_round(world, rounds, client)()  # warm up: imports, the key's cache, the query plans
    # Each side's input is built before its clock starts; the sides take turns, the best round kept.
    best = {"ingest": float("inf"), "insert": float("inf"), "copy": float("inf")}
    for _ in range(REPEATS):
        sides = {"ingest": _ingest_round(world, rounds, client), "insert": _insert_round(world, rounds)}
        if connection.vendor == "postgresql":
            sides["copy"] = _copy_round(world, rounds)
        for name, side in sides.items():
            best[name] = min(best[name], best_of_interleaved(side, repeats=1)[0])
    return {
        "ingest_seconds": best["ingest"], "insert_seconds": best["insert"], "copy_seconds": best["copy"],
        "queries": _queries(world, client),
    }  # fmt: skip


# -- through gunicorn


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _env() -> dict[str, str]:
    return dict(os.environ) | {
        "DJANGO_SETTINGS_MODULE": "ewtp.settings.production",
        "DATABASE_URL": _database_url(),
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "SECURE_SSL_REDIRECT": "false",
        "CELERY_BROKER_URL": "memory://",
        "CELERY_RESULT_BACKEND": "cache+memory://",
        "LOG_LEVEL": "WARNING",
        "API_CLIENT_RATE": "1000000/min",  # the partner's rate limit is not what this measures
    }


def _load(world: dict) -> dict:
    """CLIENTS threads post batches with fresh ids for LOAD_SECONDS; returns events stored per second."""
    from logistics.tracking.models import TrackingEvent

    template = json.dumps({"events": _events(world, "@@")}).encode()
    headers = {"Authorization": f"Bearer {world['key']}", "Content-Type": "application/json"}
    counter = iter(range(1, 10**9))
    lock = threading.Lock()
    results = {"requests": 0, "failed": 0}
    before = TrackingEvent.objects.count()
    deadline = time.monotonic() + LOAD_SECONDS

    def client(number: int):
        while time.monotonic() < deadline:
            with lock:
                prefix = f"g{number}x{next(counter)}".encode()
            body = template.replace(b"@@", prefix)
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            try:
                conn.request("POST", EVENTS_PATH, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 202
            finally:
                conn.close()
            with lock:
                results["requests" if ok else "failed"] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stored = TrackingEvent.objects.count() - before
    return results | {"seconds": elapsed, "events_stored": stored, "events_per_second": stored / elapsed}


def _measure_gunicorn(world: dict) -> dict:
    with gunicorn_serving(port=PORT, env=_env(), workers=GUNICORN_WORKERS, ready_path="/healthz"):
        return _load(world)


def run() -> dict:
    setup_test_environment(debug=False)  # DEBUG would keep every query's SQL in memory
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        world = _world()
        result = _measure_in_process(world)
        result["gunicorn"] = _measure_gunicorn(world) if connection.vendor == "postgresql" else None
        result["wall_seconds"] = time.perf_counter() - started
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return _report(result)


def _report(result: dict) -> dict:
    events = REQUESTS * BATCH
    ingest_rate = events / result["ingest_seconds"]
    insert_rate, copy_rate = events / result["insert_seconds"], events / result["copy_seconds"]
    # The baseline is the faster of the two raw ways in (COPY on PostgreSQL, usually).
    raw_rate, raw_way = max((insert_rate, "multi-row INSERT"), (copy_rate, "COPY"))
    ratio = ingest_rate / raw_rate
    queries, served, vendor = result["queries"], result["gunicorn"], connection.vendor
    rows = [
        {
            "benchmark": "tracking",
            "measure": f"tracking events ingested through POST {EVENTS_PATH}, batches of {BATCH:,}, "
            f"in-process ({vendor})",
            "value": f"{ingest_rate:,.0f} events/s",
            "baseline": f"{raw_rate:,.0f} rows/s raw {raw_way} of the same rows",
            "ratio": f"{ratio:.2f}x the raw insert",
            "target": f">= {TARGET_RATIO}x the raw insert",
            "meets_target": ratio >= TARGET_RATIO,
        },
        {
            "benchmark": "tracking",
            "measure": f"tracking events ingested through gunicorn on loopback ({GUNICORN_WORKERS} sync "
            f"workers, {CLIENTS} client threads, {LOAD_SECONDS:.0f} s)",
            "value": "not run (needs PostgreSQL)"
            if served is None
            else f"{served['events_per_second']:,.0f} events/s ({served['requests']} requests, "
            f"{served['failed']} failed)",
            "baseline": f"{raw_rate:,.0f} rows/s raw {raw_way} (in-process)",
            "ratio": "-"
            if served is None
            else f"{served['events_per_second'] / raw_rate:.2f}x the raw insert",
            "target": "-",
            "meets_target": None,
        },
        {
            "benchmark": "tracking",
            "measure": "SQL queries for one batch request (key, throttle, lookups, inserts, outbox)",
            "value": f"{queries[BATCH]} for {BATCH:,} events",
            "baseline": f"{queries[1]} for 1 event",
            "ratio": f"{queries[BATCH] - queries[1]} more",
            "target": "no query per event (equal)",
            "meets_target": queries[BATCH] == queries[1],
        },
    ]
    return {
        "database": vendor,
        "batch": BATCH,
        "requests_per_round": REQUESTS,
        "ingest_seconds": result["ingest_seconds"],
        "raw_insert_seconds": result["insert_seconds"],
        "raw_copy_seconds": None if result["copy_seconds"] == float("inf") else result["copy_seconds"],
        "raw_insert_rows_per_second": insert_rate,
        "ingest_events_per_second": ingest_rate,
        "raw_rows_per_second": raw_rate,
        "queries": {"one_event": queries[1], "batch": queries[BATCH]},
        "gunicorn": served,
        "wall_seconds": result["wall_seconds"],
        "rows": rows,
    }

"""/healthz: 200 with JSON when the database and the broker answer, 503 naming the one that does not."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db.utils import OperationalError
from django.utils import timezone
from kombu import Queue

from ewtp.outbox.models import OutboxMessage
from ewtp.tasks import HEARTBEAT_CACHE_KEY, heartbeat

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_unreachable_broker_is_named(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["database"] == "ok"
    assert body["broker"].startswith("unreachable")


def test_unreachable_database_is_named(client):
    with mock.patch("ewtp.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable: OperationalError",
        "broker": "ok",
    }


def test_without_any_heartbeat_the_worker_check_says_so_at_once(client):
    # given no worker has ever run the heartbeat task
    cache.delete(HEARTBEAT_CACHE_KEY)
    # when
    response = client.get("/healthz?worker=1")
    # then
    assert response.status_code == 503
    body = response.json()
    assert body["worker"] == "no heartbeat yet: is a worker (and beat) running?"
    assert body["worker_heartbeat_age_seconds"] is None


def test_a_recent_heartbeat_is_ok_with_its_age_queue_depths_and_the_outbox(client):
    # given a worker ran the heartbeat 12 s ago, and two messages wait in the outbox
    cache.set(HEARTBEAT_CACHE_KEY, (timezone.now() - timedelta(seconds=12)).isoformat())
    OutboxMessage.objects.create(task_name="tests.anything", queue="default")
    OutboxMessage.objects.create(task_name="tests.anything", queue="default")
    # when
    response = client.get("/healthz?worker=1")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["worker"] == "ok"
    assert body["worker_heartbeat_age_seconds"] in (12, 13)
    assert set(body["queues"]) == {"default", "tracking", "documents", "webhooks", "reconciliation"}
    assert all(isinstance(depth, int) and depth >= 0 for depth in body["queues"].values())
    assert body["outbox"]["waiting"] == 2


def test_a_heartbeat_older_than_90_seconds_is_stale(client):
    # given the last heartbeat was 95 s ago: three beats missed
    cache.set(HEARTBEAT_CACHE_KEY, (timezone.now() - timedelta(seconds=95)).isoformat())
    # when
    response = client.get("/healthz?worker=1")
    # then
    assert response.status_code == 503
    assert response.json()["worker"] in ("stale: last heartbeat 95 s ago", "stale: last heartbeat 96 s ago")


def test_the_heartbeat_task_records_the_time_the_health_check_reads(client):
    # given
    cache.delete(HEARTBEAT_CACHE_KEY)
    # when a worker runs the task beat sends every 30 s
    heartbeat()
    # then
    response = client.get("/healthz?worker=1")
    assert response.json()["worker"] == "ok"
    assert response.json()["worker_heartbeat_age_seconds"] in (0, 1)


def test_the_worker_check_never_sends_a_task_or_waits_for_one(client):
    # a probe must not tie up a web process: no task is sent, no result awaited
    cache.set(HEARTBEAT_CACHE_KEY, timezone.now().isoformat())
    with mock.patch("celery.app.base.Celery.send_task") as send_task:
        response = client.get("/healthz?worker=1")
    assert response.status_code == 200
    send_task.assert_not_called()


def test_queue_depths_count_what_waits_on_the_broker(client):
    # given three messages on the documents queue of the broker, nobody consuming
    from ewtp.celery import app

    documents = Queue("documents", routing_key="documents")
    with app.connection_for_write() as connection:
        documents(connection.default_channel).declare()
        documents(connection.default_channel).purge()
        for n in range(3):
            connection.Producer().publish({"n": n}, routing_key="documents", declare=[documents])
    try:
        # when
        body = client.get("/healthz?worker=1").json()
        # then
        assert body["queues"]["documents"] == 3
    finally:
        with app.connection_for_write() as connection:
            documents(connection.default_channel).purge()

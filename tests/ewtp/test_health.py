"""/healthz: 200 with JSON when the database and the broker answer, 503 naming the one that does not."""

from unittest import mock

import pytest
from django.db.utils import OperationalError

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


def test_worker_check_reports_no_answer_when_no_worker_runs(client, settings):
    with mock.patch("ewtp.health.WORKER_TIMEOUT_SECONDS", 0.5):
        response = client.get("/healthz?worker=1")
    assert response.status_code == 503
    assert response.json()["worker"].startswith("no answer")

"""Liveness: `/healthz` answers 200 when the database and the broker are reachable, 503 naming the one
that is not. `/healthz?worker=1` also sends a ping task and waits for a worker to answer it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

log = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 3
WORKER_TIMEOUT_SECONDS = 10


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not reachable" to a probe
        log.warning("health.database_unreachable", extra={"error": str(exc)})
        return f"unreachable: {exc.__class__.__name__}"
    return "ok"


def _check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    try:
        with Connection(
            url,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=BROKER_TIMEOUT_SECONDS,
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as exc:  # kombu raises transport-specific errors
        log.warning("health.broker_unreachable", extra={"error": str(exc)})
        return f"unreachable: {exc.__class__.__name__}"
    return "ok"


def _check_worker() -> str:
    from ewtp.tasks import ping

    try:
        reply = ping.apply_async(queue="default").get(timeout=WORKER_TIMEOUT_SECONDS)
    except Exception as exc:  # a timeout or a backend error: no worker answered
        return f"no answer: {exc.__class__.__name__}"
    return "ok" if reply == "pong" else f"unexpected reply: {reply!r}"


@never_cache
def healthz(request):
    checks = {"database": _check_database(), "broker": _check_broker()}
    if request.GET.get("worker"):
        checks["worker"] = _check_worker()
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def ping(request):
    """A plain "ok" with no checks: the trivial view benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")

"""Liveness: `/healthz` answers 200 when the database and the broker are reachable, 503 naming the one
that is not. `/healthz?worker=1` also reads the heartbeat a worker records every 30 seconds (a beat task),
and reports its age, the depth of each Celery queue and what waits in the outbox. Nothing here waits on a
worker, so probes answer in milliseconds and cannot tie up the web processes."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from kombu import Connection

from ewtp.outbox.services import outbox_backlog
from ewtp.tasks import HEARTBEAT_CACHE_KEY

log = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 3
# Beat asks for a heartbeat every 30 s: three missed in a row means no worker (or no beat) is running.
HEARTBEAT_STALE_SECONDS = 90


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


def _check_worker() -> tuple[str, int | None]:
    """("ok" or why not, the heartbeat's age in seconds or None when there has never been one)."""
    at = cache.get(HEARTBEAT_CACHE_KEY)
    if not at:
        return "no heartbeat yet: is a worker (and beat) running?", None
    age = max(0, round((timezone.now() - datetime.fromisoformat(at)).total_seconds()))
    if age > HEARTBEAT_STALE_SECONDS:
        return f"stale: last heartbeat {age} s ago", age
    return "ok", age


def _queue_depths() -> dict[str, int | str]:
    """Messages waiting in each queue, as the broker counts them (a passive declare changes nothing)."""
    depths: dict[str, int | str] = {}
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=BROKER_TIMEOUT_SECONDS,
        ) as conn:
            conn.ensure_connection(max_retries=0)
            channel = conn.default_channel
            for name in settings.CELERY_QUEUE_NAMES:
                try:
                    depths[name] = channel.queue_declare(queue=name, passive=True).message_count
                except conn.channel_errors:  # RabbitMQ: the queue was never declared, so it holds nothing
                    depths[name] = 0
                    channel = conn.channel()
    except Exception as exc:  # kombu raises transport-specific errors
        return dict.fromkeys(settings.CELERY_QUEUE_NAMES, f"unknown: {exc.__class__.__name__}")
    return depths


@never_cache
def healthz(request):
    checks = {"database": _check_database(), "broker": _check_broker()}
    extra: dict[str, object] = {}
    if request.GET.get("worker"):
        checks["worker"], extra["worker_heartbeat_age_seconds"] = _check_worker()
        extra["queues"] = _queue_depths()
        extra["outbox"] = outbox_backlog()
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks, **extra}, status=200 if healthy else 503
    )


def ping(request):
    """A plain "ok" with no checks: the trivial view benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")

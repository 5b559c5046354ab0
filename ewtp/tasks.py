"""Project-wide tasks: the worker's heartbeat, which beat asks for every 30 seconds and /healthz reads."""

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

log = logging.getLogger(__name__)

HEARTBEAT_CACHE_KEY = "ewtp:worker-heartbeat"


@shared_task(name="ewtp.heartbeat", queue="default", ignore_result=True, expires=60)
def heartbeat() -> str:
    """Record, in the cache every process shares, that a worker ran a task from beat just now."""
    now = timezone.now()
    cache.set(HEARTBEAT_CACHE_KEY, now.isoformat(), timeout=None)
    log.info("worker.heartbeat", extra={"at": now.isoformat()})
    return now.isoformat()

"""Project-wide tasks: a ping for the deep health check and a heartbeat beat runs every minute."""

import logging

from celery import shared_task
from django.utils import timezone

log = logging.getLogger(__name__)


@shared_task(name="ewtp.ping", queue="default", ignore_result=False)
def ping() -> str:
    return "pong"


@shared_task(name="ewtp.heartbeat", queue="default", ignore_result=True)
def heartbeat() -> str:
    """Shows in the worker's log that beat and the worker are both alive."""
    now = timezone.now().isoformat()
    log.info("worker.heartbeat", extra={"at": now})
    return now

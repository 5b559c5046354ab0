"""API housekeeping for beat."""

from celery import shared_task

from ewtp.api.idempotency import idempotency_keys_purge


@shared_task(name="api.idempotency_keys_purge", queue="default", ignore_result=True)
def keys_purge() -> int:
    """Forget idempotency keys older than API_IDEMPOTENCY_KEEP_HOURS; safe to rerun."""
    return idempotency_keys_purge()

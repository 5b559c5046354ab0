"""Beat task: refresh the ECB reference rates every weekday evening."""

import logging

from celery import shared_task
from django.conf import settings

from ewtp.fx.errors import FxSourceUnreachableError
from ewtp.fx.services import fx_rates_refresh

log = logging.getLogger(__name__)


@shared_task(
    name="fx.rates_refresh",
    queue="default",
    acks_late=True,
    # Only an unreachable source is worth another try; a malformed file fails at once, loudly.
    autoretry_for=(FxSourceUnreachableError,),
    retry_backoff=60,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
)
def rates_refresh(url: str | None = None) -> dict:
    """Import the rates at `url` (default FX_REFRESH_URL). A rerun with the same file changes nothing."""
    report = fx_rates_refresh(url=url or settings.FX_REFRESH_URL)
    log.info("fx.refreshed", extra={"summary": report.summary()})
    return report.as_dict()

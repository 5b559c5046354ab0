"""The outbox relay, run by beat: sends what the after-commit try could not (the broker was down)."""

from celery import shared_task

from ewtp.outbox.services import RELAY_BATCH, outbox_relay, outbox_sent_purge


@shared_task(name="outbox.relay", queue="default", ignore_result=True)
def relay() -> int:
    """Send every waiting message, a batch at a time, then forget the ones sent long ago."""
    total = 0
    while (sent := outbox_relay()) == RELAY_BATCH:
        total += sent
    outbox_sent_purge()
    return total + sent

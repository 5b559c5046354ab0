"""Writing to the outbox and relaying it to the broker.

    with transaction.atomic():
        seller.save()
        outbox_enqueue(status_email_deliver, event_id=event.pk)

The message commits with the change or not at all. Right after the commit the relay tries to hand it to
Celery; if the broker is down, the `outbox.relay` beat task tries again every few seconds until it accepts.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import Task
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import KombuError

from ewtp.outbox.models import OutboxMessage

log = logging.getLogger(__name__)

# How long a relay may hold messages it claimed before another relay may take them over.
CLAIM_SECONDS = 60
RELAY_BATCH = 200
# Sent messages are kept this long for the record (the admin lists them), then deleted.
KEEP_SENT_DAYS = 7
# Errors that mean "the broker is not reachable now": the message stays for the next relay.
BROKER_ERRORS = (KombuError, OSError)


def outbox_enqueue(task: Task, /, **kwargs) -> OutboxMessage:
    """Write `task(**kwargs)` to the outbox in the current transaction and try to send it after commit.

    The arguments must be JSON (ids, not objects), as for any Celery task.
    """
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs, queue=task.queue or "default")
    # robust: the change has committed, so the request succeeds whatever this try meets (it is logged, and
    # the beat relay tries again).
    transaction.on_commit(lambda: outbox_relay(ids=[message.pk]), robust=True)
    return message


def _claim(*, ids: list[int] | None, limit: int) -> list[OutboxMessage]:
    now = timezone.now()
    claimable = Q(sent_at__isnull=True) & (Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    candidates = OutboxMessage.objects.filter(claimable)
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    chosen = list(candidates.order_by("id").values_list("pk", flat=True)[:limit])
    if not chosen:
        return []
    until = now + timedelta(seconds=CLAIM_SECONDS)
    # The condition is checked again by the UPDATE itself, so of two relays racing only one claims a row.
    OutboxMessage.objects.filter(claimable, pk__in=chosen).update(claimed_until=until)
    return list(OutboxMessage.objects.filter(pk__in=chosen, claimed_until=until, sent_at__isnull=True))


def outbox_relay(*, ids: list[int] | None = None, limit: int = RELAY_BATCH) -> int:
    """Hand unsent messages (all, or those in `ids`) to the broker, oldest first; returns how many it sent.

    Stops at the first broker error and leaves the rest for the next run: the broker is down for all.
    """
    from ewtp.celery import app

    messages = _claim(ids=ids, limit=limit)
    if not messages:
        return 0
    sent = 0
    current = messages[0]
    try:
        with app.connection_for_write() as connection:
            # Fail at once when the broker is down, instead of retrying inside the request.
            connection.ensure_connection(max_retries=0)
            for current in messages:
                app.tasks[current.task_name].apply_async(
                    kwargs=current.kwargs,
                    queue=current.queue,
                    task_id=str(current.task_id),
                    connection=connection,
                    retry=False,
                )
                OutboxMessage.objects.filter(pk=current.pk).update(
                    sent_at=timezone.now(), claimed_until=None, attempts=F("attempts") + 1, last_error=""
                )
                sent += 1
    except BROKER_ERRORS as exc:
        unsent = [m.pk for m in messages if m.pk >= current.pk]
        OutboxMessage.objects.filter(pk__in=unsent, sent_at__isnull=True).update(claimed_until=None)
        OutboxMessage.objects.filter(pk=current.pk).update(
            attempts=F("attempts") + 1, last_error=f"{exc.__class__.__name__}: {exc}"[:2000]
        )
        log.warning(
            "outbox.broker_unavailable",
            extra={"error": str(exc), "sent": sent, "waiting": len(unsent)},
        )
    return sent


def outbox_sent_purge(*, older_than_days: int = KEEP_SENT_DAYS) -> int:
    """Delete messages sent more than `older_than_days` ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def outbox_backlog() -> dict[str, object]:
    """What waits in the outbox: how many messages and the age of the oldest, in seconds (for /healthz)."""
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
    oldest = waiting.order_by("id").values_list("created_at", flat=True).first()
    age = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"waiting": waiting.count(), "oldest_seconds": age}

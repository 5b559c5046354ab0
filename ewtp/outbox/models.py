"""A task that must not be lost, written in the same transaction as the change that needs it.

The relay (ewtp.outbox.services.outbox_relay) hands each message to Celery until the broker accepts it, so a
broker that is down when a seller is approved or a password reset is asked for delays the task, never drops
it. Delivery is at least once: every task sent through the outbox must be idempotent.
"""

import uuid

from django.db import models


class OutboxMessage(models.Model):
    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict, blank=True)
    queue = models.CharField(max_length=50)
    # The Celery task id, the same on every attempt: a message sent twice shows up as one id in the logs.
    task_id = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A relay claims messages until this time, so two relays (the web's after-commit try and the beat task)
    # never send the same message at once; a relay that dies lets its claim lapse.
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id"], name="outbox_unsent", condition=models.Q(sent_at__isnull=True)),
        ]

    def __str__(self):
        return f"{self.task_name} #{self.pk}"

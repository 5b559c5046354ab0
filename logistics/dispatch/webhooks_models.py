"""Webhooks the platform sends partners (a new dispatch, a cancellation), and every attempt to send one."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    SHIPMENT_DISPATCHED = "shipment.dispatched", _("Shipment offered")
    SHIPMENT_CANCELLED = "shipment.cancelled", _("Shipment cancelled")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending (retried with backoff)")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (the partner refused it, or out of attempts)")
    ABANDONED = "abandoned", _("Abandoned (the endpoint was disabled)")


class WebhookDelivery(models.Model):
    """One webhook to one partner: the body is fixed when it is made, so every attempt sends the same bytes
    (only the signature's timestamp changes) and the partner de-duplicates by `uuid`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="webhooks")
    shipment = models.ForeignKey(
        "dispatch.Shipment", on_delete=models.CASCADE, null=True, blank=True, related_name="webhooks"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    url = models.URLField(max_length=500)
    body = models.TextField(help_text="The JSON sent, byte for byte.")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts_count = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.event} to {self.partner} ({self.status})"


class WebhookAttempt(models.Model):
    """One try: what the endpoint answered (status code) or why there was no answer (error), and how long."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_number_unique")
        ]

    def __str__(self):
        return f"attempt {self.number} of {self.delivery}"

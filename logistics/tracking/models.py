"""Tracking events as partners reported them, the batches they came in, and what tracking keeps per shipment.

Events are stored first (one transaction per batch, by the API or the poller) and applied later by the
`tracking` queue; `applied_at` is set in the transaction that applies an event, so a rerun skips it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from logistics.dispatch.statuses import ShipmentStatus


class TrackingBatch(models.Model):
    """The events one request (or one poll of one shipment) brought in: what the apply task works through."""

    class Source(models.TextChoices):
        PUSH = "push", _("Pushed through the API")
        PULL = "pull", _("Pulled from the partner's tracking URL")

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=4, choices=Source.choices)
    received_at = models.DateTimeField()
    events_stored = models.PositiveIntegerField()
    duplicates = models.PositiveIntegerField(help_text="Events already stored under the same event id.")
    # Set once every event of the batch has been applied.
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name_plural = "tracking batches"

    def __str__(self):
        return f"{self.partner_id}: {self.events_stored} events at {self.received_at:%Y-%m-%d %H:%M:%S}"


class TrackingEvent(models.Model):
    batch = models.ForeignKey(TrackingBatch, on_delete=models.PROTECT, related_name="events")
    shipment = models.ForeignKey(
        "dispatch.Shipment", on_delete=models.CASCADE, related_name="tracking_events"
    )
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    # The partner's own id: events arrive at least once, so (partner, partner_event_id) is stored once.
    partner_event_id = models.CharField(max_length=100)
    status = models.CharField(max_length=24, choices=ShipmentStatus.choices)
    reason = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    occurred_at = models.DateTimeField(help_text="When it happened, as the partner says (aware).")
    received_at = models.DateTimeField()
    estimated_delivery = models.DateField(null=True, blank=True)
    # What customs assessed, when the event says (duties and import taxes together, as the carrier collects).
    duties_assessed_amount = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    duties_assessed_currency = models.CharField(max_length=3, blank=True)
    raw = models.JSONField(help_text="The event as the partner sent it.")
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "partner_event_id"], name="tracking_event_once"),
        ]
        indexes = [models.Index(fields=["shipment", "occurred_at"], name="tracking_event_timeline")]

    def __str__(self):
        return f"{self.partner_event_id}: {self.status} at {self.occurred_at:%Y-%m-%d %H:%M}"


class ShipmentTracking(models.Model):
    """What tracking keeps about a shipment beside its status: the stale flag and the poller's bookkeeping."""

    shipment = models.OneToOneField(
        "dispatch.Shipment", on_delete=models.CASCADE, primary_key=True, related_name="tracking"
    )
    # Set by the stale task when no event came for TRACKING_STALE_AFTER_DAYS; cleared by the next event.
    stale_since = models.DateTimeField(null=True, blank=True, db_index=True)
    polled_at = models.DateTimeField(null=True, blank=True)
    poll_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "shipment tracking"
        verbose_name_plural = "shipments' tracking"

    def __str__(self):
        return f"tracking of shipment {self.shipment_id}"

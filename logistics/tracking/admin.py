"""Operators see the events as partners sent them, the batches, and the stale shipments (read-only)."""

from django.contrib import admin

from ewtp.admin_read_only import ReadOnlyAdmin
from logistics.tracking.models import ShipmentTracking, TrackingBatch, TrackingEvent


@admin.register(TrackingEvent)
class TrackingEventAdmin(ReadOnlyAdmin):
    list_display = ["partner_event_id", "shipment", "partner", "status", "occurred_at", "received_at",
                    "applied_at"]  # fmt: skip
    list_filter = ["status", "partner"]
    search_fields = ["partner_event_id", "shipment__reference", "shipment__tracking_number"]
    list_select_related = ["shipment", "partner"]
    date_hierarchy = "occurred_at"


@admin.register(TrackingBatch)
class TrackingBatchAdmin(ReadOnlyAdmin):
    list_display = ["pk", "partner", "source", "received_at", "events_stored", "duplicates", "applied_at"]
    list_filter = ["source", "partner"]
    list_select_related = ["partner"]


class StaleFilter(admin.SimpleListFilter):
    title = "stale"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "Stale"), ("no", "Not stale")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(stale_since__isnull=self.value() == "no")
        return queryset


@admin.register(ShipmentTracking)
class ShipmentTrackingAdmin(ReadOnlyAdmin):
    """The stale shipments list: no event for TRACKING_STALE_AFTER_DAYS (filter "Stale")."""

    list_display = ["shipment", "shipment_status", "shipment_status_at", "stale_since", "polled_at",
                    "poll_error"]  # fmt: skip
    list_filter = [StaleFilter]
    list_select_related = ["shipment"]
    search_fields = ["shipment__reference", "shipment__tracking_number"]
    ordering = ["-stale_since"]

    @admin.display(description="status")
    def shipment_status(self, obj):
        return obj.shipment.get_status_display()

    @admin.display(description="last status at")
    def shipment_status_at(self, obj):
        return obj.shipment.status_at

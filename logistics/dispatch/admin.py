from django.contrib import admin

from logistics.dispatch import dispatch_admin  # noqa: F401 - registers offers, webhooks and alerts
from logistics.dispatch.models import Parcel, Shipment, ShipmentLine
from logistics.tracking.duties import shipment_duties_difference


class ShipmentLineInline(admin.TabularInline):
    model = ShipmentLine
    extra = 0


class ParcelInline(admin.TabularInline):
    model = Parcel
    extra = 0


class StaleFilter(admin.SimpleListFilter):
    """Shipments the tracking.stale_flag task flagged: on their way with no event for a while."""

    title = "stale tracking"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "Stale: no recent event")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(tracking__stale_since__isnull=False)
        return queryset


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["reference", "seller_id", "category", "incoterm", "currency", "status", "partner",
                    "tracking_number", "stale_since", "created_at"]  # fmt: skip
    list_filter = ["status", StaleFilter, "category", "incoterm"]
    list_select_related = ["partner", "tracking"]
    search_fields = ["reference", "invoice_number", "tracking_number"]
    raw_id_fields = ["sender", "receiver"]
    readonly_fields = ["duties_difference", "stale_since"]
    inlines = [ShipmentLineInline, ParcelInline]

    @admin.display(description="duties: assessed - estimated")
    def duties_difference(self, obj):
        """What customs assessed against what checkout told the buyer would be due on delivery."""
        difference = shipment_duties_difference(obj)
        if difference is None:
            return "-" if obj.duties_assessed_amount is None else "not comparable (other currency)"
        return f"{difference.round().amount:+} {difference.currency}"

    @admin.display(description="stale since")
    def stale_since(self, obj):
        tracking = getattr(obj, "tracking", None)
        return tracking.stale_since if tracking is not None else None

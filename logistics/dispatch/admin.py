from django.contrib import admin

from logistics.dispatch import dispatch_admin  # noqa: F401 - registers offers, webhooks and alerts
from logistics.dispatch.models import Parcel, Shipment, ShipmentLine


class ShipmentLineInline(admin.TabularInline):
    model = ShipmentLine
    extra = 0


class ParcelInline(admin.TabularInline):
    model = Parcel
    extra = 0


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["reference", "seller_id", "category", "incoterm", "currency", "created_at"]
    list_filter = ["category", "incoterm"]
    search_fields = ["reference", "invoice_number"]
    raw_id_fields = ["sender", "receiver"]
    inlines = [ShipmentLineInline, ParcelInline]

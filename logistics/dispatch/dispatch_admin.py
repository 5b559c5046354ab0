"""Dispatch in the admin: offers (why each partner was chosen and its answer), every webhook with its
attempts, operator alerts; read-only records, with one action to dispatch an awaiting shipment again."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models, transaction

from ewtp.admin_read_only import ReadOnlyAdmin
from logistics.dispatch.alerts_models import OperatorAlert
from logistics.dispatch.assignment import shipment_dispatch_request
from logistics.dispatch.models import DispatchOffer
from logistics.dispatch.statuses import ShipmentStatus
from logistics.dispatch.webhooks_models import WebhookAttempt, WebhookDelivery


@admin.register(DispatchOffer)
class DispatchOfferAdmin(ReadOnlyAdmin):
    list_display = ["shipment", "partner", "status", "score", "price_amount", "price_currency",
                    "transit_days_max", "offered_at", "answered_at", "reason"]  # fmt: skip
    list_filter = ["status", "partner"]
    search_fields = ["shipment__reference", "partner__name"]
    list_select_related = ["shipment", "partner"]
    actions = ["dispatch_again"]

    @admin.action(description="Dispatch the shipments again (those awaiting a partner)")
    def dispatch_again(self, request, queryset):
        shipment_ids = set(
            queryset.filter(shipment__status=ShipmentStatus.AWAITING_PARTNER).values_list(
                "shipment_id", flat=True
            )
        )
        with transaction.atomic():
            for shipment_id in shipment_ids:
                shipment_dispatch_request(shipment_id=shipment_id)
        self.message_user(request, f"{len(shipment_ids)} shipment(s) queued for dispatch.", messages.SUCCESS)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ["number", "started_at", "duration_ms", "status_code", "succeeded", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["event", "partner", "shipment", "status", "attempts_count", "created_at", "delivered_at",
                    "next_attempt_at"]  # fmt: skip
    list_filter = ["status", "event", "partner"]
    search_fields = ["uuid", "shipment__reference", "partner__name"]
    list_select_related = ["partner", "shipment"]
    inlines = [WebhookAttemptInline]


@admin.register(OperatorAlert)
class OperatorAlertAdmin(ReadOnlyAdmin):
    list_display = ["subject", "kind", "created_at", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "key"]

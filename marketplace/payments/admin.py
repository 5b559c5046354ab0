"""Operators see payments, refunds and provider events read-only; a payment changes only through provider
events, and the one thing operators do here, a full refund, goes through refund_request like any other."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ewtp.admin_read_only import ReadOnlyAdmin
from ewtp.errors import ApplicationError
from marketplace.payments.models import Payment, Refund, WebhookEvent
from marketplace.payments.services import payment_refundable_remaining, refund_request


class RefundInline(admin.TabularInline):
    model = Refund
    extra = 0
    fields = [
        "reference", "amount_shown", "status", "reason", "order_reference", "requested_by", "created_at",
    ]  # fmt: skip
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Amount"))
    def amount_shown(self, refund):
        return refund.amount.format()


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["reference", "purpose_reference", "amount_shown", "status", "gateway", "created_at"]
    list_filter = ["status", "gateway", "currency"]
    search_fields = [
        "reference", "purpose_reference", "customer_email", "provider_session_id",
        "provider_payment_intent_id", "provider_charge_id",
    ]  # fmt: skip
    readonly_fields = [
        "reference", "gateway", "purpose_reference", "amount_shown", "refunded_shown", "status",
        "description", "customer_email", "transfer_group", "checkout_url", "provider_session_id",
        "provider_payment_intent_id", "provider_charge_id", "idempotency_key", "failure_message",
        "succeeded_at", "created_at", "updated_at",
    ]  # fmt: skip
    exclude = ["amount_minor", "amount_refunded_minor", "currency", "success_url", "cancel_url"]
    inlines = [RefundInline]
    actions = ["refund_in_full"]

    @admin.display(description=_("Amount"), ordering="amount_minor")
    def amount_shown(self, payment):
        return payment.amount.format()

    @admin.display(description=_("Refunded"))
    def refunded_shown(self, payment):
        return payment.amount_refunded.format()

    @admin.action(description=_("Refund in full (what is left to refund)"), permissions=["refund"])
    def refund_in_full(self, request, queryset):
        for payment in queryset:
            remaining = payment_refundable_remaining(payment=payment)
            if not remaining and payment.status == Payment.Status.REFUNDED:
                message = f"{payment.reference}: nothing is left to refund."
                self.message_user(request, message, messages.WARNING)
                continue
            try:
                refund_request(
                    payment=payment,
                    amount=remaining,
                    reason="Refunded in full by an operator.",
                    order_reference="",
                    # One key per payment and amount: a second click asks for nothing more.
                    idempotency_key=f"operator-full-{payment.reference}-{remaining.minor_units}",
                    requested_by=request.user,
                )
            except ApplicationError as exc:
                self.message_user(request, f"{payment.reference}: {exc.message}", messages.ERROR)
            else:
                message = f"{payment.reference}: refund of {remaining.format()} requested."
                self.message_user(request, message, messages.SUCCESS)

    def has_refund_permission(self, request):
        return request.user.has_perm("payments.add_refund")


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ["reference", "payment", "amount_shown", "status", "order_reference", "created_at"]
    list_filter = ["status", "currency"]
    search_fields = ["reference", "payment__reference", "order_reference", "provider_refund_id"]
    list_select_related = ["payment"]
    readonly_fields = [
        "reference", "payment", "amount_shown", "status", "reason", "order_reference", "requested_by",
        "provider_refund_id", "idempotency_key", "counted", "failure_message", "submitted_at", "created_at",
    ]  # fmt: skip
    exclude = ["amount_minor", "currency"]

    @admin.display(description=_("Amount"), ordering="amount_minor")
    def amount_shown(self, refund):
        return refund.amount.format()


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "type", "provider", "payment", "received_at", "processed_at", "has_error"]
    list_filter = ["type", "provider", ("processed_at", admin.EmptyFieldListFilter)]
    search_fields = ["event_id", "type", "payment__reference"]
    readonly_fields = [
        "provider", "event_id", "type", "payment", "payload", "received_at", "processed_at", "error",
    ]  # fmt: skip

    @admin.display(description=_("Error"), boolean=True)
    def has_error(self, event):
        return bool(event.error)

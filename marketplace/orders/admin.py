"""Operators' view of orders: read-only records (what the buyer accepted never changes), their history,
and the one thing operators do here: refund, in full or in part, with a reason (an admin action)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from ewtp.errors import ApplicationError
from marketplace.orders.forms import RefundForm
from marketplace.orders.models import Order, OrderEvent, OrderLine
from marketplace.orders.refunds import order_refund, refund_amount_clean, refunded_marker


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    fields = ["position", "title", "sku", "quantity", "unit_price", "unit_price_buyer", "line_total_buyer",
              "fx_rate", "fx_rate_date", "fx_source", "hs_code", "origin_country"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    fields = [
        "at",
        "action",
        "from_status",
        "to_status",
        "actor",
        "actor_label",
        "reason",
        "external_reference",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["reference", "seller", "email", "status", "currency", "total_amount", "refunded_amount",
                    "stock_shortfall", "created_at"]  # fmt: skip
    list_filter = ["status", "stock_shortfall", "tax_collected_at_sale", "currency"]
    search_fields = ["reference", "email", "checkout__reference"]
    inlines = [OrderLineInline, OrderEventInline]
    actions = ["refund_action"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Order._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Refund the selected orders (full or partial)", permissions=["change"])
    def refund_action(self, request, queryset):
        orders = list(queryset)
        if "apply" not in request.POST:
            return self._refund_page(request, orders, RefundForm(initial={"refunded_before": "-"}))
        form = RefundForm(request.POST)
        done = 0
        for order in orders:
            try:
                amount = refund_amount_clean(request.POST.get("amount"), currency=order.currency)
                order_refund(
                    order=order, amount=amount if len(orders) == 1 else None,
                    reason=request.POST.get("reason", ""), refunded_before=refunded_marker(order),
                    by=request.user, as_operator=True,
                )  # fmt: skip
                done += 1
            except ApplicationError as exc:
                messages.error(request, f"{order.reference}: {exc.message}")
        if done:
            messages.success(request, f"{done} refund(s) requested.")
        if done < len(orders) and not form.is_valid():
            return self._refund_page(request, orders, form)
        return None

    def _refund_page(self, request, orders, form):
        context = {**self.admin_site.each_context(request), "orders": orders, "form": form,
                   "opts": self.model._meta, "title": "Refund orders"}  # fmt: skip
        return TemplateResponse(request, "orders/admin/refund.html", context)

"""Payouts for operators: the list with status and hold reason, and an action to retry held payouts.
Nothing else is editable: a payout's money is in the ledger."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ewtp.errors import ApplicationError
from marketplace.payouts.models import Payout, PayoutItem
from marketplace.payouts.transfers import payout_retry


class PayoutItemInline(admin.TabularInline):
    model = PayoutItem
    fields = ["order", "amount", "platform_fee_amount", "transfer_group", "release"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payout)
class PayoutAdmin(admin.ModelAdmin):
    list_display = [
        "reference", "seller", "amount_shown", "source_shown", "status", "hold_reason", "method",
        "created_at", "paid_at",
    ]  # fmt: skip
    list_filter = ["status", "method", "currency", "source_currency"]
    search_fields = ["reference", "seller__trading_name", "seller__legal_name", "provider_transfer_id"]
    readonly_fields = [field.name for field in Payout._meta.fields]
    inlines = [PayoutItemInline]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Amount"), ordering="amount")
    def amount_shown(self, payout):
        return payout.money.format()

    @admin.display(description=_("From"), ordering="source_amount")
    def source_shown(self, payout):
        return payout.source_money.format()

    @admin.action(description=_("Retry the selected held payouts"), permissions=["change"])
    def retry(self, request, queryset):
        for payout in queryset:
            try:
                payout_retry(payout=payout)
            except ApplicationError as error:
                self.message_user(request, f"{payout.reference}: {error.message}", messages.ERROR)
            else:
                queued = _("Payout %(reference)s is queued again.") % {"reference": payout.reference}
                self.message_user(request, queued, messages.SUCCESS)

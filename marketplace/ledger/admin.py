"""Read-only views of the journal for operators: nothing here writes (corrections are reversing postings)."""

from django.contrib import admin

from ewtp.admin_read_only import ReadOnlyAdmin
from marketplace.ledger.models import Account, Entry, Transaction


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["kind", "party", "currency", "created_at"]
    list_filter = ["kind", "currency"]
    search_fields = ["party"]


class EntryInline(admin.TabularInline):
    model = Entry
    fields = ["account", "amount", "currency"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["sequence", "event_key", "kind", "effective_at", "reference"]
    list_filter = ["kind"]
    search_fields = ["event_key", "reference", "memo"]
    readonly_fields = [
        "sequence",
        "event_key",
        "kind",
        "memo",
        "effective_at",
        "posted_at",
        "reverses",
        "seller_id_ref",
        "reference",
        "previous_hash",
        "hash",
    ]
    inlines = [EntryInline]

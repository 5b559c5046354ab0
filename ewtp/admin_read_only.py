"""The admin for records nobody edits by hand (journal entries, provider events, partner offers, tracking
events): operators read them; changes come from the code that owns them, or as new records."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

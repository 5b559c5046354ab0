from django.contrib import admin

from logistics.customs.models import HsCode


@admin.register(HsCode)
class HsCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "section", "description"]
    list_filter = ["level", "section"]
    search_fields = ["code", "description"]

    def has_change_permission(self, request, obj=None):
        return False  # reference data: changed by a new seed, never by hand

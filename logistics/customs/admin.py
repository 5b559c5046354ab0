from django.contrib import admin

from logistics.customs.models import DutyRate, HsCode, ImportRule, SdrRate, VatRate


@admin.register(HsCode)
class HsCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "section", "description"]
    list_filter = ["level", "section"]
    search_fields = ["code", "description"]

    def has_change_permission(self, request, obj=None):
        return False  # reference data: changed by a new seed, never by hand


class RuleDataAdmin(admin.ModelAdmin):
    """Rules change through seeds/customs/ (reviewed, with their source), not by hand."""

    list_filter = ["estimate"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(VatRate)
class VatRateAdmin(RuleDataAdmin):
    list_display = [
        "country",
        "name",
        "rate",
        "inclusive",
        "currency",
        "valid_from",
        "valid_to",
        "estimate",
        "source",
    ]
    search_fields = ["country"]


@admin.register(ImportRule)
class ImportRuleAdmin(RuleDataAdmin):
    list_display = ["country", "origins", "regime", "duty", "currency", "value_above", "value_up_to",
                    "valid_from", "valid_to", "estimate"]  # fmt: skip
    list_filter = ["regime", "estimate"]
    search_fields = ["country"]


@admin.register(DutyRate)
class DutyRateAdmin(RuleDataAdmin):
    list_display = ["country", "hs_prefix", "rate", "valid_from", "valid_to", "estimate", "source"]
    search_fields = ["country", "hs_prefix"]


@admin.register(SdrRate)
class SdrRateAdmin(RuleDataAdmin):
    list_display = ["day", "usd_per_sdr", "estimate", "source"]

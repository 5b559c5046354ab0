from django.contrib import admin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html_join

from logistics.customs.documents_downloads import FILE_FORMATS, customs_document_response
from logistics.customs.documents_models import CustomsDocument
from logistics.customs.models import DutyRate, HsCode, ImportRule, SdrRate, VatRate
from logistics.customs.rules_models import OriginDuty, ReliefExclusion


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


@admin.register(ReliefExclusion)
class ReliefExclusionAdmin(RuleDataAdmin):
    list_display = ["country", "hs_prefix", "excise", "valid_from", "valid_to", "estimate", "source"]
    list_filter = ["excise", "estimate"]
    search_fields = ["country", "hs_prefix"]


@admin.register(OriginDuty)
class OriginDutyAdmin(RuleDataAdmin):
    list_display = ["country", "origin", "name", "hs_prefix", "rate", "valid_from", "valid_to", "estimate"]
    search_fields = ["country", "origin", "hs_prefix", "name"]


@admin.register(SdrRate)
class SdrRateAdmin(RuleDataAdmin):
    list_display = ["day", "usd_per_sdr", "estimate", "source"]


@admin.register(CustomsDocument)
class CustomsDocumentAdmin(admin.ModelAdmin):
    """Issued documents, read-only (evidence given to customs); the files through a permission check."""

    list_display = ["number", "version", "kind", "shipment", "seller_id", "issued_at", "downloads"]
    list_filter = ["form", "kind", "issued_at"]
    list_select_related = ["shipment"]
    search_fields = ["number", "shipment__reference"]
    # pdf and json are left out: the file widget would link to a public media URL that does not exist.
    fields = ["shipment", "seller_id", "form", "kind", "number", "version", "correction_reason", "issued_at",
              "sha256", "downloads", "content"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        download = path(
            "<int:pk>/download/<str:file_format>/",
            self.admin_site.admin_view(self.download_view),
            name="customs_customsdocument_download",
        )
        return [download, *super().get_urls()]

    def download_view(self, request, pk: int, file_format: str):
        # admin_view has sent anyone who is not active staff to the log-in page; staff without the
        # permission get a 404, as the seller documents do, rather than a confirmation the document exists.
        if not self.has_view_permission(request):
            raise Http404
        document = get_object_or_404(CustomsDocument, pk=pk)
        return customs_document_response(document=document, file_format=file_format)

    @admin.display(description="Files")
    def downloads(self, document):
        links = (
            (reverse("admin:customs_customsdocument_download", args=[document.pk, fmt]), fmt.upper())
            for fmt in FILE_FORMATS
        )
        return format_html_join(" ", '<a href="{}">{}</a>', links)

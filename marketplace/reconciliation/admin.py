"""Operators see runs, provider records and cases; they resolve cases with a note and download them as CSV.
Runs and records are read-only (they are what the provider said); a case changes only through case_resolve."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ewtp.admin_read_only import ReadOnlyAdmin
from ewtp.errors import ApplicationError
from marketplace.reconciliation.cases import case_resolve, cases_csv_rows
from marketplace.reconciliation.models import ProviderRecord, ReconciliationCase, ReconciliationRun


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=_("Resolution note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was found and what was done; kept with the case."),
    )


@admin.register(ReconciliationRun)
class ReconciliationRunAdmin(ReadOnlyAdmin):
    list_display = [
        "id", "provider", "status", "records_read", "records_new", "cases_opened", "started_at",
        "finished_at",
    ]  # fmt: skip
    list_filter = ["provider", "status"]
    readonly_fields = [
        "provider", "status", "window_start", "window_end", "cursor_before", "cursor_after", "totals",
        "records_read", "records_new", "cases_opened", "error", "started_at", "finished_at",
    ]  # fmt: skip


@admin.register(ProviderRecord)
class ProviderRecordAdmin(ReadOnlyAdmin):
    list_display = [
        "provider_id",
        "provider",
        "type",
        "amount",
        "fee",
        "net",
        "currency",
        "payment",
        "payout",
        "created",
    ]
    list_filter = ["provider", "type", "currency"]
    search_fields = [
        "provider_id", "source_id", "charge_id", "payment_intent_id", "payment__reference",
        "payout__reference",
    ]  # fmt: skip
    list_select_related = ["payment", "payout"]
    readonly_fields = [f.name for f in ProviderRecord._meta.fields]


@admin.register(ReconciliationCase)
class ReconciliationCaseAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "subject",
        "provider_amount",
        "platform_amount",
        "provider",
        "opened_at",
    ]
    list_filter = ["status", "kind", "provider"]
    search_fields = [
        "subject", "description", "payment__reference", "payout__reference", "record__provider_id",
    ]  # fmt: skip
    list_select_related = ["payment"]
    readonly_fields = [f.name for f in ReconciliationCase._meta.fields]
    actions = ["resolve_selected", "download_csv"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Resolve selected cases (asks for a note)"), permissions=["change"])
    def resolve_selected(self, request, queryset):
        form = ResolveForm(request.POST if "confirm" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "reconciliation/admin/resolve.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Resolve cases"),
                    "opts": self.model._meta,
                    "cases": queryset,
                    "form": form,
                    "action": request.POST.get("action"),
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                },
            )
        done = 0
        for case in queryset:
            try:
                case_resolve(case_id=case.pk, note=form.cleaned_data["note"], user=request.user)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                done += 1
        if done:
            resolved = ngettext("%(count)d case resolved.", "%(count)d cases resolved.", done) % {
                "count": done
            }
            self.message_user(request, resolved, messages.SUCCESS)
        return None

    @admin.action(description=_("Download selected cases as CSV"))
    def download_csv(self, request, queryset):
        cases = queryset.select_related("payment", "refund", "payout", "record", "resolved_by").order_by("pk")
        response = StreamingHttpResponse(cases_csv_rows(cases.iterator()), content_type="text/csv")
        name = f"reconciliation-cases-{timezone.now():%Y%m%d-%H%M}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

"""Operators review sellers here: the profile and documents side by side, then approve, reject (with a
reason), suspend or reinstate many at once. Status only changes through marketplace.sellers.status."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ewtp.errors import ApplicationError
from marketplace.sellers.models import Seller, SellerDocument, SellerStatusEvent
from marketplace.sellers.status import seller_reinstate, seller_reject, seller_suspend, seller_verify


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("The seller reads this.")
    )


class SellerDocumentInline(admin.TabularInline):
    model = SellerDocument
    extra = 0
    can_delete = False
    fields = ["kind", "download", "content_type", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("File"))
    def download(self, document):
        url = reverse("sellers:document_download", args=[document.pk])
        return format_html('<a href="{}">{}</a>', url, document.original_name)


class SellerStatusEventInline(admin.TabularInline):
    model = SellerStatusEvent
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "reason", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "legal_name", "country", "business_type", "status", "submitted_at"]
    list_filter = ["status", "country", "business_type", "payout_status"]
    search_fields = ["legal_name", "trading_name", "user__email", "vat_number", "eori_number"]
    ordering = ["-submitted_at", "-id"]
    inlines = [SellerDocumentInline, SellerStatusEventInline]
    actions = ["approve_selected", "reject_selected", "suspend_selected", "reinstate_selected"]
    # Read-only: the seller owns the profile, and status changes need the services (visibility, e-mails).
    readonly_fields = [f.name for f in Seller._meta.fields]

    def has_add_permission(self, request):
        return False

    def _apply(self, request, queryset, service, done_message, **kwargs) -> None:
        done, refused = 0, []
        for seller in queryset.select_related("user"):
            try:
                service(seller=seller, by=request.user, **kwargs)
            except ApplicationError as error:
                refused.append(error.message)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    def _with_reason(self, request, queryset, service, title, done_message):
        """Ask for one reason on an intermediate page, then apply it to every selected seller."""
        form = ReasonForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            self._apply(request, queryset, service, done_message, reason=form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "sellers/admin/reason.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "sellers": queryset,
                "form": form,
                "action": request.POST.get("action"),
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Approve selected sellers"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._apply(request, queryset, seller_verify, _("%(count)d seller(s) verified and told by e-mail."))

    @admin.action(description=_("Reject selected sellers (asks for the reason)"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            seller_reject,
            _("Reject sellers"),
            _("%(count)d seller(s) rejected and told the reason by e-mail."),
        )

    @admin.action(description=_("Suspend selected sellers (asks for the reason)"), permissions=["change"])
    def suspend_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            seller_suspend,
            _("Suspend sellers"),
            _("%(count)d seller(s) suspended and told the reason by e-mail."),
        )

    @admin.action(description=_("Reinstate selected suspended sellers"), permissions=["change"])
    def reinstate_selected(self, request, queryset):
        self._apply(request, queryset, seller_reinstate, _("%(count)d seller(s) reinstated."))

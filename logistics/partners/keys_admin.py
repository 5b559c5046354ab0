"""Partners' API keys in the admin: created here (the key shown once, on the page that follows, never in a
message or cookie), otherwise read-only, revoked with an action."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse

from logistics.partners.keys import partner_api_key_create, partner_api_key_revoke
from logistics.partners.keys_models import ApiScope, PartnerApiKey


class PartnerApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = PartnerApiKey
        fields = ["partner", "name", "scopes"]


@admin.register(PartnerApiKey)
class PartnerApiKeyAdmin(admin.ModelAdmin):
    form = PartnerApiKeyForm
    list_display = ["prefix", "partner", "name", "scopes", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["partner", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "partner__name", "partner__slug"]
    list_select_related = ["partner"]
    readonly_fields = ["partner", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return False  # a key never changes: revoke it and make another

    def has_revoke_permission(self, request):
        return request.user.has_perm("partners.change_partnerapikey")

    def save_model(self, request, obj, form, change):
        key, raw_key = partner_api_key_create(
            partner=form.cleaned_data["partner"],
            scopes=form.cleaned_data["scopes"],
            name=form.cleaned_data["name"],
        )
        obj.pk, obj.prefix, obj.scopes, obj.created_at = key.pk, key.prefix, key.scopes, key.created_at
        obj._state.adding = False
        request._partner_api_key_clear = raw_key

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "key": obj,
            "raw_key": request._partner_api_key_clear,
            "opts": self.opts,
        }
        response = TemplateResponse(request, "admin/partners/partnerapikey/created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke the selected keys", permissions=["revoke"])
    def revoke(self, request, queryset):
        for key in queryset:
            partner_api_key_revoke(key=key)
        self.message_user(request, f"{queryset.count()} key(s) revoked.", messages.SUCCESS)

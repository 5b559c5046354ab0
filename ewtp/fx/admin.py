"""Operators see every rate and import; they add manual rates for currencies the ECB does not publish."""

from django import forms
from django.contrib import admin

from ewtp.errors import ApplicationError
from ewtp.fx.ecb import rate_currency_check, rate_problem
from ewtp.fx.models import FxImport, FxRate
from ewtp.fx.services import fx_rate_set_manual


class ManualRateForm(forms.ModelForm):
    class Meta:
        model = FxRate
        fields = ["currency", "date", "rate", "source"]

    def clean_currency(self):
        try:
            return rate_currency_check(self.cleaned_data["currency"].strip().upper(), where="Manual rate")
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc

    def clean_rate(self):
        rate = self.cleaned_data["rate"]
        problem = rate_problem(rate)
        if problem:
            raise forms.ValidationError(f"The rate {problem}.")
        return rate


@admin.register(FxRate)
class FxRateAdmin(admin.ModelAdmin):
    form = ManualRateForm
    list_display = ["date", "currency", "rate", "source", "kind"]
    list_filter = ["kind", "currency"]
    search_fields = ["currency", "source"]
    date_hierarchy = "date"
    list_per_page = 100

    def has_change_permission(self, request, obj=None):
        # Rates are facts: an ECB rate is never edited, and a manual one is corrected by a new day's rate.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        try:
            created = fx_rate_set_manual(
                currency=obj.currency, day=obj.date, rate=obj.rate, source=obj.source, user=request.user
            )
        except ApplicationError as exc:
            self.message_user(request, exc.message, level="error")
            return
        obj.pk = created.pk


@admin.register(FxImport)
class FxImportAdmin(admin.ModelAdmin):
    list_display = [
        "finished_at",
        "status",
        "origin",
        "rates_loaded",
        "rates_unchanged",
        "first_date",
        "last_date",
    ]
    list_filter = ["status"]
    readonly_fields = [f.name for f in FxImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

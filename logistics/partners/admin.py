from django.contrib import admin
from django.db import models

from logistics.partners.keys_admin import PartnerApiKeyAdmin  # noqa: F401 - registers the keys' admin
from logistics.partners.models import CountryGroup, Partner, RateCard, WeightBand

# A rate card at a glance: its lane, service, currency, transit time and whether it delivers duty paid.
LANE_FIELDS = [
    "origin_country",
    "destination_country",
    "destination_group",
    "service_level",
    "service_kind",
    "currency",
    "transit_days_min",
    "transit_days_max",
    "ddp_offered",
    "is_active",
]


class RateCardInline(admin.TabularInline):
    model = RateCard
    extra = 0
    fields = LANE_FIELDS
    show_change_link = True  # the bands are edited on the rate card's own page


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    # Partners' webhooks are HTTPS endpoints; a bare host typed in the admin means https://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "slug", "is_active", "contact_email", "webhook_disabled_at"]
    list_filter = ["is_active", ("webhook_disabled_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RateCardInline]


class WeightBandInline(admin.TabularInline):
    model = WeightBand
    extra = 1


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin):
    list_display = ["partner", *LANE_FIELDS]
    list_filter = ["partner", "service_level", "service_kind", "origin_country", "ddp_offered", "is_active"]
    list_select_related = ["partner", "destination_group"]
    inlines = [WeightBandInline]


@admin.register(CountryGroup)
class CountryGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

"""Operators keep the category list (with its translations) and can pause listings, e.g. restricted goods.

A listing's content belongs to its seller: operators see it read-only, and change its status only through
marketplace.listings.services, so visibility follows the same rules as the seller's own publish and pause.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.listings.models import Category, Listing, ListingImport
from marketplace.listings.services import listing_status_set


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh_hans", "slug", "position", "listing_count"]
    list_editable = ["name_zh_hans", "position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "name_zh_hans", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(listing_count=Count("listings"))

    @admin.display(description=_("Listings"), ordering="listing_count")
    def listing_count(self, category):
        return category.listing_count


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "seller",
        "price_shown",
        "status",
        "is_visible",
        "hs_code",
        "origin_country",
        "stock",
    ]
    list_filter = ["status", "is_visible", "seller_country", "category"]
    search_fields = ["title", "sku", "seller__trading_name", "seller__legal_name", "hs_code"]
    list_select_related = ["seller", "category"]
    actions = ["pause"]
    readonly_fields = [
        "seller", "title", "description", "category", "price_amount", "price_currency", "stock", "sku",
        "hs_code", "origin_country", "net_weight_kg", "length_cm", "width_cm", "height_cm", "restrictions",
        "status", "is_visible", "seller_country", "published_at", "created_at",
    ]  # fmt: skip
    exclude = ["search_text", "thumbnail"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The change permission, asked without a listing, lets an operator pause listings; a listing's own
        # form stays read-only for everyone, its content being the seller's.
        if obj is not None:
            return False
        return super().has_change_permission(request)

    @admin.display(description=_("Price"), ordering="price_amount")
    def price_shown(self, listing):
        return listing.price.format("en")

    @admin.action(
        description=_("Pause the selected listings (hidden from buyers until the seller publishes)"),
        permissions=["change"],
    )
    def pause(self, request, queryset):
        paused = 0
        for listing in queryset.exclude(status=Listing.Status.PAUSED):
            listing_status_set(listing=listing, status=Listing.Status.PAUSED)
            paused += 1
        self.message_user(
            request, ngettext("%d listing paused.", "%d listings paused.", paused) % paused, messages.SUCCESS
        )


@admin.register(ListingImport)
class ListingImportAdmin(admin.ModelAdmin):
    """Operators see every seller's CSV imports and their reports, to help a seller whose file failed."""

    list_display = ["id", "seller", "file_name", "status", "rows_checked", "rows_total", "created_at"]
    list_filter = ["status"]
    search_fields = ["seller__trading_name", "seller__legal_name", "file_name"]
    list_select_related = ["seller"]
    exclude = ["text"]  # up to 2 MB of the seller's data, emptied once the job is finished
    readonly_fields = [
        "seller", "file_name", "status", "rows_total", "rows_checked", "report", "created_at", "started_at",
        "finished_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

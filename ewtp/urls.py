from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from ewtp.api.views import api_not_found
from ewtp.health import healthz, ping

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("logistics.api.urls")),
    re_path(r"^api/", api_not_found),  # after every API version: an unknown API path is a JSON 404
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("marketplace.accounts.urls")),
    path("sell/listings/", include("marketplace.listings.urls")),
    path("sell/orders/", include("marketplace.orders.seller_urls")),
    path("sell/payouts/", include("marketplace.payouts.urls")),
    path("sell/", include("marketplace.sellers.urls")),
    path("", include("marketplace.orders.urls")),
    path("", include("marketplace.payments.urls")),
    path("", include("marketplace.storefront.urls")),
]

if settings.SERVE_MEDIA:
    # Public media (listing photos) straight from Django when no CDN or web server fronts the app. Only
    # SERVE_MEDIA decides (it defaults to DEBUG), so SERVE_MEDIA=false holds even with DEBUG on.
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )

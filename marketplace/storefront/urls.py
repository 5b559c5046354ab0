from django.urls import path

from marketplace.storefront import views

app_name = "storefront"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("listings/<int:pk>-<str:slug>/", views.listing_detail, name="listing"),
    path("listings/<int:pk>/", views.listing_detail, name="listing_short"),
]

from django.urls import path

from marketplace.listings import views

app_name = "listings"

urlpatterns = [
    path("", views.listing_list, name="list"),
    path("new/", views.listing_create_view, name="create"),
    path("import/", views.listings_import, name="import"),
    path("import/<int:pk>/", views.listing_import_progress, name="import_progress"),
    path("hs-codes/", views.hs_code_finder, name="hs_codes"),
    path("<int:pk>/", views.listing_edit, name="edit"),
    path("<int:pk>/status/", views.listing_status, name="status"),
    path("<int:pk>/photos/", views.listing_photo_upload, name="photo_upload"),
    path("photos/<int:pk>/delete/", views.listing_photo_remove, name="photo_delete"),
]

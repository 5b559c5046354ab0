from django.urls import path

from marketplace.sellers import customs_views, views

app_name = "sellers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("start/", views.start, name="start"),
    path("onboarding/business/", views.profile, name="profile"),
    path("onboarding/currency/", views.currency, name="currency"),
    path("onboarding/payouts/", views.payout, name="payout"),
    path("onboarding/payouts/return/", views.payout_return, name="payout_return"),
    path("onboarding/documents/", views.documents, name="documents"),
    path("onboarding/submit/", views.submit, name="submit"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("customs-documents/", customs_views.customs_document_list, name="customs_documents"),
    path(
        "customs-documents/<int:pk>/<str:file_format>/",
        customs_views.customs_document_download,
        name="customs_document_download",
    ),
]

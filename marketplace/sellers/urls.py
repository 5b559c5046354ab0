from django.urls import path

from marketplace.sellers import views

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
]

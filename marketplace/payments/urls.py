"""Payment provider endpoints: /webhooks/stripe/ and the built-in test gateway's hosted page."""

from django.urls import path

from marketplace.payments import views

app_name = "payments"

urlpatterns = [
    path("webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("payments/test/<str:reference>/", views.test_checkout, name="test_checkout"),
    path("payments/test/<str:reference>/authenticate/", views.test_authenticate, name="test_authenticate"),
]

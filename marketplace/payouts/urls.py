"""The seller's payouts under /sell/payouts/."""

from django.urls import path

from marketplace.payouts import views

app_name = "seller_payouts"

urlpatterns = [
    path("", views.seller_payout_list, name="list"),
]

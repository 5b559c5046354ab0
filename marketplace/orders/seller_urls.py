"""The seller's orders under /sell/orders/."""

from django.urls import path

from marketplace.orders import seller_views

app_name = "seller_orders"

urlpatterns = [
    path("", seller_views.seller_order_list, name="list"),
    path("<str:reference>/", seller_views.seller_order_detail, name="detail"),
    path("<str:reference>/refund/", seller_views.seller_order_refund, name="refund"),
    path("<str:reference>/dispatched/", seller_views.seller_order_dispatched, name="dispatched"),
]

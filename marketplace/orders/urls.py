"""The buyer's cart, checkout and orders: /cart/, /checkout/..., /orders/ and /orders/<reference>/."""

from django.urls import path

from marketplace.orders import views_cart, views_checkout, views_orders

app_name = "orders"

urlpatterns = [
    path("cart/", views_cart.cart_detail, name="cart"),
    path("cart/add/", views_cart.cart_add, name="cart_add"),
    path("cart/update/", views_cart.cart_update, name="cart_update"),
    path("checkout/", views_checkout.checkout_start, name="checkout"),
    path("checkout/address/", views_checkout.checkout_address, name="checkout_address"),
    path("checkout/shipping/", views_checkout.checkout_shipping, name="checkout_shipping"),
    path("checkout/review/", views_checkout.checkout_review_page, name="checkout_review"),
    path("checkout/currency/", views_checkout.checkout_currency, name="checkout_currency"),
    path("checkout/pay/", views_checkout.checkout_pay_view, name="checkout_pay"),
    path("checkout/complete/<str:reference>/", views_checkout.checkout_complete, name="checkout_complete"),
    path("orders/", views_orders.order_list, name="list"),
    path("orders/<str:reference>/", views_orders.order_detail, name="detail"),
]

"""The seller's orders under /sell/orders/."""

app_name = "seller_orders"

urlpatterns: list = []

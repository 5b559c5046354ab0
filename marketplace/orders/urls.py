"""The buyer's cart, checkout and orders: /cart/, /checkout/..., /orders/ and /orders/<reference>/."""

app_name = "orders"

urlpatterns: list = []

"""Payment provider endpoints: /webhooks/stripe/ and the built-in test gateway's hosted page."""

app_name = "payments"

urlpatterns: list = []

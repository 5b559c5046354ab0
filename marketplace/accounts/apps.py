from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "marketplace.accounts"
    label = "accounts"

    def ready(self):
        from marketplace.accounts import checks  # noqa: F401 - registers the system checks

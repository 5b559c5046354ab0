from django.apps import AppConfig


class FxConfig(AppConfig):
    name = "ewtp.fx"
    label = "fx"
    verbose_name = "Exchange rates"

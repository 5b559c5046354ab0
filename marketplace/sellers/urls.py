from django.urls import path
from django.views.generic import TemplateView

app_name = "sellers"

# Placeholder routes; the onboarding module replaces them.
urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="dashboard"),
    path("start/", TemplateView.as_view(template_name="base.html"), name="start"),
]

"""{% load money %}: {{ price|money }} formats Money in the page's language ("¥1,235", "1.234,56 €")."""

from django import template
from django.utils.translation import get_language, to_locale

from ewtp.money import Money

register = template.Library()


@register.filter
def money(value: Money | None) -> str:
    if value is None:
        return ""
    try:
        return value.format(to_locale(get_language() or "en"))
    except ValueError:
        return value.format("en")

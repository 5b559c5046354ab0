"""Pre-rendered parts of storefront pages: the 250-country and currency <option> lists and the catalogue
filters, built once per (language, selection) rather than through the template engine on every request."""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale

from ewtp.countries import country_choices
from ewtp.process_cache import process_cached


@lru_cache(maxsize=2048)
def country_options(language: str, selected: str) -> SafeString:
    options = (
        f'<option value="{code}"{" selected" if code == selected else ""}>{escape(name)}</option>'
        for code, name in country_choices(language)
    )
    return mark_safe("".join(options))  # noqa: S308 - every name is escaped above


@lru_cache(maxsize=2048)
def currency_options(currencies: tuple[str, ...], selected: str) -> SafeString:
    options = (
        f"<option{' selected' if code == selected else ''}>{escape(code)}</option>" for code in currencies
    )
    return mark_safe("".join(options))  # noqa: S308 - every code is escaped above


@process_cached
def catalogue_filters_html(
    *,
    language: str,
    selected: tuple[tuple[str, str], ...],
    ship_to: str,
    currency: str,
    currencies: tuple[str, ...],
    categories: tuple[tuple[str, str], ...],
    seller_countries: tuple[tuple[str, str], ...],
) -> SafeString:
    """The filter form, rendered once per (language, filters, choices, ship-to, currency) and process."""
    context = {
        "selected": dict(selected),
        "categories": categories,
        "seller_countries": seller_countries,
        "country_options": country_options(to_locale(language), ship_to),
        "currency_options": currency_options(currencies, currency),
    }
    return mark_safe(render_to_string("storefront/_filters.html", context))  # noqa: S308 - escaped by templates

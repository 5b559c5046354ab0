"""The catalogue's filters. An invalid value is dropped, never an error page: it is a shop window.

Plain checks against the lists the page already loaded, rather than a Django form whose choice fields
would rebuild 250 countries on every request.
"""

from __future__ import annotations

import unicodedata

from ewtp.countries import COUNTRY_CODES

MAX_QUERY_LENGTH = 100


def free_text_clean(value: str, *, max_length: int) -> str:
    """`value` as words separated by single spaces, without control characters (NUL, ESC, DEL...), at most
    `max_length` characters. PostgreSQL refuses a NUL byte in any string parameter: a 500, not a search."""
    words = ("".join(ch for ch in word if unicodedata.category(ch) != "Cc") for word in value.split())
    return " ".join(word for word in words if word)[:max_length]


def catalogue_filters_clean(
    params, *, category_slugs: set[str], seller_countries: set[str]
) -> dict[str, str]:
    """The valid, non-empty filters among `params` (a QueryDict): q, category, seller_country.

    q is the one free-text parameter; every other one the storefront reads (category, seller_country,
    ship_to, currency, page) is kept only when it is one of a known set of values or a number."""
    values = {}
    q = free_text_clean(params.get("q", ""), max_length=MAX_QUERY_LENGTH)
    if q:
        values["q"] = q
    if params.get("category") in category_slugs:
        values["category"] = params["category"]
    if params.get("seller_country") in seller_countries & COUNTRY_CODES:
        values["seller_country"] = params["seller_country"]
    return values

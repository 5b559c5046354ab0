"""The catalogue's filters. An invalid value is dropped, never an error page: it is a shop window.

Plain checks against the lists the page already loaded, rather than a Django form whose choice fields
would rebuild 250 countries on every request.
"""

from __future__ import annotations

from ewtp.countries import COUNTRY_CODES

MAX_QUERY_LENGTH = 100


def catalogue_filters_clean(
    params, *, category_slugs: set[str], seller_countries: set[str]
) -> dict[str, str]:
    """The valid, non-empty filters among `params` (a QueryDict): q, category, seller_country."""
    values = {}
    q = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    if q:
        values["q"] = q
    if params.get("category") in category_slugs:
        values["category"] = params["category"]
    if params.get("seller_country") in seller_countries & COUNTRY_CODES:
        values["seller_country"] = params["seller_country"]
    return values

"""Buyer pages: the catalogue and a listing. Prices are converted into the buyer's currency and marked as
approximate, with the date (and staleness) of the rates on the page."""

from __future__ import annotations

from functools import partial
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, to_locale
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ewtp.countries import country_choices, country_name
from ewtp.fx.sources import rate_source_label
from marketplace.pricing.delivered import ShipmentCost, listing_delivered_cost
from marketplace.pricing.errors import DeliveredCostError
from marketplace.pricing.preferences import BuyerPreferences, buyer_preferences, preferences_remember
from marketplace.pricing.prices import listing_price_convert
from marketplace.storefront.cards import card_views
from marketplace.storefront.catalogue import MAX_PAGE, CatalogueQuery, catalogue_listing_get, catalogue_page
from marketplace.storefront.catalogue_cache import CatalogueKey, catalogue_body_cached
from marketplace.storefront.filters import catalogue_filters_clean
from marketplace.storefront.reference import (
    storefront_categories,
    storefront_origins,
    storefront_rates,
    storefront_seller_countries,
)


def _rates_context(rates) -> dict:
    return {
        "rates_date": rates.latest_day,
        "rates_stale": rates.is_stale,
        "stale_after_days": settings.FX_STALE_AFTER_DAYS,
    }


def _page_number(value: str) -> int:
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except ValueError:
        return 1


def catalogue(request):
    rates = storefront_rates(timezone.localdate())
    prefs = buyer_preferences(request, convertible=set(rates.currencies))
    language = get_language() or "en"
    categories = storefront_categories()
    seller_countries = [(c, country_name(c, to_locale(language))) for c in storefront_seller_countries()]
    values = catalogue_filters_clean(
        request.GET,
        category_slugs={c.slug for c in categories},
        seller_countries={code for code, _ in seller_countries},
    )
    # The pager's links carry the cleaned filters, and ship_to and currency only when chosen in this
    # request (following a link then stores the choice, as the form does): never the raw query string.
    params = dict(values)
    if prefs.ship_to_chosen:
        params["ship_to"] = prefs.ship_to
    if prefs.currency_chosen:
        params["currency"] = prefs.currency
    key = CatalogueKey(
        language=language,
        ship_to=prefs.ship_to,
        currency=prefs.currency,
        params=urlencode(sorted(params.items())),
        page=_page_number(request.GET.get("page", "1")),
    )
    body = catalogue_body_cached(
        key,
        partial(
            _catalogue_body, key=key, values=values, categories=categories,
            seller_countries=seller_countries, prefs=prefs, rates=rates,
        ),
    )  # fmt: skip
    # q for the title: a search's page is titled by its words, not as the catalogue.
    context = {"body": body, "prefs": prefs, "currencies": rates.currencies, "q": values.get("q", "")}
    response = render(request, "storefront/catalogue.html", context)
    preferences_remember(response, prefs)
    return response


def _catalogue_body(*, key: CatalogueKey, values, categories, seller_countries, prefs, rates) -> str:
    """The catalogue page's body for one normalised query (what the page cache keeps)."""
    locale = to_locale(key.language)
    origins = storefront_origins(prefs.ship_to)
    query = CatalogueQuery(
        q=values.get("q", ""),
        category=next((c for c in categories if c.slug == values.get("category")), None),
        seller_country=values.get("seller_country", ""),
        origins=origins,
        page=key.page,
    )
    page = catalogue_page(query, rates=rates, currency=prefs.currency)
    context = {
        "selected": values,
        "categories": [(c.slug, c.name_in(key.language)) for c in categories],
        "seller_countries": seller_countries,
        "countries": country_choices(locale),
        "cache_seconds": settings.REFERENCE_CACHE_SECONDS,
        "currencies": rates.currencies,
        "prefs": prefs,
        "ship_to_name": country_name(prefs.ship_to, locale),
        "no_lanes": origins is None,
        "cards": card_views(page.cards, locale=locale),
        "has_next": page.has_next,
        "page_number": page.page,
        "query_string": key.params,
        **_rates_context(rates),
    }
    return render_to_string("storefront/_catalogue_body.html", context)


def _delivered(
    listing, prefs: BuyerPreferences, rates, *, ships: bool | None
) -> dict[str, ShipmentCost | str | None]:
    """The delivered-cost panel: the cost, or why there is none (a PricingErrorCode the template words)."""
    if not ships:
        return {"delivered": None, "delivered_error": ""}
    try:
        cost = listing_delivered_cost(
            listing, ship_to=prefs.ship_to, currency=prefs.currency, rates=rates, on=rates.on
        )
    except DeliveredCostError as exc:
        return {"delivered": None, "delivered_error": exc.code}
    return {"delivered": cost, "delivered_error": ""}


def listing_detail(request, pk: int, slug: str = ""):
    listing = catalogue_listing_get(pk)
    if listing is None:
        raise Http404("No such listing.")
    canonical = listing.get_absolute_url()
    if request.path != unquote(canonical):
        # An old title's slug, a typo or the short link: one address per listing (bookmarks, search engines).
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
    rates = storefront_rates(timezone.localdate())
    prefs = buyer_preferences(request, convertible=set(rates.currencies))
    locale = to_locale(get_language() or "en")
    origins = storefront_origins(prefs.ship_to)
    # A buyer in the seller's own country: the platform carries goods across borders only, for now.
    domestic = prefs.ship_to == listing.seller.country
    ships = None if origins is None else listing.seller.country in origins and not domestic
    price = listing_price_convert(listing, rates=rates, currency=prefs.currency)
    context = {
        "listing": listing,
        "seller": listing.seller,
        "price": price,
        "rate_source": rate_source_label(price.source) if price else "",
        "domestic": domestic,
        "prefs": prefs,
        "ship_to_name": country_name(prefs.ship_to, locale),
        "seller_country_name": country_name(listing.seller.country, locale),
        "origin_name": country_name(listing.origin_country, locale),
        "ships": ships,
        **_delivered(listing, prefs, rates, ships=ships),
        "currencies": rates.currencies,
        "countries": country_choices(locale),
        "cache_seconds": settings.REFERENCE_CACHE_SECONDS,
        **_rates_context(rates),
    }
    response = render(request, "storefront/listing_detail.html", context)
    preferences_remember(response, prefs)
    return response


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links to: the icon in static/."""
    return FileResponse(open(finders.find("favicon.ico"), "rb"), content_type="image/x-icon")

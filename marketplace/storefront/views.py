"""Buyer pages: the catalogue and a listing. Prices are converted into the buyer's currency and marked as
approximate, with the date (and staleness) of the rates on the page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from ewtp.countries import country_choices, country_name
from ewtp.fx.conversion import fx_rate_table
from logistics.partners.lanes import lanes_origins_serving
from marketplace.listings.models import Category
from marketplace.storefront.catalogue import (
    CatalogueQuery,
    catalogue_listing_get,
    catalogue_page,
    catalogue_seller_countries,
    listing_price_convert,
)
from marketplace.storefront.forms import CatalogueFilterForm
from marketplace.storefront.preferences import buyer_preferences, preferences_remember


def _rates_context(rates) -> dict:
    return {
        "rates_date": rates.latest_day,
        "rates_stale": rates.is_stale,
        "stale_after_days": settings.FX_STALE_AFTER_DAYS,
    }


def catalogue(request):
    rates = fx_rate_table()
    currencies = rates.currencies
    prefs = buyer_preferences(request, convertible=set(currencies))
    language = get_language() or "en"
    categories = list(Category.objects.all())
    seller_countries = [(c, country_name(c, language)) for c in catalogue_seller_countries()]
    form = CatalogueFilterForm(
        request.GET,
        initial={"currency": prefs.currency, "ship_to": prefs.ship_to},
        categories=categories,
        seller_countries=seller_countries,
        countries=country_choices(language),
        currencies=currencies,
    )
    values = form.valid_values()
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    query = CatalogueQuery(
        q=values.get("q", ""),
        category=next((c for c in categories if c.slug == values.get("category")), None),
        seller_country=values.get("seller_country", ""),
        origins=lanes_origins_serving(destination=prefs.ship_to),
        page=page_number,
    )
    page = catalogue_page(query, rates=rates, currency=prefs.currency)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "prefs": prefs,
        "ship_to_name": country_name(prefs.ship_to, language),
        "no_lanes": query.origins is None,
        "query_string": params.urlencode(),
        **_rates_context(rates),
    }
    response = render(request, "storefront/catalogue.html", context)
    preferences_remember(response, prefs)
    return response


def listing_detail(request, pk: int, slug: str = ""):
    listing = catalogue_listing_get(pk)
    if listing is None:
        raise Http404("No such listing.")
    rates = fx_rate_table()
    prefs = buyer_preferences(request, convertible=set(rates.currencies))
    language = get_language() or "en"
    origins = lanes_origins_serving(destination=prefs.ship_to)
    context = {
        "listing": listing,
        "seller": listing.seller,
        "price": listing_price_convert(listing, rates=rates, currency=prefs.currency),
        "prefs": prefs,
        "ship_to_name": country_name(prefs.ship_to, language),
        "seller_country_name": country_name(listing.seller.country, language),
        "origin_name": country_name(listing.origin_country, language),
        "ships": None if origins is None else listing.seller.country in origins,
        "currencies": rates.currencies,
        "countries": country_choices(language),
        **_rates_context(rates),
    }
    response = render(request, "storefront/listing_detail.html", context)
    preferences_remember(response, prefs)
    return response

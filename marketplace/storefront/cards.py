"""What a catalogue card shows, prepared in Python: the page renders 24 of them on every request, and a
handful of plain values per card keeps the template cheap."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import to_locale

from ewtp.countries import country_name
from ewtp.fx.conversion import RateTable
from ewtp.process_cache import process_cached
from marketplace.storefront.catalogue import Card, CatalogueQuery, catalogue_page


@dataclass(frozen=True, slots=True)
class CardView:
    url: str
    title: str
    thumbnail_url: str
    price_text: str  # converted ("≈" is added by the template) or, with no rate, the seller's own price
    price_currency: str
    own_price_text: str
    seller_country: str
    converted: bool
    stale: bool


def _listing_url_template() -> str:
    return reverse("storefront:listing", kwargs={"pk": 999999999, "slug": "slug-placeholder"})


def card_views(cards: list[Card], *, locale: str) -> list[CardView]:
    url_template = _listing_url_template()
    short_template = reverse("storefront:listing_short", kwargs={"pk": 999999999})
    views = []
    for card in cards:
        listing = card.listing
        slug = slugify(listing.title, allow_unicode=True)
        url = (
            url_template.replace("999999999", str(listing.pk)).replace("slug-placeholder", slug)
            if slug
            else short_template.replace("999999999", str(listing.pk))
        )
        own = listing.price.format(locale)
        price = card.price
        views.append(
            CardView(
                url=url,
                title=listing.title,
                thumbnail_url=f"{settings.MEDIA_URL}{listing.thumbnail}" if listing.thumbnail else "",
                price_text=price.money.format(locale) if price else own,
                price_currency=price.currency if price else listing.price_currency,
                own_price_text=own,
                seller_country=country_name(listing.seller_country, locale),
                converted=price is not None,
                stale=bool(price and price.stale),
            )
        )
    return views


@process_cached
def catalogue_results(
    query: CatalogueQuery, *, rates: RateTable, currency: str, language: str, ship_to_name: str
) -> tuple[list[CardView], bool, SafeString]:
    """One page of cards and its HTML, kept per process for REFERENCE_CACHE_SECONDS: buyers browsing the
    same page, filters and currency within that time are served without touching the database."""
    page = catalogue_page(query, rates=rates, currency=currency)
    cards = card_views(page.cards, locale=to_locale(language))
    html = render_to_string("storefront/_cards.html", {"cards": cards, "ship_to_name": ship_to_name})
    return cards, page.has_next, mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped

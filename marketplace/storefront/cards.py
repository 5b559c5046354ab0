"""What a catalogue card shows, as plain values: a handful per card keeps the card template cheap
(templates/storefront/_card.html renders them; nothing here builds HTML)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from ewtp.countries import country_name
from marketplace.storefront.catalogue import Card

_PK = "999999999"
_SLUG = "slug-placeholder"


@dataclass(frozen=True, slots=True)
class CardView:
    url: str
    title: str
    language: str  # the seller's text's (lang="..." where the page is in another language)
    thumbnail_url: str
    small_url: str  # the small rendition for the srcset, or "" for photos stored before there were any
    price_text: str  # converted ("≈" is added by the template) or, with no rate, the seller's own price
    price_currency: str
    own_price_text: str
    seller_country: str
    converted: bool
    stale: bool


def card_views(cards: list[Card], *, locale: str) -> list[CardView]:
    """The cards' values in the buyer's `locale`: URLs, formatted prices and the seller's country name."""
    # Two reverse() calls for the page, not one per card: the URL shapes with placeholders filled in.
    url_template = reverse("storefront:listing", kwargs={"pk": int(_PK), "slug": _SLUG})
    short_template = reverse("storefront:listing_short", kwargs={"pk": int(_PK)})
    views = []
    for card in cards:
        listing = card.listing
        slug = slugify(listing.title, allow_unicode=True)
        url = (
            url_template.replace(_PK, str(listing.pk)).replace(_SLUG, slug)
            if slug
            else short_template.replace(_PK, str(listing.pk))
        )
        own = listing.price.format(locale)
        price = card.price
        views.append(
            CardView(
                url=url,
                title=listing.title,
                language=listing.language,
                thumbnail_url=f"{settings.MEDIA_URL}{listing.thumbnail}" if listing.thumbnail else "",
                small_url=f"{settings.MEDIA_URL}{listing.thumbnail_small}" if listing.thumbnail_small else "",
                price_text=price.money.format(locale) if price else own,
                price_currency=price.currency if price else listing.price_currency,
                own_price_text=own,
                seller_country=country_name(listing.seller_country, locale),
                converted=price is not None,
                stale=bool(price and price.stale),
            )
        )
    return views

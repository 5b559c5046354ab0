"""Reading the catalogue: what buyers see, filtered on indexed columns, a fixed number of queries a page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from ewtp.fx.conversion import Conversion, RateTable
from marketplace.listings.models import Category, Listing
from marketplace.pricing.prices import listing_price_convert
from marketplace.sellers.models import Seller

PAGE_SIZE = 24
MAX_PAGE = 400  # deep offsets cost a scan; nobody pages that far, search instead


@dataclass(frozen=True)
class CatalogueQuery:
    q: str = ""
    category: Category | None = None
    seller_country: str = ""
    # Countries goods may ship from to the buyer; None when partners have published no lanes at all.
    origins: frozenset[str] | None = None
    page: int = 1


@dataclass(frozen=True)
class Card:
    listing: Listing
    price: Conversion | None  # None when the seller's currency has no rate yet: shown unconverted


@dataclass(frozen=True)
class CataloguePage:
    cards: list[Card]
    page: int
    has_next: bool


def catalogue_listings(query: CatalogueQuery) -> QuerySet[Listing]:
    listings = Listing.objects.filter(is_visible=True)
    if query.q:
        # search_text is lower-cased title + description; PostgreSQL answers this from a trigram index.
        listings = listings.filter(search_text__contains=query.q.lower().strip())
    if query.category is not None:
        listings = listings.filter(category_id=query.category.pk)
    if query.seller_country:
        listings = listings.filter(seller_country=query.seller_country)
    if query.origins is not None:
        listings = listings.filter(seller_country__in=sorted(query.origins))
    return listings.order_by("-published_at", "-id")


def catalogue_page(query: CatalogueQuery, *, rates: RateTable, currency: str) -> CataloguePage:
    """One page of cards with prices converted into `currency`: a single query, whatever the page size."""
    page = max(1, min(query.page, MAX_PAGE))
    start = (page - 1) * PAGE_SIZE
    # One row more than a page tells whether there is a next page without counting every listing.
    # Only what a card shows (cards.py): no join, the seller's country is denormalised on the listing.
    rows = list(
        catalogue_listings(query).only(
            "id",
            "title",
            "language",
            "price_amount",
            "price_currency",
            "thumbnail",
            "thumbnail_small",
            "seller_country",
            "published_at",
        )[start : start + PAGE_SIZE + 1]
    )
    cards = [
        Card(listing, listing_price_convert(listing, rates=rates, currency=currency))
        for listing in rows[:PAGE_SIZE]
    ]
    return CataloguePage(cards=cards, page=page, has_next=len(rows) > PAGE_SIZE)


def catalogue_seller_countries() -> list[str]:
    """Countries verified sellers are in: the seller-country filter's options (a small table, one query)."""
    return sorted(set(Seller.objects.filter(status=Seller.Status.VERIFIED).values_list("country", flat=True)))


def catalogue_listing_get(pk: int) -> Listing | None:
    """A listing buyers may see, with its seller, category and photos (three queries)."""
    return (
        Listing.objects.filter(pk=pk, is_visible=True)
        .select_related("seller", "category")
        .prefetch_related("photos")
        .first()
    )

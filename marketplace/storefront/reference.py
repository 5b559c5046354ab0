"""Reference data every storefront page reads, cached per process for REFERENCE_CACHE_SECONDS (why per
process, and within which limits: ewtp/process_cache.py)."""

from __future__ import annotations

from datetime import date

from ewtp.fx.conversion import RateTable, fx_rate_table
from ewtp.process_cache import process_cached
from logistics.partners.lanes import lanes_origins_serving
from marketplace.listings.models import Category
from marketplace.storefront.catalogue import catalogue_seller_countries


@process_cached
def storefront_rates(day: date) -> RateTable:
    return fx_rate_table(on=day)


@process_cached
def storefront_categories() -> list[Category]:
    return list(Category.objects.all())


@process_cached
def storefront_seller_countries() -> list[str]:
    return catalogue_seller_countries()


@process_cached
def storefront_origins(destination: str) -> frozenset[str] | None:
    return lanes_origins_serving(destination=destination)

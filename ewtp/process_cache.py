"""A small per-process cache with a time limit, for read-only reference data that every storefront page
reads (the day's rate table, categories, the seller countries, which origins ship to a country).

DESIGN.md bans per-process caches that decide anything. This one is allowed, within these limits:
- It holds reference data only: copies of rows that operators or the daily rates import change, never
  state a request writes. No counter, lock, idempotency key, throttle or session lives here; those go in
  the shared cache or the database.
- Nothing is decided from it that must agree across processes or be exact: it feeds what a page shows,
  marked approximate and dated. Whatever charges money (checkout, the ledger) reads rates itself, with
  `fx_rate_table`, and records the rate it used.
- It is short-lived: an entry lives settings.REFERENCE_CACHE_SECONDS (30 s by default; 0 turns caching off,
  as the tests do), the same limit as the catalogue pages in the shared cache, so a change shows everywhere
  within that time whichever process answers. And it is bounded: past 1,000 keys a store is emptied.
- Per process on purpose: in the shared cache each page would pay a round trip and the unpickling of a
  rate table of ~30 currencies for data that changes a few times a day; kept here it costs a dict lookup.
Catalogue pages themselves are cached in Django's cache (marketplace/storefront/catalogue_cache.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings

T = TypeVar("T")

_registry: list[dict] = []


def process_cached(function: Callable[..., T]) -> Callable[..., T]:
    store: dict[tuple, tuple[float, T]] = {}
    _registry.append(store)

    @wraps(function)
    def cached(*args, **kwargs) -> T:
        seconds = settings.REFERENCE_CACHE_SECONDS
        if seconds <= 0:
            return function(*args, **kwargs)
        key = (args, tuple(sorted(kwargs.items())))
        now = time.monotonic()
        hit = store.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = function(*args, **kwargs)
        if len(store) > 1000:  # keys are small (a country, a date): this only guards against abuse
            store.clear()
        store[key] = (now + seconds, value)
        return value

    return cached


def process_caches_clear() -> None:
    for store in _registry:
        store.clear()

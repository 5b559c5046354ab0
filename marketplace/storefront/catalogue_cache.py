"""The catalogue's result pages, kept in Django's cache (the `pages` alias: Redis, or the database cache)
and so shared by every web process.

A page's body (filters, rate note, cards, pager) is rendered by templates/storefront/_catalogue_body.html
and stored under a key made of the whole normalised query: the language, the cleaned filters (q, category,
seller_country), where it ships to and the currency (and whether the buyer chose them in this request,
since the pager's links carry that choice) and the page number. A page holds the rates of the moment it
was rendered, like everything else on it, for at most REFERENCE_CACHE_SECONDS. Anything the filters
dropped (an unknown category, a page that is not a number, a stray parameter) never reaches the key, so
it can neither split the cache nor plant itself in a page someone else is served.

Bounded two ways, so that a crawler or a flood of distinct searches cannot fill the cache:
- only the first CACHED_PAGES pages of a query are stored (deeper pages are rare, and cheap to render);
- at most STORED_PER_WINDOW pages are stored per REFERENCE_CACHE_SECONDS window, counted in the same
  shared cache; past that, pages are rendered uncached until the next window. Entries expire after
  REFERENCE_CACHE_SECONDS, so no more than two windows' worth live at once (about 2,000 pages of 25 KB).
The `pages` alias is its own cache so that culling it never evicts the log-in throttles or the worker
heartbeat kept in `default`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

CACHE_ALIAS = "pages"
CACHED_PAGES = 10
STORED_PER_WINDOW = 1000


@dataclass(frozen=True, slots=True)
class CatalogueKey:
    """The normalised query a catalogue page's body depends on, and nothing else."""

    language: str
    ship_to: str
    currency: str
    # The query string of the pager's links: the cleaned filters, and ship_to and currency when chosen.
    params: str
    page: int

    def cache_key(self) -> str:
        # Hashed: q is free text of up to 100 characters, and a key must stay short on every backend.
        raw = "\n".join(
            (
                self.language,
                self.ship_to,
                self.currency,
                self.params,
                str(self.page),
            )
        )
        return "catalogue:" + hashlib.sha256(raw.encode()).hexdigest()


def catalogue_body_cached(key: CatalogueKey, render: Callable[[], str]) -> str:
    """The page body for `key`: from the shared cache, else `render()`, stored when the bound allows."""
    seconds = settings.REFERENCE_CACHE_SECONDS
    if seconds <= 0 or key.page > CACHED_PAGES:
        return render()
    cache = caches[CACHE_ALIAS]
    cache_key = key.cache_key()
    body = cache.get(cache_key)
    if body is None:
        body = render()
        if _store_allowed(cache, seconds):
            cache.set(cache_key, body, seconds)
    return body


def _store_allowed(cache, seconds: int) -> bool:
    """Counts one more stored page in this window; False once STORED_PER_WINDOW pages were stored."""
    counter = f"catalogue:stored:{int(time.time()) // seconds}"
    try:
        return cache.incr(counter) <= STORED_PER_WINDOW
    except ValueError:  # the window's first page: no counter yet
        if cache.add(counter, 1, timeout=seconds * 2):
            return True
        return cache.incr(counter) <= STORED_PER_WINDOW  # another process started it first

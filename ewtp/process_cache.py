"""A small per-process cache with a time limit, for reference data read on every page (categories, lanes,
the day's rate table) that changes rarely and may show up to a few seconds late.

Per process on purpose: no network round trip, which is the point on a page that must cost little more
than a trivial view. The limit comes from settings.REFERENCE_CACHE_SECONDS (0 turns caching off; tests do).
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

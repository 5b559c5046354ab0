"""Per-client request rates, counted in the shared cache (Redis, or the database cache): every web process
sees the same counters, so adding processes never raises a partner's rate.

A fixed window per client: `add` starts the window's counter, `incr` counts. On Redis `incr` is atomic; on
the database cache it is a read and a write, so requests racing in the same instant may be counted once (a
few over the rate, never a partner locked out wrongly). Over the
rate, DRF answers 429 with Retry-After: the seconds left in the window. The rate is
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["client"] (API_CLIENT_RATE in the environment).
"""

from __future__ import annotations

import math
import time

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from ewtp.api.clients import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    scope = "client"
    cache_alias = "default"

    def __init__(self):
        # The rate is read here, per request, never at import; the cache is Django's, shared by processes.
        super().__init__()
        self.cache = caches[self.cache_alias]
        self._wait = 0.0

    def get_rate(self) -> str | None:
        # DRF binds its rates to the class at import; read them now, so a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.user, ApiClient):
            return None  # unauthenticated requests are refused before they cost anything
        return f"api-throttle:{self.scope}:{request.user.identity}"

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        window_key = f"{key}:{window}"
        self.cache.add(window_key, 0, timeout=self.duration + 1)
        try:
            count = self.cache.incr(window_key)
        except ValueError:  # expired between add and incr: this request opens the window
            self.cache.set(window_key, 1, timeout=self.duration + 1)
            count = 1
        if count <= self.num_requests:
            return True
        self._wait = (window + 1) * self.duration - now
        return False

    def wait(self) -> float:
        return max(1, math.ceil(self._wait))

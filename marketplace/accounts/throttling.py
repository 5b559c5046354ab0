"""Failed log-in throttling: a fixed window per (e-mail, client address), kept in the shared cache.

Keyed on both so one attacker cannot lock a victim out from everywhere, and one address cannot spray
many accounts without each pair counting. The window starts at the first failure; a success clears it.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def _key(*, email: str, ip: str) -> str:
    # Hashed so that neither addresses nor e-mails sit in the cache in clear text.
    digest = hashlib.sha256(f"{email.strip().lower()}|{ip}".encode()).hexdigest()
    return f"accounts:login-failures:{digest}"


def login_is_blocked(*, email: str, ip: str) -> bool:
    """True when this e-mail has failed from this address LOGIN_FAILURE_LIMIT times in the window."""
    return (cache.get(_key(email=email, ip=ip)) or 0) >= LOGIN_FAILURE_LIMIT


def login_failure_record(*, email: str, ip: str) -> int:
    """Count one failed log-in; returns the failures so far in the current window."""
    key = _key(email=email, ip=ip)
    # add() only sets the key when absent, so the window is not extended by later failures.
    cache.add(key, 0, timeout=LOGIN_FAILURE_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=LOGIN_FAILURE_WINDOW_SECONDS)
        return 1


def login_failures_clear(*, email: str, ip: str) -> None:
    cache.delete(_key(email=email, ip=ip))

"""Failed log-in throttling, counted in the cache every web process shares (Redis, or the database cache).

Two fixed windows, each starting at its first failure:
- per (e-mail, client address): 5 failures block that e-mail from that address, so an attacker elsewhere
  cannot lock the owner out from everywhere;
- per client address, across e-mails: 20 failures block the address, so spraying one password over many
  accounts is limited too.
A successful log-in clears its own (e-mail, address) count, never the address count: logging in to one's own
account between attempts does not reset a spray. The client address comes from ewtp.client_address
(X-Forwarded-For only from TRUSTED_PROXIES).

django-axes was considered: it applies one failure limit to every lockout parameter (the maximum over its
cache keys) and its reset on success clears the address count with the pair's, so neither rule above fits.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

LOGIN_FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def _digest(*parts: str) -> str:
    # Hashed so that neither addresses nor e-mails sit in the cache in clear text.
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _pair_key(*, email: str, ip: str) -> str:
    return f"accounts:login-failures:pair:{_digest(email.strip().lower(), ip)}"


def _address_key(*, ip: str) -> str:
    return f"accounts:login-failures:address:{_digest(ip)}"


def _count(key: str) -> int:
    # add() only sets the key when absent, so the window is not extended by later failures.
    cache.add(key, 0, timeout=LOGIN_FAILURE_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=LOGIN_FAILURE_WINDOW_SECONDS)
        return 1


def login_is_blocked(*, email: str, ip: str) -> bool:
    """True when this e-mail has failed from this address 5 times, or this address 20 times, in the window."""
    counts = cache.get_many([_pair_key(email=email, ip=ip), _address_key(ip=ip)])
    return (counts.get(_pair_key(email=email, ip=ip)) or 0) >= LOGIN_FAILURE_LIMIT or (
        counts.get(_address_key(ip=ip)) or 0
    ) >= ADDRESS_FAILURE_LIMIT


def login_failure_record(*, email: str, ip: str) -> int:
    """Count one failed log-in on both windows; returns the (e-mail, address) failures so far."""
    _count(_address_key(ip=ip))
    return _count(_pair_key(email=email, ip=ip))


def login_failures_clear(*, email: str, ip: str) -> None:
    cache.delete(_pair_key(email=email, ip=ip))

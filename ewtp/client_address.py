"""The address of the client behind a request, for throttles and logs.

`REMOTE_ADDR` is whoever opened the connection. Behind a load balancer or a reverse proxy that is the proxy,
so every client would share one address; the proxy names the client in `X-Forwarded-For`. That header is
written by the client too, so it is believed only as far as it was written by proxies we trust
(settings.TRUSTED_PROXIES: addresses or networks): read from the right, the first address that is not a
trusted proxy is the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request) -> str:
    """The client's IP address as text; "unknown" when the connection's own address is missing or invalid."""
    remote = _parse(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return "unknown"
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        return str(remote)
    hops = [hop for hop in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A trusted proxy does not write garbage: what lies left of it was written by the client.
            break
        if not _trusted(address, networks):
            return str(address)
    # Everything named was a trusted proxy (or nothing was named): the nearest one is all we know.
    return str(remote)

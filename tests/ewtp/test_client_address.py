"""The client's address: REMOTE_ADDR, unless it is a trusted proxy; then the first untrusted address from
the right of X-Forwarded-For."""

import pytest
from django.test import RequestFactory

from ewtp.client_address import client_address


def _request(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # no proxy trusted: the header is the client's own writing, ignored
        ([], "198.51.100.1", "192.0.2.1", "198.51.100.1"),
        # one trusted proxy: the address it forwarded
        (["10.0.0.2"], "10.0.0.2", "203.0.113.7", "203.0.113.7"),
        # the client prepended a fake address; the proxy appended the real one, which is taken
        (["10.0.0.2"], "10.0.0.2", "192.0.2.66, 203.0.113.7", "203.0.113.7"),
        # two trusted proxies in a row (a network): skip both
        (["10.0.0.0/8"], "10.0.0.2", "203.0.113.7, 10.1.1.1", "203.0.113.7"),
        # a trusted proxy that forwards nothing: itself
        (["10.0.0.2"], "10.0.0.2", None, "10.0.0.2"),
        # garbage left of the trusted hops: stop there, keep the last trusted hop
        (["10.0.0.0/8"], "10.0.0.2", "not-an-ip, 10.1.1.1", "10.0.0.2"),
        # IPv6
        (["2001:db8::/32"], "2001:db8::1", "2001:db9::7", "2001:db9::7"),
    ],
)
def test_the_client_address(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(_request(remote, forwarded)) == expected


def test_a_missing_connection_address_is_unknown(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("")) == "unknown"

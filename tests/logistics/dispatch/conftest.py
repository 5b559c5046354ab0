"""A partner's webhook endpoint on 127.0.0.1 (threading http.server), and lanes to dispatch on."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from logistics.partners.models import Partner


class PartnerEndpoint:
    """What the endpoint answers (`status`, or `hang` seconds of silence) and every request it received."""

    def __init__(self):
        self.status = 200
        self.hang = 0.0
        self.received: list[dict] = []
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address
        return f"http://{host}:{port}/ewtp-webhooks"


def _handler(endpoint: PartnerEndpoint):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            endpoint.received.append({"headers": dict(self.headers), "body": body, "path": self.path})
            if endpoint.hang:
                time.sleep(endpoint.hang)
            self.send_response(endpoint.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):  # keep the test output quiet
            pass

    return Handler


@pytest.fixture
def partner_endpoint():
    endpoint = PartnerEndpoint()
    endpoint.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(endpoint))
    endpoint.server.daemon_threads = True
    thread = threading.Thread(target=endpoint.server.serve_forever, daemon=True)
    thread.start()
    yield endpoint
    endpoint.hang = 0
    endpoint.server.shutdown()
    endpoint.server.server_close()


@pytest.fixture
def hooked_partner(db, partner_endpoint):
    """A partner whose webhooks go to the test endpoint."""

    def build(slug: str = "swift", **fields) -> Partner:
        return Partner.objects.create(
            name=slug.title(),
            slug=slug,
            webhook_url=partner_endpoint.url,
            webhook_secret=f"whsec_{slug}",
            **fields,
        )

    return build

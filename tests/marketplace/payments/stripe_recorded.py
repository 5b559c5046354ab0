"""The real Stripe SDK against recorded HTTP responses, through the one client's `http_client` slot."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import stripe


class RecordedHTTPClient(stripe.HTTPClient):
    """Replays recorded responses by (method, path) and keeps every request for the test to inspect."""

    name = "recorded"

    def __init__(self, responses: dict[tuple[str, str], tuple[int, dict]]):
        super().__init__()
        self.responses = responses
        self.requests: list[tuple[str, str, dict, str]] = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = url.split("api.stripe.com", 1)[1]
        self.requests.append((method, path, dict(headers or {}), post_data or ""))
        status, body = self.responses[(method, path)]
        return json.dumps(body), status, {"request-id": "req_test"}

    def close(self):
        pass

    def form(self, index: int = -1) -> dict[str, str]:
        """The form-encoded body of a request, one value per key: {"line_items[0][quantity]": "1", ...}."""
        body = self.requests[index][3]
        return {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}

    def headers(self, index: int = -1) -> dict:
        return self.requests[index][2]

"""The simulator's HTTP client against a small scripted server on 127.0.0.1: what is transient (429 after
its Retry-After, 5xx, a refused or dropped connection) is retried with backoff and the same Idempotency-Key;
what is final (4xx) is raised at once with the API's error; lists are followed page by page."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from logistics.simulator.api_client import (
    ApiRequestError,
    ApiUnavailableError,
    PartnerApiClient,
    RetryPolicy,
)


class Scripted:
    """A server answering each request with the next scripted answer: (status, headers, body) or "drop"
    (the connection closed without an answer). It records what it was sent."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests: list[dict] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                scripted.requests.append({"method": self.command, "path": self.path,
                                          "headers": dict(self.headers.items()),
                                          "body": self.rfile.read(length)})  # fmt: skip
                answer = scripted.answers.pop(0)
                if answer == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                status, headers, body = answer
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(*answers) -> Scripted:
        servers.append(Scripted(answers))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def slept():
    return []


@pytest.fixture
def client_for(slept):
    def build(url: str, attempts: int = 5) -> PartnerApiClient:
        policy = RetryPolicy(attempts=attempts, backoff_base=0.5, backoff_cap=4.0, timeout=2.0)
        return PartnerApiClient(base_url=url, key="ewtp_abcd_secret", policy=policy, sleep=slept.append)

    return build


ACCEPTED = (202, {}, {"received": 1, "stored": 1, "duplicates": 0, "refused": [], "batch_id": 7})


def test_a_429_waits_its_retry_after_then_sends_the_same_request_again(serve, client_for, slept):
    # given a server over the partner's rate for 3 seconds
    server = serve((429, {"Retry-After": "3"}, {"error": {"code": "throttled"}}), ACCEPTED)
    # when the client posts an event
    response = client_for(server.url).post("/api/v1/tracking/events/", {"events": [{"event_id": "e1"}]})
    # then it waited the 3 seconds, and the retry carried the same key, body and bearer key
    assert response.status == 202 and response.body["stored"] == 1
    assert slept == [3.0]
    first, second = server.requests
    assert first["headers"]["Idempotency-Key"] == second["headers"]["Idempotency-Key"]
    assert first["body"] == second["body"] == b'{"events":[{"event_id":"e1"}]}'
    assert second["headers"]["Authorization"] == "Bearer ewtp_abcd_secret"


def test_a_retry_after_longer_than_the_cap_is_cut(serve, client_for, slept):
    server = serve((429, {"Retry-After": "3600"}, {}), (200, {}, {"ok": True}))
    assert client_for(server.url).get("/api/v1/shipments/") == {"ok": True}
    assert slept == [60.0]


def test_server_errors_are_retried_with_growing_jittered_backoff(serve, client_for, slept):
    # given two server errors before the answer
    server = serve((503, {}, {}), (502, {}, {}), ACCEPTED)
    # when the client posts
    response = client_for(server.url).post("/api/v1/tracking/events/", {"events": []}, idempotency_key="k-1")
    # then it got the answer on the third try, with the one key, after waits of 0.25-0.5 s then 0.5-1 s
    assert response.status == 202
    assert [r["headers"]["Idempotency-Key"] for r in server.requests] == ["k-1"] * 3
    assert 0.25 <= slept[0] <= 0.5 and 0.5 <= slept[1] <= 1.0


def test_a_server_that_keeps_failing_raises_unavailable_after_every_try(serve, client_for, slept):
    server = serve(*[(500, {}, {})] * 3)
    with pytest.raises(ApiUnavailableError, match="500 server error"):
        client_for(server.url, attempts=3).get("/api/v1/shipments/")
    assert len(server.requests) == 3 and len(slept) == 2


def test_a_dropped_connection_is_retried(serve, client_for):
    # given a server that closes the first connection without answering (the answer lost on the way)
    server = serve("drop", ACCEPTED)
    # then the client sends the request again, under the same key (the API replays what it did first)
    response = client_for(server.url).post("/api/v1/tracking/events/", {"events": []})
    assert response.status == 202
    assert len({r["headers"]["Idempotency-Key"] for r in server.requests}) == 1


def test_a_refused_connection_is_retried_then_reported_unavailable(client_for, slept):
    # given nothing listening on the port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # when the client calls, then it tries every time and says the API is unavailable
    with pytest.raises(ApiUnavailableError, match="3 tries"):
        client_for(f"http://127.0.0.1:{port}", attempts=3).get("/api/v1/shipments/")
    assert len(slept) == 2


def test_a_final_error_is_raised_at_once_with_the_apis_code_and_fields(serve, client_for, slept):
    # given a 422 naming the field at fault
    body = {"error": {"code": "invalid", "message": "1 problem.", "fields": {"events[0].status": "Unknown."}}}
    server = serve((422, {}, body))
    # when the client posts, then it is not retried: the same request would fail the same way
    with pytest.raises(ApiRequestError) as raised:
        client_for(server.url).post("/api/v1/tracking/events/", {"events": [{}]})
    assert (raised.value.status, raised.value.code) == (422, "invalid")
    assert raised.value.fields == {"events[0].status": "Unknown."}
    assert len(server.requests) == 1 and slept == []


def test_a_replayed_answer_is_marked(serve, client_for):
    server = serve((202, {"Idempotent-Replayed": "true"}, {"stored": 1}))
    assert client_for(server.url).post("/api/v1/tracking/events/", {}).replayed is True


def test_pages_follow_next_on_the_clients_own_base_url(serve, client_for):
    # given two pages, the first naming the next by the server's idea of its host
    server = serve(
        (
            200,
            {},
            {"results": [{"id": 1}], "next": "http://testserver/api/v1/shipments/?cursor=abc&status=offered"},
        ),
        (200, {}, {"results": [{"id": 2}], "next": None}),
    )
    # then both pages are read, the second from the address the client was given
    assert [s["id"] for s in client_for(server.url).pages("/api/v1/shipments/", {"status": "offered"})] == [
        1,
        2,
    ]
    assert [r["path"] for r in server.requests] == [
        "/api/v1/shipments/?status=offered",
        "/api/v1/shipments/?cursor=abc&status=offered",
    ]


def test_only_http_base_urls_are_taken():
    with pytest.raises(ValueError, match="http"):
        PartnerApiClient(base_url="file:///etc/passwd", key="k")

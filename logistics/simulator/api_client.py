"""The partner API over HTTP, as any partner would call it: a bearer key, JSON, and retries that are safe.

    api = PartnerApiClient(base_url="http://127.0.0.1:8000", key="ewtp_...")
    for shipment in api.pages("/api/v1/shipments/", {"status": "offered"}): ...
    api.post("/api/v1/tracking/events/", {"events": [...]})

What is transient is retried with backoff and jitter: a connection refused, reset or timed out, a 5xx, and
429 (after its Retry-After). Every other answer is final and raised as ApiRequestError with the API's error.
A POST carries an Idempotency-Key that stays the same on every retry of that request, so a retry after a
lost response gets the first response replayed instead of doing the work twice.

The standard library's urllib only: a partner's client should need nothing the platform pins for itself.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, build_opener

log = logging.getLogger(__name__)

USER_AGENT = "ewtp-partner-simulator/1"


class ApiError(Exception):
    """The API could not be used for this request (see the two kinds below)."""


class ApiUnavailableError(ApiError):
    """Transient failures (connection, 5xx, 429) outlasted every retry: try again later."""


class ApiRequestError(ApiError):
    """The API answered with a final error (a 4xx other than 429): retrying the same request cannot help."""

    def __init__(self, *, method: str, path: str, status: int, body: object):
        error = body.get("error", {}) if isinstance(body, dict) else {}
        self.method, self.path, self.status = method, path, status
        self.code: str = error.get("code", "") if isinstance(error, dict) else ""
        self.fields: dict = (error.get("fields") or {}) if isinstance(error, dict) else {}
        message = error.get("message", "") if isinstance(error, dict) else ""
        super().__init__(f"{method} {path}: {status} {self.code} {message}".strip())


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries per request, the first included
    backoff_base: float = 0.5  # seconds before the second try; doubled each time, jittered
    backoff_cap: float = 30.0
    retry_after_cap: float = 60.0  # a Retry-After longer than this is cut (the loop comes back anyway)
    timeout: float = 10.0  # seconds for one HTTP exchange


@dataclass(frozen=True)
class ApiResponse:
    status: int
    body: object
    replayed: bool = False  # the Idempotency-Key was seen before: this is the first response, replayed


@dataclass
class _Exchange:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class PartnerApiClient:
    def __init__(
        self,
        *,
        base_url: str,
        key: str,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ):
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ValueError(f"The API's base URL must be http(s): {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._opener = build_opener()

    # -- the calls

    def get(self, path: str, params: dict | None = None) -> object:
        query = f"?{urlencode(params)}" if params else ""
        return self._request("GET", f"{path}{query}").body

    def post(self, path: str, body: object, *, idempotency_key: str | None = None) -> ApiResponse:
        """POST `body` as JSON under an Idempotency-Key (a new one unless given), the same on every retry."""
        return self._request("POST", path, body=body, idempotency_key=idempotency_key or str(uuid.uuid4()))

    def pages(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every item of a cursor-paginated list, following `next` (its path and query, on our base URL:
        the server names its own host, which may not be the one we reach it by)."""
        page = self.get(path, params)
        while True:
            yield from page["results"]
            if not page.get("next"):
                return
            following = urlsplit(page["next"])
            page = self.get(f"{following.path}?{following.query}")

    # -- one request, retried while the failure is transient

    def _request(
        self, method: str, path: str, *, body: object = None, idempotency_key: str | None = None
    ) -> ApiResponse:
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        headers = {"Authorization": f"Bearer {self.key}", "Accept": "application/json",
                   "User-Agent": USER_AGENT}  # fmt: skip
        if data is not None:
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        problem = ""
        for attempt in range(1, self.policy.attempts + 1):
            wait = None
            try:
                # http(s) only: the base URL's scheme is checked in __init__.
                request = Request(self.base_url + path, data=data, headers=headers, method=method)  # noqa: S310
                exchange = self._send(request)
            except (URLError, OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
            else:
                if exchange.status == 429:
                    problem, wait = "429 over the rate", self._retry_after(exchange.headers)
                elif exchange.status >= 500:
                    problem = f"{exchange.status} server error"
                else:
                    return self._answer(method, path, exchange)
            if attempt == self.policy.attempts:
                break
            wait = self._backoff(attempt) if wait is None else wait
            log.warning(
                "simulator.api_retry",
                extra={"method": method, "path": path, "problem": problem, "attempt": attempt,
                       "wait_s": round(wait, 2)},
            )  # fmt: skip
            self.sleep(wait)
        raise ApiUnavailableError(f"{method} {path}: {problem} ({self.policy.attempts} tries)")

    def _send(self, request: Request) -> _Exchange:
        """One HTTP exchange; an HTTP error status is an answer here, not an exception."""
        try:
            with self._opener.open(request, timeout=self.policy.timeout) as response:
                return _Exchange(response.status, dict(response.headers.items()), response.read())
        except HTTPError as error:
            with error:
                return _Exchange(error.code, dict(error.headers.items()), error.read())

    def _answer(self, method: str, path: str, exchange: _Exchange) -> ApiResponse:
        try:
            body = json.loads(exchange.body) if exchange.body else None
        except ValueError:
            body = exchange.body.decode(errors="replace")[:500]
        if exchange.status >= 400:
            raise ApiRequestError(method=method, path=path, status=exchange.status, body=body)
        replayed = exchange.headers.get("Idempotent-Replayed", "").lower() == "true"
        return ApiResponse(exchange.status, body, replayed=replayed)

    def _backoff(self, attempt: int) -> float:
        """Exponential with equal jitter: half the step for sure, half at random, so clients spread out."""
        step = min(self.policy.backoff_cap, self.policy.backoff_base * 2 ** (attempt - 1))
        return step / 2 + self.rng.uniform(0, step / 2)

    def _retry_after(self, headers: dict[str, str]) -> float | None:
        value = next((v for k, v in headers.items() if k.lower() == "retry-after"), "").strip()
        if not value:
            return None
        try:
            seconds = int(value)  # delay-seconds: a whole number (RFC 9110, 10.2.3)
        except ValueError:
            try:
                seconds = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                return None
        return min(max(seconds, 0.0), self.policy.retry_after_cap)
